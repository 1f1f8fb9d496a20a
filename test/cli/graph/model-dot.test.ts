/**
 * The chain-of-trust picture's model (cli/graph/model.ts) and DOT text (dot.ts) from hand-made
 * lookup results: what each status draws, where the red goes, and that names from strangers can
 * neither break out of a label nor make the picture unbounded.
 */
import { expect } from 'chai';
import { Name } from '../../../src/dns/name.ts';
import { RRType } from '../../../src/dns/iana/rr-types.ts';
import { parseRR } from '../../../src/dns/presentation.ts';
import type { LookupResult } from '../../../src/dnssec/validator.ts';
import type { ChainLink } from '../../../src/dnssec/keychain.ts';
import type { RRSIGRecord } from '../../../src/dnssec/rrsets.ts';
import { cut, graphModel, MAX_GRAPH_EDGES, MAX_GRAPH_LABEL_CHARS, MAX_GRAPH_NODES, MAX_GRAPH_RECORDS_PER_SET } from '../../../src/cli/graph/model.ts';
import { dotLines, dotString, TONE_COLOURS, toDot } from '../../../src/cli/graph/dot.ts';
import { renderSvg } from '../../../src/cli/graph/output.ts';

const KSK = { keyTag: 100, algorithm: 13, flags: 257 };
const ZSK = { keyTag: 200, algorithm: 13, flags: 256 };
const ROOT: ChainLink = { zone: '.', status: 'secure', via: 'trust-anchor', dsKeyTags: [100], keyTags: [100, 200], keys: [KSK, ZSK], ds: [{ keyTag: 100, algorithm: 13, digestType: 2, usable: true, matchedKeyTag: 100 }], keysSignedBy: 100 };

function child(zone: string, o: Partial<ChainLink> = {}): ChainLink {
  return { zone, status: 'secure', via: 'ds', dsKeyTags: [300], keyTags: [300, 400], keys: [{ keyTag: 300, algorithm: 13, flags: 257 }, { keyTag: 400, algorithm: 13, flags: 256 }], ds: [{ keyTag: 300, algorithm: 13, digestType: 2, usable: true, matchedKeyTag: 300 }], keysSignedBy: 300, dsSignedBy: 200, ...o };
}

function rrsig(owner: string, type: string, signer: string, tag: number): RRSIGRecord {
  return parseRR(`${owner} 300 IN RRSIG ${type} 13 2 300 20300101000000 20200101000000 ${tag} ${signer} AAAA`) as RRSIGRecord;
}

function lookup(name: string, o: Partial<LookupResult>): LookupResult {
  return { status: 'secure', name: Name.parse(name), type: RRType.A, kind: 'answer', rrset: [parseRR(`${name} 300 IN A 192.0.2.1`)], rrsigs: [], aliases: [], chain: [], reason: 'ok', reasons: [], expiresAt: 0, ...o };
}

const edgesFrom = (m: ReturnType<typeof graphModel>, labelPart: string) => m.edges.filter((e) => e.label.includes(labelPart));
const nodeByLabel = (m: ReturnType<typeof graphModel>, text: string) => m.nodes.find((n) => n.label.some((l) => l.includes(text)));

describe('cli/graph model', () => {
  it('a secure answer: zones from the anchor down, DS -> KSK, keys -> KSK (RRSIG DNSKEY), DS -> parent ZSK, RRset -> ZSK', () => {
    const m = graphModel('t', [lookup('mx.example.', { chain: [ROOT, child('example.')], rrsigs: [rrsig('mx.example.', 'A', 'example.', 400)] })]);
    expect(m.zones.map((z) => [z.name, z.status])).to.deep.equal([['.', 'secure'], ['example.', 'secure']]);
    const id = (t: string) => nodeByLabel(m, t)!.id;
    const has = (from: string, to: string, label: string) => m.edges.some((e) => e.from === from && e.to === to && e.label === label && e.tone === 'secure');
    expect(has(id('DS id=300'), id('DNSKEY id=300'), 'digest matches')).to.equal(true);
    expect(has(id('DNSKEY id=400'), id('DNSKEY id=300'), 'RRSIG DNSKEY')).to.equal(true);
    expect(has(id('DS id=300'), id('DNSKEY id=200'), 'RRSIG DS by .')).to.equal(true);
    expect(has(id('mx.example. A'), id('DNSKEY id=400'), 'RRSIG A')).to.equal(true);
    expect(nodeByLabel(m, 'trust anchor')!.kind).to.equal('anchor');
    expect(m.edges.every((e) => e.tone !== 'bogus')).to.equal(true);
  });

  it('a DS that matches no key: the DS -> DNSKEY edge and the zone are bogus, nothing else is', () => {
    const bad = child('example.', { status: 'bogus', failedAt: 'dnskey', keysSignedBy: undefined, ds: [{ keyTag: 300, algorithm: 13, digestType: 2, usable: true }], reason: 'no DNSKEY of example. matches its DS records' });
    const m = graphModel('t', [lookup('mx.example.', { status: 'bogus', rrset: [], chain: [ROOT, bad], rrsigs: [rrsig('mx.example.', 'A', 'example.', 400)] })]);
    expect(m.zones.find((z) => z.name === 'example.')!.status).to.equal('bogus');
    expect(edgesFrom(m, 'digest does not match').map((e) => e.tone)).to.deep.equal(['bogus']);
    expect(m.edges.filter((e) => e.tone === 'bogus')).to.have.length(1);
    // The answer's own signature is not where it failed: not red.
    expect(edgesFrom(m, 'RRSIG A').map((e) => e.tone)).to.deep.equal(['unused']);
  });

  it('a bad signature on the answer under a secure chain: the RRSIG edge is red, the zones are not', () => {
    const m = graphModel('t', [lookup('mx.example.', { status: 'bogus', rrset: [], chain: [ROOT, child('example.')], rrsigs: [rrsig('mx.example.', 'A', 'example.', 400)], reason: 'RRSIG does not verify' })]);
    expect(edgesFrom(m, 'RRSIG A').map((e) => e.tone)).to.deep.equal(['bogus']);
    expect(m.zones.every((z) => z.status === 'secure')).to.equal(true);
    expect(nodeByLabel(m, 'mx.example. A')!.label).to.include('RRSIG does not verify');
  });

  it('a DNSKEY RRset whose signature fails although the DS matched: the RRSIG DNSKEY edges are red', () => {
    const bad = child('example.', { status: 'bogus', failedAt: 'dnskey', keysSignedBy: undefined });
    const m = graphModel('t', [lookup('mx.example.', { status: 'bogus', rrset: [], chain: [ROOT, bad] })]);
    expect(edgesFrom(m, 'RRSIG DNSKEY does not verify').length).to.equal(2);
    expect(edgesFrom(m, 'RRSIG DNSKEY does not verify').every((e) => e.tone === 'bogus')).to.equal(true);
    expect(edgesFrom(m, 'digest matches').every((e) => e.tone === 'secure')).to.equal(true);
  });

  it('a DS answer that fails: a red node in the child pointing at the parent\'s keys', () => {
    const bad: ChainLink = { zone: 'example.', status: 'bogus', via: 'ds', dsKeyTags: [], keyTags: [], failedAt: 'ds', reason: 'RRSIG DS expired' };
    const m = graphModel('t', [lookup('mx.example.', { status: 'bogus', rrset: [], chain: [ROOT, bad] })]);
    const n = nodeByLabel(m, 'DS example.')!;
    expect([n.kind, n.tone]).to.deep.equal(['missing', 'bogus']);
    expect(m.edges.filter((e) => e.from === n.id && e.tone === 'bogus').length).to.be.greaterThan(0);
  });

  it('an insecure delegation: the NSEC proving no DS in the parent, signed there, pointed at from the unsigned child', () => {
    const cutLink: ChainLink = { zone: 'plain.example.', status: 'insecure', via: 'ds', dsKeyTags: [], keyTags: [], reason: 'no DS',
      denial: { zone: 'example.', proves: 'no-ds', name: 'plain.example.', type: 'DS', signerKeyTags: [400], records: [{ type: 'NSEC', owner: 'plain.example.', next: 'z.example.', types: ['NS', 'RRSIG', 'NSEC'] }] } };
    const m = graphModel('t', [lookup('mx.plain.example.', { status: 'insecure', chain: [ROOT, child('example.'), cutLink] })]);
    const nsec = nodeByLabel(m, 'NSEC plain.example.')!;
    expect(m.zones.find((z) => z.id === nsec.zone)!.name).to.equal('example.');
    expect(nsec.label).to.include('types NS RRSIG NSEC');
    expect(edgesFrom(m, 'proves no DS').map((e) => e.tone)).to.deep.equal(['insecure']);
    expect(m.edges.some((e) => e.from === nsec.id && e.label === 'RRSIG NSEC' && e.to === nodeByLabel(m, 'DNSKEY id=400')!.id)).to.equal(true);
    expect(m.zones.find((z) => z.name === 'plain.example.')!.status).to.equal('insecure');
    expect(nodeByLabel(m, 'mx.plain.example. A')!.zone).to.equal(m.zones.find((z) => z.name === 'plain.example.')!.id);
  });

  it('NXDOMAIN with NSEC3: each record (hash, next, types, iterations, opt-out) linked from the answer with what it proves', () => {
    const m = graphModel('t', [lookup('nope.example.', { kind: 'nxdomain', rrset: [], chain: [ROOT, child('example.')],
      denial: { zone: 'example.', proves: 'nxdomain', name: 'nope.example.', type: 'A', signerKeyTags: [400], records: [
        { type: 'NSEC3', owner: 'aaaa.example.', next: 'bbbb', types: ['A'], iterations: 0, optOut: true },
        { type: 'NSEC3', owner: 'cccc.example.', next: 'dddd', types: [], iterations: 0 }] } })]);
    const answer = nodeByLabel(m, 'nope.example. A')!;
    expect(answer.label).to.include('NXDOMAIN (secure)');
    const proofs = m.edges.filter((e) => e.from === answer.id);
    expect(proofs.map((e) => e.label)).to.deep.equal(['proves NXDOMAIN for nope.example. A', 'proves NXDOMAIN for nope.example. A']);
    expect(nodeByLabel(m, 'NSEC3 aaaa.example.')!.label).to.deep.equal(['NSEC3 aaaa.example.', 'next bbbb', 'types A', 'iterations 0, opt-out']);
    expect(nodeByLabel(m, 'NSEC3 cccc.example.')!.label).to.include('types (none)');
  });

  it('an RRSIG by a key the zone does not publish: a dotted node for the missing key', () => {
    const m = graphModel('t', [lookup('mx.example.', { status: 'bogus', rrset: [], chain: [ROOT, child('example.')], rrsigs: [rrsig('mx.example.', 'A', 'example.', 999)] })]);
    const missing = nodeByLabel(m, 'DNSKEY id=999')!;
    expect([missing.kind, missing.tone]).to.deep.equal(['missing', 'bogus']);
  });

  it('bounds: many keys, DS and lookups stay under the node and edge limits, and say what was left out', () => {
    const keys = Array.from({ length: 500 }, (_, i) => ({ keyTag: i, algorithm: 13, flags: 256 }));
    const many = Array.from({ length: 200 }, (_, i) => lookup(`h${i}.z${i}.example.`, { chain: [ROOT, child('example.', { keys }), child(`z${i}.example.`, { keys })], rrsigs: [rrsig(`h${i}.z${i}.example.`, 'A', `z${i}.example.`, 1)] }));
    const m = graphModel('t', many);
    expect(m.nodes.length).to.be.at.most(MAX_GRAPH_NODES);
    expect(m.edges.length).to.be.at.most(MAX_GRAPH_EDGES);
    expect(m.omitted).to.be.greaterThan(0);
    const perZone = m.nodes.filter((n) => n.zone === m.zones.find((z) => z.name === 'example.')!.id && n.kind === 'dnskey');
    expect(perZone.length).to.equal(MAX_GRAPH_RECORDS_PER_SET);
    expect(toDot(m)).to.contain('more nodes and edges not drawn');
  });

  it('cuts long labels to MAX_GRAPH_LABEL_CHARS characters without splitting a character', () => {
    expect(cut('a'.repeat(1000))).to.have.length(MAX_GRAPH_LABEL_CHARS);
    expect(Array.from(cut('😀'.repeat(100)))).to.have.length(MAX_GRAPH_LABEL_CHARS);
    expect(cut('short')).to.equal('short');
    const name = `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.example.`;
    const m = graphModel('t', [lookup(name, { chain: [ROOT] })]);
    expect(m.nodes.every((n) => n.label.every((l) => Array.from(l).length <= MAX_GRAPH_LABEL_CHARS))).to.equal(true);
  });
});

describe('cli/graph DOT', () => {
  it('quotes and escapes: quotes, backslashes (no Graphviz \\N or \\l escapes), line breaks and control characters', () => {
    expect(dotString('a"b')).to.equal('"a\\"b"');
    expect(dotString('a\\Nb')).to.equal('"a\\\\Nb"');
    expect(dotString('a\nb\r\u0000c\u2028d')).to.equal('"a b  c d"');
    expect(dotLines(['one', 'two"'])).to.equal('"one\\ntwo\\""');
  });

  it('a hostile name stays one label: no extra node, edge or attribute, and the SVG has it as text', async () => {
    const hostile = 'x"];evil [shape=box];a -> b [label="<script>alert(1)</script>\\\\G&amp;.example.';
    const name = Name.parse('x\\"\\]\\;evil.\\<script\\>alert\\(1\\)\\</script\\>\\\\G\\&amp.example.');
    const m = graphModel(hostile, [lookup(name.toString(), { name, chain: [ROOT, child('example.')], rrsigs: [] })]);
    const dot = toDot(m);
    // Every line is one the writer made: the name broke no quote and started no statement.
    for (const line of dot.trimEnd().split('\n')) expect(line).to.match(/^(digraph "chain of trust" \{|  (graph|node|edge) |  label="|  subgraph cluster_z\d+ \{$|    id="z\d+"; |    n\d+ \[id="n\d+", |  n\d+ -> n\d+ \[id="e\d+", |  \}$|\}$)/);
    const svg = await renderSvg(dot);
    expect(svg).to.not.match(/<script/i);
    expect(svg).to.contain('&lt;script&gt;');
    // Exactly the nodes the model made: one <g class="node"> each, nothing the name added.
    expect(svg.match(/<g id="n\d+" class="/g)?.length).to.equal(m.nodes.length);
    expect(svg.match(/<g id="e\d+" class="/g)?.length).to.equal(m.edges.length);
  });

  it('colours every node and edge by its tone, red only for bogus', () => {
    const bad = child('example.', { status: 'bogus', failedAt: 'dnskey', keysSignedBy: undefined, ds: [{ keyTag: 300, algorithm: 13, digestType: 2, usable: true }] });
    const dot = toDot(graphModel('t', [lookup('mx.example.', { status: 'bogus', rrset: [], chain: [ROOT, bad] })]));
    const red = dot.split('\n').filter((l) => l.includes(TONE_COLOURS.bogus));
    expect(red.some((l) => /-> .*digest does not match.*penwidth=3/.test(l))).to.equal(true);
    expect(red.some((l) => l.includes('class="zone bogus"'))).to.equal(true);
    expect(red.every((l) => /bogus/.test(l))).to.equal(true);
  });

  it('refuses ids the model did not make (caller misuse)', () => {
    const m = graphModel('t', [lookup('mx.example.', { chain: [ROOT] })]);
    expect(() => toDot({ ...m, edges: [{ from: 'n0 -> x', to: 'n1', label: '', tone: 'secure', dashed: false }] })).to.throw(TypeError, /graph model id/);
  });
});

describe('cli/graph: a lookup no chain of trust reached', () => {
  it('an indeterminate answer without a chain is drawn outside every zone, with its reason', async () => {
    const m = graphModel('t', [lookup('mx.example.', { status: 'indeterminate', kind: 'error', rrset: [], reason: 'no answer over UDP within 5000 ms' })]);
    expect(m.zones).to.deep.equal([]);
    expect(m.nodes.map((n) => [n.zone, n.tone, n.label])).to.deep.equal([['', 'indeterminate', ['mx.example. A', 'answer (indeterminate)', 'no answer over UDP within 5000 ms']]]);
    const svg = await renderSvg(toDot(m));
    expect(svg).to.contain('>no answer over UDP within 5000 ms</text>');
  });
});
