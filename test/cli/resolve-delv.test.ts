/**
 * `dane-verify resolve` beside BIND's `delv` (Debian bind9-dnsutils, installed by
 * .ci/system-deps.sh) on every name/type of the validator's test world: both ask the same server
 * and start from the same anchor; their statuses must agree. delv says "fully validated",
 * "unsigned answer" or fails (bogus and indeterminate alike); we say secure, insecure, bogus or
 * indeterminate.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { runCli } from '../../src/cli/run.ts';
import { delv, writeDelvAnchors } from '../testing/delv.ts';
import { SPEC } from '../dnssec/world-spec.ts';

/** Every question the validator tests ask, plus a few more. */
const QUESTIONS: [string, string][] = [
  ['example.', 'MX'], ['mx.example.', 'A'], ['_25._tcp.mx.example.', 'TLSA'], ['nope.example.', 'A'], ['mx.example.', 'AAAA'],
  ['b.ent.example.', 'A'], ['x.wild.example.', 'TXT'], ['x.wild.example.', 'A'], ['chain.example.', 'A'], ['cross.example.', 'A'],
  ['mx.dn.example.', 'A'], ['toplain.example.', 'A'],
  ['n3.example.', 'MX'], ['nope.n3.example.', 'A'], ['mx.n3.example.', 'TLSA'], ['y.ent.n3.example.', 'A'], ['z.w.n3.example.', 'TXT'],
  ['mx.unsigned.optout.example.', 'A'], ['mx.plain.example.', 'A'], ['plain.example.', 'MX'], ['mx.island.example.', 'A'],
  ['mx.gost.example.', 'A'], ['nope.iter.example.', 'A'], ['mx.rsa.example.', 'A'],
  ['mx.corrupt.example.', 'A'], ['mx.expired.example.', 'A'], ['mx.future.example.', 'A'], ['mx.nosig.example.', 'A'],
  ['mx.dsbad.example.', 'A'], ['nope.gap.example.', 'A'], ['mx.bitmap.example.', 'AAAA'], ['nope.iter2.example.', 'A'],
];

/**
 * delv prints one status line per RRset it validated (a CNAME chain into an unsigned zone gives
 * "fully validated" then "unsigned answer"; a denial adds ";; resolution failed: ncache ..." after
 * its status line) and no status line at all when validation failed; the answer as a whole is as
 * good as its worst line, as ours is.
 */
function delvStatus(output: string): string {
  const lines = [...output.matchAll(/^; (negative response, )?(fully validated|unsigned answer)/gm)].map((m) => m[2]);
  if (lines.length === 0) return 'bogus-or-indeterminate';
  return lines.includes('unsigned answer') ? 'insecure' : 'secure';
}

/**
 * The one deliberate difference: NSEC3 with more than 500 iterations. BIND treats every count above
 * its limit as insecure; we refuse above a hard limit as bogus, as RFC 9276 §3.2 allows ("MAY
 * return SERVFAIL") and issue #5 asks. Both carry EDE 27; neither ever yields a secure denial.
 */
const KNOWN_DIFFERENCES: Record<string, { ours: string; delv: string }> = {
  'nope.iter2.example. A': { ours: 'bogus-or-indeterminate', delv: 'insecure' },
};

describe('dane-verify resolve agrees with delv on the test world', function () {
  this.timeout(300_000);
  let world: TestWorld;
  let delvAnchors: { file: string; cleanup: () => void };
  let dir: string;
  let ourAnchors: string;

  before(async () => {
    world = await createTestWorld(SPEC as never);
    delvAnchors = writeDelvAnchors(world);
    dir = mkdtempSync(join(tmpdir(), 'dane-verify-resolve-'));
    ourAnchors = join(dir, 'anchors.ds');
    writeFileSync(ourAnchors, world.trustAnchors.text);
  });
  after(async () => {
    delvAnchors?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  for (const [name, type] of QUESTIONS) {
    it(`${name} ${type}`, async () => {
      const ours = await runCli(['resolve', name, type, '--resolver', world.resolver, '--trust-anchor', ourAnchors, '--json']);
      expect(ours.stderr).to.equal('');
      const status = (JSON.parse(ours.stdout) as { status: string }).status;
      const theirs = await delv(world, delvAnchors.file, name, type);
      const mine = status === 'bogus' || status === 'indeterminate' ? 'bogus-or-indeterminate' : status;
      const known = KNOWN_DIFFERENCES[`${name} ${type}`];
      const message = `ours: ${ours.stdout}\ndelv: ${theirs.output}`;
      if (known) expect({ ours: mine, delv: delvStatus(theirs.output) }, message).to.deep.equal(known);
      else expect(mine, message).to.equal(delvStatus(theirs.output));
    });
  }
});
