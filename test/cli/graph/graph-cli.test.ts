/**
 * `--graph` on real results of the test world: the domain check and `resolve` write DOT or SVG
 * showing the zones, the DS -> DNSKEY links, the signing keys and denial proofs, with the failing
 * link red; the command's own output and exit code are those it gives without --graph.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CliWorld } from '../../support/cli-world.ts';
import { TONE_COLOURS } from '../../../src/cli/graph/dot.ts';
import { drawWith, graphWorld, PICTURES } from './graph-world.ts';

const RED = TONE_COLOURS.bogus;

/** The DOT lines of edges whose label contains `label`. */
function edgeLines(dot: string, label: string): string[] {
  return dot.split('\n').filter((l) => / -> /.test(l) && l.includes(`label="${label}`));
}

describe('cli --graph on the test world', function () {
  this.timeout(120_000);
  let w: CliWorld;
  before(async () => {
    w = await graphWorld();
  });
  after(async () => {
    await w?.world.close();
    if (w) rmSync(w.dir, { recursive: true, force: true });
  });

  const draw = async (args: readonly string[], name: string) => {
    const file = join(w.dir, name);
    const out = await drawWith(w, args, file);
    return { out, text: readFileSync(file, 'utf8'), file };
  };

  it('secure (domain check, connected): every zone from the root down, DS -> KSK, TLSA and MX proven by the ZSK, nothing red; output unchanged', async () => {
    const plain = await drawWith(w, PICTURES.secure);
    const { out, text, file } = await draw(PICTURES.secure, 'secure.dot');
    expect([out.exitCode, out.stdout]).to.deep.equal([0, plain.stdout]);
    expect(out.stderr).to.equal(`dane-verify: chain of trust written to ${file}\n`);
    for (const zone of ['. (root)', 'example.', 'good.example.']) expect(text).to.contain(`label="${zone}"`);
    expect(edgeLines(text, 'digest matches')).to.have.length(3);
    expect(edgeLines(text, 'RRSIG TLSA')).to.have.length(1);
    expect(edgeLines(text, 'RRSIG MX')).to.have.length(1);
    expect(edgeLines(text, 'proves NXDOMAIN for _smtp._tls.good.example. TXT')).to.have.length(1);
    expect(text).to.not.contain(RED);
  });

  it('bogus, DS mismatch (domain check): the DS -> DNSKEY edge of dsbad.example. is red, the zone bogus, exit 1 as without --graph', async () => {
    const plain = await drawWith(w, PICTURES.bogus);
    const { out, text } = await draw(PICTURES.bogus, 'bogus.dot');
    expect([out.exitCode, out.stdout]).to.deep.equal([1, plain.stdout]);
    const mismatch = edgeLines(text, 'digest does not match');
    expect(mismatch).to.have.length(1);
    expect(mismatch[0]).to.contain(`color="${RED}"`);
    expect(text).to.match(/class="zone bogus"; labelloc=b; label="dsbad\.example\.\\nbogus: no DNSKEY of dsbad\.example\. matches its DS records/);
    // Red is only where the chain broke: the parent zones stay blue.
    expect(text.split('\n').filter((l) => l.includes(RED) && l.includes('class="zone'))).to.have.length(1);
  });

  it('bogus, bad signature (resolve): the RRSIG A edge to the ZSK is red, the chain above is secure', async () => {
    const { out, text } = await draw(PICTURES.badSignature, 'badsig.dot');
    expect(out.exitCode).to.equal(1);
    const sig = edgeLines(text, 'RRSIG A fails');
    expect(sig).to.have.length(1);
    expect(sig[0]).to.contain(`color="${RED}"`);
    expect(text).to.not.contain('class="zone bogus"');
  });

  it('insecure delegation (resolve): the NSEC of example. proving no DS at plain.example., and the unsigned zone', async () => {
    const { out, text } = await draw(PICTURES.insecure, 'insecure.dot');
    expect(out.exitCode).to.equal(2);
    expect(text).to.match(/label="NSEC plain\.example\.\\nnext [^"]+\\ntypes NS RRSIG NSEC"/);
    expect(edgeLines(text, 'proves no DS (insecure delegation) for plain.example. DS')).to.have.length(1);
    expect(text).to.match(/class="zone insecure"; labelloc=b; label="plain\.example\./);
    expect(text).to.not.contain(RED);
  });

  it('NSEC3 NXDOMAIN (resolve): the hashed NSEC3 records of n3.example. with what they prove and the key that signed them', async () => {
    const { out, text } = await draw(PICTURES.nxdomain, 'nx.dot');
    expect(out.exitCode).to.equal(0);
    const records = text.split('\n').filter((l) => /class="denial secure"/.test(l));
    expect(records.length).to.be.within(2, 3);
    for (const r of records) expect(r).to.match(/label="NSEC3 [0-9a-v]{32}\.n3\.example\.\\nnext [0-9a-v]{32}\\ntypes [^"]*\\niterations 1"/);
    expect(edgeLines(text, 'proves NXDOMAIN for nope.n3.example. A').length).to.equal(records.length);
    expect(edgeLines(text, 'RRSIG NSEC3').length).to.equal(records.length);
  });

  it('.svg is Graphviz SVG with the zone names as text; --json output stays JSON', async () => {
    const { out, text } = await draw([...PICTURES.nxdomain, '--json'], 'nx.svg');
    expect((JSON.parse(out.stdout) as { status: string }).status).to.equal('secure');
    expect(text).to.match(/^<\?xml[^]*<svg /);
    expect(text).to.contain('Generated by graphviz');
    for (const zone of ['. (root)', 'example.', 'n3.example.']) expect(text).to.contain(`>${zone}</text>`);
  });

  it('another extension, or a file that cannot be written, is a usage error before any lookup', async () => {
    const last = w.world.server.log.at(-1);
    for (const [file, message] of [[join(w.dir, 'x.png'), /must end in \.svg .* or \.dot/], [join(w.dir, 'no', 'such', 'x.svg'), /cannot write it \(ENOENT\)/]] as const) {
      for (const args of [PICTURES.secure, PICTURES.insecure]) {
        const out = await drawWith(w, args, file);
        expect(out.exitCode).to.equal(64);
        expect(out.stdout).to.equal('');
        expect(out.stderr).to.match(message);
        expect(existsSync(file)).to.equal(false);
      }
    }
    expect(w.world.server.log.at(-1)).to.equal(last); // no DNS question was asked
  });
});
