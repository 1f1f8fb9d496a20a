import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { RecordOf } from '../../src/dns/record.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { parseRR } from '../../src/dns/presentation.ts';
import { computeDS } from '../../src/dnssec/ds.ts';
import { delv, writeDelvAnchors, type DelvVerdict } from './delv.ts';
import { bindVerifyZone, ldnsVerifyZone } from './verifiers.ts';

const TLSA = '3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('testing/world', function () {
  this.timeout(120_000);
  let world: TestWorld;
  let anchors: { file: string; cleanup: () => void };

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {
          records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA ${TLSA}`, '*.wild TXT "w"', 'alias CNAME mx.nsec3.example.',
            'a.b.c TXT "deep"', 'moved DNAME nsec3.example.'],
        },
        'nsec3.example.': { algorithm: 8, denial: { nsec3: { salt: 'abcd', iterations: 2 } }, records: ['mx A 127.0.0.2', '*.w TXT "w3"'] },
        'optout.example.': { algorithm: 15, denial: { nsec3: { optOut: true } }, records: ['mx A 127.0.0.7', 'ins NS ns.elsewhere.'] },
        'broken.example.': { break: [{ kind: 'corrupt-signature', name: 'mx', type: 'A' }], records: ['mx A 127.0.0.3'] },
        'expired.example.': { break: [{ kind: 'expired-signature', type: 'TLSA' }], records: ['mx A 127.0.0.8', `_25._tcp.mx TLSA ${TLSA}`] },
        'badds.example.': { break: [{ kind: 'ds-mismatch' }], records: ['mx A 127.0.0.9'] },
        'gap.example.': { break: [{ kind: 'wrong-nsec-coverage', name: 'nope' }], records: ['mx A 127.0.0.10'] },
        'gap3.example.': { denial: { nsec3: {} }, break: [{ kind: 'wrong-nsec-coverage', name: 'nope' }], records: ['mx A 127.0.0.11'] },
        'lie.example.': { break: [{ kind: 'nsec-bitmap', name: 'mx', add: ['AAAA'] }], records: ['mx A 127.0.0.12'] },
        'nosig.example.': { break: [{ kind: 'missing-rrsig', name: 'mx', type: 'A' }], records: ['mx A 127.0.0.13'] },
        'early.example.': { break: [{ kind: 'future-signature', name: 'mx' }], records: ['mx A 127.0.0.14'] },
        'trap.example.': { break: [{ kind: 'keytrap', keys: 4, name: 'mx', type: 'A' }], records: ['mx A 127.0.0.15'] },
        'private.': { algorithm: 253, records: ['mx A 127.0.0.16'] },
        'revoked.example.': { break: [{ kind: 'revoke-ksk' }], records: ['mx A 127.0.0.17'] },
        'nozone.example.': { break: [{ kind: 'no-zone-flag' }], records: ['mx A 127.0.0.18'] },
        'labels.example.': {
          break: [{ kind: 'rrsig-labels', delta: 1, name: 'up', type: 'A' }, { kind: 'rrsig-labels', delta: -1, name: 'down', type: 'A' }],
          records: ['up A 127.0.0.19', 'down A 127.0.0.20'],
        },
        'digests.example.': { dsDigestTypes: [1, 2, 4], records: ['mx A 127.0.0.22'] },
        'digest.example.': { break: [{ kind: 'ds-digest-type', digestType: 200 }], records: ['mx A 127.0.0.21'] },
        'knob253.example.': { break: [{ kind: 'unsupported-algorithm' }], records: ['mx A 127.0.0.23'] },
        'plain.': { unsigned: true, records: ['@ MX 10 mx', 'mx A 127.0.0.4'] },
        'gost.': { algorithm: 12, records: ['mx A 127.0.0.5'] },
        'island.': { break: [{ kind: 'no-ds' }], records: ['mx A 127.0.0.6'] },
      },
    });
    anchors = writeDelvAnchors(world);
  });
  after(async () => {
    anchors?.cleanup();
    await world?.close();
  });

  it('serves on 127.0.0.1 and gives the private root DS records as trust anchors', () => {
    expect(world.resolver).to.match(/^127\.0\.0\.1:\d+$/);
    const root = world.zones.get('.')!;
    expect(world.trustAnchors.records).to.have.length(1);
    const ksk = root.signed!.dnskeys.find((k) => k.data.flags === 257)!;
    expect(world.trustAnchors.records[0]!.data).to.deep.equal(computeDS(ksk, 2).data);
    expect(parseRR(world.trustAnchors.text.trim()).data).to.deep.equal(world.trustAnchors.records[0]!.data);
  });

  it('delegates each zone from the deepest zone above it, with DS only for signed zones that hand one over', () => {
    const parentHas = (parent: string, child: string, type: number) =>
      world.zones.get(parent)!.records.some((rr) => rr.type === type && rr.name.equals(Name.parse(child)));
    expect(parentHas('example.', 'nsec3.example.', RRType.NS)).to.equal(true);
    expect(parentHas('example.', 'nsec3.example.', RRType.DS)).to.equal(true);
    expect(parentHas('.', 'example.', RRType.DS)).to.equal(true);
    expect(parentHas('.', 'nsec3.example.', RRType.NS)).to.equal(false);
    expect(parentHas('.', 'plain.', RRType.NS)).to.equal(true);
    expect(parentHas('.', 'plain.', RRType.DS)).to.equal(false);
    expect(parentHas('.', 'island.', RRType.DS)).to.equal(false);
    expect(parentHas('.', 'gost.', RRType.DS)).to.equal(true);
    const digests = world.zones.get('example.')!.records.filter((rr) => rr.type === RRType.DS && rr.name.equals(Name.parse('digests.example.')));
    expect(digests.map((rr) => (rr as RecordOf<typeof RRType.DS>).data.digestType).sort()).to.deep.equal([1, 2, 4]);
  });

  it('serves zones that ldns-verify-zone and dnssec-verify accept, from the parent DS down', () => {
    for (const name of ['.', 'example.', 'nsec3.example.', 'optout.example.', 'island.']) {
      const z = world.zones.get(name)!;
      const ldns = ldnsVerifyZone(z.signed!, new Date(), z.ds.length > 0 ? z.ds : undefined);
      expect(ldns.ok, `${name}: ${ldns.output}`).to.equal(true);
      const bind = bindVerifyZone(z.signed!);
      expect(bind.ok, `${name}: ${bind.output}`).to.equal(true);
    }
  });

  // What BIND's validator concludes through the world's server, from the world's root anchor.
  const expectations: [string, string, DelvVerdict][] = [
    ['example.', 'MX', 'secure'],
    ['_25._tcp.mx.example.', 'TLSA', 'secure'],
    ['example.', 'DNSKEY', 'secure'],
    ['.', 'DNSKEY', 'secure'],
    ['nope.example.', 'A', 'secure-negative'],
    ['mx.example.', 'AAAA', 'secure-negative'],
    ['c.example.', 'A', 'secure-negative'],
    ['x.y.wild.example.', 'TXT', 'secure'],
    ['x.wild.example.', 'A', 'secure-negative'],
    ['alias.example.', 'A', 'secure'],
    ['mx.moved.example.', 'A', 'secure'],
    ['mx.nsec3.example.', 'A', 'secure'],
    ['nope.nsec3.example.', 'A', 'secure-negative'],
    ['x.w.nsec3.example.', 'TXT', 'secure'],
    ['x.w.nsec3.example.', 'A', 'secure-negative'],
    ['nsec3.example.', 'DS', 'secure'],
    ['mx.optout.example.', 'A', 'secure'],
    ['ins.optout.example.', 'DS', 'secure-negative'],
    ['nope.optout.example.', 'A', 'secure-negative'],
    ['mx.broken.example.', 'A', 'failed'],
    ['_25._tcp.mx.expired.example.', 'TLSA', 'failed'],
    ['mx.expired.example.', 'A', 'secure'],
    ['mx.badds.example.', 'A', 'failed'],
    ['nope.gap.example.', 'A', 'failed'],
    ['mx.gap.example.', 'A', 'secure'],
    ['nope.gap3.example.', 'A', 'failed'],
    ['mx.lie.example.', 'AAAA', 'failed'],
    ['mx.lie.example.', 'A', 'secure'],
    ['mx.nosig.example.', 'A', 'failed'],
    ['mx.early.example.', 'A', 'failed'],
    // BIND 9.18 gives up with "crypto failure" when a key with the RRSIG's tag is not a valid
    // P-256 point (keysWithTag makes random keys), before it reaches the real key.
    ['mx.trap.example.', 'A', 'failed'],
    ['mx.private.', 'A', 'insecure'],
    ['mx.revoked.example.', 'A', 'failed'],
    ['mx.nozone.example.', 'A', 'failed'],
    ['up.labels.example.', 'A', 'failed'],
    ['down.labels.example.', 'A', 'failed'],
    ['mx.digest.example.', 'A', 'insecure'],
    ['mx.digests.example.', 'A', 'secure'],
    ['mx.knob253.example.', 'A', 'insecure'],
    ['mx.plain.', 'A', 'insecure'],
    ['plain.', 'DS', 'secure-negative'],
    ['mx.gost.', 'A', 'insecure'],
    ['mx.island.', 'A', 'insecure'],
  ];
  for (const [name, type, verdict] of expectations) {
    it(`delv: ${name} ${type} is ${verdict}`, async () => {
      const r = await delv(world, anchors.file, name, type);
      expect(r.verdict, r.output).to.equal(verdict);
    });
  }

  it('answers without a socket through the same logic (world.answerer)', () => {
    const a = world.answerer.answer({ name: Name.parse('mx.broken.example.'), type: RRType.A, dnssecOk: true });
    expect(a.rcode).to.equal(Rcode.NOERROR);
    expect(a.answer.map((rr) => rr.type)).to.deep.equal([RRType.A, RRType.RRSIG]);
  });
});
