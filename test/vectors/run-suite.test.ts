/**
 * The conformance runner (src/vectors/run-suite.ts) and `dane-verify vectors`: the shipped suite
 * passes on this platform; a corrupted copy fails with the ids of the corrupted vectors; policy
 * and platform exclusions are skips with their reason; the JSON report is valid under
 * vectors/schemas/run-report.schema.json; an adapter that crashes, lies or hangs fails cases.
 */
import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildDist } from '../support/build-dist.ts';
import { packageRoot } from '../../src/package-files.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runCli } from '../../src/cli/run.ts';
import { runSuite, type SuiteReport } from '../../src/vectors/run-suite.ts';
import { askAdapter, MAX_ADAPTER_OUTPUT_BYTES } from '../../src/vectors/adapter-process.ts';
import { caseNeeds, platformSkip, policySkip } from '../../src/vectors/set-aside.ts';
import { loadKind } from '../../src/vectors/load-suite.ts';
import { MAX_VECTOR_FILE_BYTES, packageVectorsDir } from '../../src/vectors/suite-files.ts';
import { MAX_INCLUDE_DEPTH as MAX_VECTOR_INCLUDE_DEPTH } from '../../src/vectors/load-validator.ts';
import type { RrsigCase } from '../../src/vectors/case.ts';

const ROOT = packageVectorsDir();
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validReport = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/run-report.schema.json'), 'utf8')) as object);
const reportErrors = (r: unknown) => (validReport(r) ? '' : ajv.errorsText(validReport.errors));

const failedIds = (r: SuiteReport) => r.kinds.flatMap((k) => k.failures.map((f) => f.id));

describe('vectors/run-suite: the conformance runner', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'dane-verify-vectors-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('passes every shipped vector on this platform, and its report is valid JSON under the schema', async () => {
    const r = await runSuite({ implementation: 'test' });
    expect(failedIds(r)).to.deep.equal([]);
    expect(r.passed).to.equal(true);
    expect(r.suite.matchesVersion).to.equal(true);
    for (const k of r.kinds) expect(k.passed, k.kind).to.be.greaterThan(10);
    expect(reportErrors(JSON.parse(JSON.stringify(r)))).to.equal('');
  });

  it('runs from the built package (dist/, bundled) on its own shipped vectors, from any working directory', () => {
    buildDist();
    const r = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'cli', 'main.js'), 'vectors', '--kind', 'ds', '--kind', 'validator', '--json'], { cwd: tmpdir(), encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).to.equal(0);
    const j = JSON.parse(r.stdout) as { passed: boolean; suite: { dir: string }; kinds: { kind: string; passed: number }[] };
    expect(j.passed).to.equal(true);
    expect(j.suite.dir.replace(/\/$/, '')).to.equal(join(packageRoot(), 'vectors'));
    expect(j.kinds.find((k) => k.kind === 'validator')!.passed).to.be.greaterThan(70);
  });

  it('fails a corrupted copy with the id of each corrupted vector (status, digest, header, record)', async () => {
    const dir = join(tmp, 'corrupted');
    cpSync(ROOT, dir, { recursive: true });
    const edit = (file: string, from: string | RegExp, to: string) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const next = text.replace(from, to);
      expect(next, file).to.not.equal(text);
      writeFileSync(join(dir, file), next);
    };
    edit('validator/rfc4035/b2_nameerror.zone', '; expect: secure', '; expect: bogus denial-invalid');
    edit('crypto/rfc6605-6.zone', /(IN DS 55648 13 2 )([0-9a-f])/i, '$1f');
    edit('denial/nsec3/b2_nodata.zone', '; expect:', '; expcet:');
    edit('dns/presentation/round-trip.txt', '=> e.example. 60 IN A 10.0.0.1', '=> e.example. 60 IN A 10.0.0.9');
    const r = await runSuite({ dir, implementation: 'test' });
    expect(r.passed).to.equal(false);
    expect(r.suite.matchesVersion).to.equal(false);
    const ids = failedIds(r);
    expect(ids).to.include('validator/rfc4035/b2_nameerror');
    expect(ids).to.include('crypto/rfc6605-6#ds-55648-2');
    expect(ids).to.include('denial/nsec3/b2_nodata');
    expect(ids.some((id) => id.startsWith('dns/presentation/round-trip#'))).to.equal(true);
    expect(ids).to.have.length(4);
    const denial = r.kinds.find((k) => k.kind === 'denial')!.failures[0]!;
    expect(denial.reason).to.match(/unknown header "; expcet:"/);
    expect(r.kinds.find((k) => k.kind === 'validator')!.failures[0]!.reason).to.match(/expected bogus denial-invalid, got "secure"/);
    expect(reportErrors(JSON.parse(JSON.stringify(r)))).to.equal('');

    const cli = await runCli(['vectors', '--dir', dir]);
    expect(cli.exitCode).to.equal(1);
    expect(cli.stdout).to.match(/FAIL  validator .*\n\s+FAIL validator\/rfc4035\/b2_nameerror: /);
    expect(cli.stdout).to.contain('NOT the recorded content of this version');
  });

  it('refuses a vector file above MAX_VECTOR_FILE_BYTES and includes nested deeper than MAX_VECTOR_INCLUDE_DEPTH, by id', async () => {
    const dir = join(tmp, 'bounds');
    cpSync(ROOT, dir, { recursive: true });
    writeFileSync(join(dir, 'denial/nsec/huge.zone'), `; source: too big\n${';'.repeat(MAX_VECTOR_FILE_BYTES)}\n`);
    writeFileSync(join(dir, 'validator/rfc4035/loop.inc'), '; include: loop.inc\n');
    writeFileSync(join(dir, 'validator/rfc4035/loop.zone'), '; include: loop.inc\n');
    writeFileSync(join(dir, 'validator/rfc4035/escape.zone'), '; include: ../rfc5155/keys.inc\n');
    const r = await runSuite({ dir, kinds: ['denial', 'validator'], implementation: 'test' });
    const reasons = Object.fromEntries(r.kinds.flatMap((k) => k.failures.map((f) => [f.id, f.reason])));
    expect(Object.keys(reasons).sort()).to.deep.equal(['denial/nsec/huge', 'validator/rfc4035/escape', 'validator/rfc4035/loop']);
    expect(reasons['denial/nsec/huge']).to.contain(`more than the ${MAX_VECTOR_FILE_BYTES} a vector file may have`);
    expect(reasons['validator/rfc4035/loop']).to.contain(`nested deeper than ${MAX_VECTOR_INCLUDE_DEPTH}`);
    expect(reasons['validator/rfc4035/escape']).to.contain('names a file of the same folder');
  });

  it('fails a kind that has no vectors (an empty folder never passes)', async () => {
    const dir = join(tmp, 'empty');
    cpSync(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
    const r = await runSuite({ dir, kinds: ['denial'], implementation: 'test' });
    expect(r.passed).to.equal(false);
    expect(r.kinds[0]!.failures[0]!.reason).to.match(/no denial vectors/);
  });

  it('reports SHA-1-signed vectors as skipped, with the reason, under --no-sha1, and still passes', async () => {
    const r = await runSuite({ kinds: ['rrsig', 'validator'], policy: { allowSha1: false }, implementation: 'test' });
    expect(r.passed).to.equal(true);
    const rrsig = r.kinds.find((k) => k.kind === 'rrsig')!;
    expect(rrsig.skipped).to.be.greaterThan(0);
    expect(rrsig.passed).to.be.greaterThan(0); // the ECDSA, RSASHA256/512 and EdDSA ones still run
    expect(rrsig.skips.map((s) => s.reason)).to.satisfy((rs: string[]) => rs.every((x) => /RSASHA1.*set aside by policy/.test(x)));
    const cli = await runCli(['vectors', '--kind', 'rrsig', '--no-sha1', '--json']);
    expect(cli.exitCode).to.equal(0);
    expect(reportErrors(JSON.parse(cli.stdout))).to.equal('');
  });

  it('skips, with the reason, what the platform\'s OpenSSL cannot do (FIPS without SHA-1, no Ed448)', () => {
    const rrsigs = loadKind(ROOT, 'rrsig').cases as RrsigCase[];
    const ed448 = rrsigs.find((c) => c.rrsig.includes(' RRSIG MX 16 '))!;
    const rsasha1 = rrsigs.find((c) => c.rrsig.includes(' RRSIG ') && / RRSIG \S+ 5 /.test(c.rrsig))!;
    const ecdsa = rrsigs.find((c) => / RRSIG \S+ 13 /.test(c.rrsig))!;
    const fips = { sha1Digest: true, sha1Signatures: false, ed448: false };
    expect(platformSkip(caseNeeds(ed448), fips)).to.match(/no Ed448/);
    expect(platformSkip(caseNeeds(rsasha1), fips)).to.match(/refuses SHA-1 signatures/);
    expect(platformSkip(caseNeeds(ecdsa), fips)).to.equal(undefined);
    expect(platformSkip(caseNeeds(rsasha1), { sha1Digest: true, sha1Signatures: true, ed448: true })).to.equal(undefined);
    expect(policySkip(caseNeeds(rsasha1), {})).to.equal(undefined);
    expect(policySkip(caseNeeds(ecdsa), { allowSha1: false })).to.equal(undefined);
  });

  it('prints usage errors with exit 64 (unknown kind, missing folder, empty adapter)', async () => {
    for (const args of [['--kind', 'nope'], ['--dir', join(tmp, 'missing')], ['--adapter', ' '], ['extra']]) {
      const r = await runCli(['vectors', ...args]);
      expect(r.exitCode, args.join(' ')).to.equal(64);
      expect(r.stderr).to.match(/^dane-verify vectors: /);
    }
  });

  describe('the adapter protocol', () => {
    const c = loadKind(ROOT, 'ds').cases[0]!;
    const script = (name: string, body: string) => {
      const file = join(tmp, name);
      writeFileSync(file, body);
      return { program: process.execPath, args: [file] };
    };

    it('sends the case without its expectation and takes the JSON answer', async () => {
      const echo = script('echo.mjs', 'let s = ""; process.stdin.on("data", (d) => (s += d)); process.stdin.on("end", () => process.stdout.write(JSON.stringify({ got: JSON.parse(s) })));');
      const a = (await askAdapter(echo, c)) as { got: Record<string, unknown> };
      expect(a.got.id).to.equal(c.id);
      expect(a.got.dnskey).to.equal((c as { dnskey: string }).dnskey);
      expect(a.got).to.not.have.property('expect');
    });

    it('turns a crash, non-JSON, too much output and a hang into errors that name the cause', async () => {
      const crash = await askAdapter(script('crash.mjs', 'process.stderr.write("boom"); process.exit(3);'), c);
      expect(crash).to.deep.equal({ error: 'the adapter exited with 3: boom' });
      const text = await askAdapter(script('text.mjs', 'process.stdout.write("yes");'), c);
      expect((text as { error: string }).error).to.match(/not JSON/);
      const array = await askAdapter(script('array.mjs', 'process.stdout.write("[1]");'), c);
      expect((array as { error: string }).error).to.match(/not a JSON object/);
      const flood = await askAdapter(script('flood.mjs', `process.stdout.write("x".repeat(${MAX_ADAPTER_OUTPUT_BYTES * 2}));`), c);
      expect((flood as { error: string }).error).to.match(/more than 65536 octets/);
      const hang = await askAdapter(script('hang.mjs', 'setInterval(() => {}, 1000);'), c, 300);
      expect(hang).to.deep.equal({ error: 'the adapter took more than 300 ms' });
      const missing = await askAdapter({ program: join(tmp, 'no-such-program'), args: [] }, c);
      expect((missing as { error: string }).error).to.match(/cannot run the adapter/);
    });

    it('fails every case of an adapter that answers the same thing to everything, and skips on its say-so', async () => {
      // echo(1) answers without reading the case: quicker to start than node, 44 times over.
      const yes = { program: 'echo', args: ['{"valid": true}'] };
      const r = await runSuite({ kinds: ['rrsig'], adapter: yes, implementation: 'yes' });
      expect(r.passed).to.equal(false);
      expect(failedIds(r).every((id) => id.endsWith('-sigflip'))).to.equal(true);
      expect(r.kinds[0]!.passed).to.equal(r.kinds[0]!.failed);
      const skip = { program: 'echo', args: ['{"skip": "no DS here"}'] };
      const s = await runSuite({ kinds: ['ds'], adapter: skip, implementation: 'skip' });
      expect(s.passed).to.equal(true);
      expect(s.kinds[0]!.skips[0]!.reason).to.equal('no DS here');
    });
  });
});
