/**
 * The adapters shipped in vectors/adapters/, each an implementation independent of dane-verify
 * (Debian packages installed by .ci/system-deps.sh), run by the conformance runner on the kinds
 * they answer: their scores are published in vectors/README.md and must hold. Each also fails a
 * corrupted copy of a vector, so agreement is not an adapter that passes everything.
 */
import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuite, type SuiteReport } from '../../src/vectors/run-suite.ts';
import { packageVectorsDir } from '../../src/vectors/suite-files.ts';
import type { VectorKind } from '../../src/vectors/case.ts';

const ROOT = packageVectorsDir();
const adapter = (name: string) => ({ program: process.execPath, args: [join(ROOT, 'adapters', name)] });
const score = (r: SuiteReport) => Object.fromEntries(r.kinds.map((k) => [k.kind, `${k.passed}/${k.failed}/${k.skipped}`]));

describe('vectors/adapters: other implementations through the adapter protocol', function () {
  this.timeout(240_000);
  let corrupted: string;
  before(() => {
    // Only the two files corrupted: fewer adapter processes to start.
    corrupted = join(mkdtempSync(join(tmpdir(), 'dane-verify-adapters-')), 'vectors');
    for (const f of ['crypto/rfc6605-6.zone', 'crypto/rfc5155-appendix-a-hashes.json']) cpSync(join(ROOT, f), join(corrupted, f));
    const file = join(corrupted, 'crypto/rfc6605-6.zone');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(IN DS 55648 13 2 )([0-9a-f])/i, '$1f'));
    const table = join(corrupted, 'crypto/rfc5155-appendix-a-hashes.json');
    writeFileSync(table, readFileSync(table, 'utf8').replace('35mthgpgcu1qg68fab165klnsnk3dpvl', '35mthgpgcu1qg68fab165klnsnk3dpvm'));
  });
  after(() => rmSync(join(corrupted, '..'), { recursive: true, force: true }));

  const cases: [string, VectorKind[], Record<string, string>][] = [
    // passed/failed/skipped per kind, as vectors/README.md publishes them
    ['ldns.mjs', ['ds', 'rrsig', 'nsec3-hash'], { ds: '13/0/0', rrsig: '44/0/0', 'nsec3-hash': '12/0/0' }],
    ['openssl.mjs', ['ds', 'nsec3-hash'], { ds: '13/0/0', 'nsec3-hash': '12/0/0' }],
  ];
  for (const [name, kinds, want] of cases) {
    it(`${name} agrees with every ${kinds.join(', ')} vector`, async () => {
      const r = await runSuite({ kinds, adapter: adapter(name), implementation: name });
      expect(r.kinds.flatMap((k) => k.failures), name).to.deep.equal([]);
      expect(score(r)).to.deep.equal(want);
    });

    it(`${name} fails a corrupted DS digest and NSEC3 hash with their ids`, async () => {
      const r = await runSuite({ dir: corrupted, kinds: ['ds', 'nsec3-hash'], adapter: adapter(name), implementation: name });
      expect(r.kinds.flatMap((k) => k.failures.map((f) => f.id))).to.deep.equal(['crypto/rfc6605-6#ds-55648-2', 'crypto/rfc5155-appendix-a-hashes#a.example.']);
    });
  }

  it('ldns.mjs skips the kinds it has no tool for, saying so', async () => {
    const r = await runSuite({ kinds: ['presentation'], adapter: adapter('ldns.mjs'), implementation: 'ldns' });
    expect(r.kinds[0]!.passed).to.equal(0);
    expect(r.kinds[0]!.skips[0]!.reason).to.match(/ldns has no command-line tool for presentation/);
  });

  describe('delv.mjs (BIND 9 delv on responses served by ldns-testns, at the vector\'s time)', () => {
    /**
     * Every vector where delv disagrees (vectors/README.md says who is right and why), with delv's
     * status, and a sample of those where it agrees: the whole kind takes minutes of delv runs.
     */
    const DISAGREE: Record<string, string> = {
      'validator/rfc4035/a_answer_mx_nodnskey': 'bogus',
      'validator/rfc4035/b5_referral': 'bogus',
      'validator/rfc4035/b8_ds_childside': 'indeterminate',
      'validator/rfc5155/b1_nameerror': 'secure',
      'validator/rfc5155/b3_optout': 'bogus',
      'validator/rfc5155/b5_wcnodata': 'secure',
      'validator/rfc5155/b5_wcnodata_nowc': 'secure',
      'validator/rfc5155/b6_ds_childside': 'indeterminate',
      'validator/signed-nsec3/iter200_nxdomain_nomatch': 'insecure',
      'validator/signed-dname/www_a_dname_above': 'insecure',
    };
    const AGREE = ['validator/rfc4035/a_answer_ai', 'validator/rfc4035/a_answer_mx_sigflip', 'validator/rfc4035/b5_unsigned',
      'validator/rfc4035/b2_nameerror', 'validator/rfc5155/b2_nodata', 'validator/rfc5155/b4_wild_wr',
      'validator/signed/nsec_wcexpanded_nsec_other_owner', 'validator/signed-nsec3/iter200_nxdomain'];

    it('agrees with the sample and disagrees exactly where vectors/README.md records it', async () => {
      const dir = join(corrupted, '..', 'delv');
      for (const id of [...Object.keys(DISAGREE), ...AGREE]) cpSync(join(ROOT, `${id}.zone`), join(dir, `${id}.zone`));
      for (const folder of ['rfc4035', 'rfc5155', 'signed', 'signed-nsec3', 'signed-dname']) cpSync(join(ROOT, 'validator', folder, 'keys.inc'), join(dir, 'validator', folder, 'keys.inc'));
      const r = await runSuite({ dir, kinds: ['validator'], adapter: adapter('delv.mjs'), implementation: 'delv' });
      const k = r.kinds[0]!;
      const got0 = k.failures.map((f) => `${f.id} ${f.reason}`).join("\n");
      expect(k.passed, got0).to.equal(AGREE.length);
      expect(k.skipped).to.equal(0);
      const got = Object.fromEntries(k.failures.map((f) => [f.id, /got "([a-z]+)"/.exec(f.reason)?.[1]]));
      expect(got).to.deep.equal(DISAGREE);
    });
  });
});
