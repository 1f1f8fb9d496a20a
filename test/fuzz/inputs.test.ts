/**
 * The short fixed-seed run of `npm run fuzz` (test/fuzz/inputs.ts) that `npm test` includes: a
 * few thousand inputs of every target (see input-targets.ts for the contracts), about 5 s in all
 * here, and checks that the harness itself reports a crash and a hang with a path that replays.
 * A failure prints the input and the command that replays it.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createTarget, showText, TARGET_NAMES, type FuzzTarget, type TargetName } from './input-targets.ts';
import { runTarget } from './inputs.ts';
import { parseTrustAnchors, TrustAnchorError } from '../../src/dnssec/anchors.ts';

const SEED = 20261128;
/**
 * Inputs per target: the certificate target is ~30x slower per input (asn1js, pkijs, signatures).
 */
const RUNS: Record<TargetName, number> = { decoder: 4000, rdata: 4000, zone: 4000, anchors: 4000, certs: 1000 };
/** Generous: on a loaded CI machine an input of ~1 ms must not be taken for a hang. */
const HANG_MS = 5000;

describe('fuzz inputs (fixed seed; npm run fuzz runs a million)', () => {
  for (const name of TARGET_NAMES) {
    it(`${name}: ${RUNS[name]} hostile inputs keep the contract`, async () => {
      const { inputs, crash } = await runTarget(createTarget(name), { runs: RUNS[name], seed: SEED, hangMs: HANG_MS, shrinkMs: 5000 });
      if (crash) {
        expect.fail(`${crash.error}\n  input: ${crash.input}\n  replay: npm run fuzz -- --target ${name} --seed ${crash.seed} --path ${crash.path}`);
      }
      expect(inputs).to.equal(RUNS[name]);
    });
  }

  // A target whose parser throws a TypeError on one shape of input: the harness must say so.
  const broken: FuzzTarget<Uint8Array> = {
    name: 'decoder',
    arbitrary: fc.uint8Array({ maxLength: 8 }),
    check: (b) => {
      if (b.length > 2 && b[0]! > 0xf0) throw new TypeError('parser bug');
    },
    show: (b) => Buffer.from(b).toString('hex'),
  };

  it('reports an undocumented error with the seed and a path that replays it, shrunk', async () => {
    const { crash } = await runTarget(broken, { runs: 10_000, seed: SEED, hangMs: HANG_MS, shrinkMs: 2000 });
    expect(crash?.error).to.match(/^TypeError: parser bug/);
    expect(crash?.input).to.match(/^f[1-9a-f]0000$/); // shrunk to three octets
    const again = await runTarget(broken, { runs: 1, seed: crash!.seed, path: crash!.path, hangMs: HANG_MS, shrinkMs: 0 });
    expect(again.crash?.input).to.equal(crash!.input);
  });

  it('counts an input slower than the hang limit as a crash', async () => {
    const slow: FuzzTarget<number> = { name: 'zone', arbitrary: fc.nat(9), check: (n) => { if (n === 7) { const end = performance.now() + 30; while (performance.now() < end); } }, show: String };
    const { crash } = await runTarget(slow, { runs: 1000, seed: SEED, hangMs: 20, shrinkMs: 1000 });
    expect(crash?.error).to.match(/took \d+ ms, more than the hang limit of 20 ms/);
    expect(crash?.input).to.equal('7');
  });

  it('shows long runs of an input as .repeat(n), so a report stays short', () => {
    expect(showText(`<Zone>${'\t'.repeat(3000)}`)).to.equal('"<Zone>" + "\\t".repeat(3000)');
    expect(showText('ab')).to.equal('"ab"');
  });

  // Found by `npm run fuzz -- --target anchors --seed 7` (input 4150): element() in
  // src/dnssec/anchors.ts matched `<Zone>\s*([^<]*?)\s*</Zone>`, which backtracked cubically over
  // white space in an element without its end tag (3,259 tabs took ~6 s, 1 MiB would not finish),
  // and `<KeyDigest\b([^>]*)>([\s\S]*?)<\/KeyDigest>` quadratically over many unclosed elements
  // (1 MB took ~14 s). Now a linear scan: inputs at the 1 MiB size limit are refused well within
  // the test's timeout (a hang, not a speed, is what this catches).
  for (const [what, text] of [
    ['an unterminated <Zone> of 1 MiB of white space', `<TrustAnchor><Zone>${'\t'.repeat((1 << 20) - 100)}`],
    ['90,000 unclosed <KeyDigest> elements', `<TrustAnchor><Zone>.</Zone>${'<KeyDigest>'.repeat(90_000)}`],
    ['90,000 <KeyDigest> inside one', `<TrustAnchor><Zone>.</Zone>${'<KeyDigest>'.repeat(90_000)}</KeyDigest>`],
  ] as const) {
    it(`parseTrustAnchors refuses ${what} (it hung on the regular expressions)`, () => {
      expect(() => parseTrustAnchors(text)).to.throw(TrustAnchorError, /without|inside/);
    });
  }
});
