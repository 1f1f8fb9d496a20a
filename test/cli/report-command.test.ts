/**
 * `dane-verify report results.jsonl --org --contact [--out]`: TLS-RPT report files from recorded
 * attempts, named as RFC 8460 §5.1 says, gzip, schema-valid; and every kind of bad input refused
 * with the line that is wrong (exit 64), bounded line length, a file that is not a file.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { runCli } from '../../src/cli/run.ts';
import { MAX_REPORT_LINE_BYTES } from '../../src/cli/report-command.ts';

const schema = JSON.parse(readFileSync(new URL('../../schemas/tlsrpt-report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ strict: true }).compile(schema);

const line = (o: Record<string, unknown>) => JSON.stringify({ at: '2026-12-03T10:00:00Z', policyDomain: 'example.com', policy: { type: 'tlsa', strings: ['_25._tcp.mx.example.com. IN TLSA 3 1 1 00'] }, mxHost: 'mx.example.com', receivingIp: '192.0.2.1', success: true, ...o });

describe('dane-verify report: TLS-RPT aggregate report files (RFC 8460 §4, §5.1)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dane-verify-report-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => {
    const p = join(dir, 'results.jsonl');
    writeFileSync(p, text);
    return p;
  };
  const out = () => join(dir, 'out');

  it('writes one gzip report per policy domain per UTC day, named <submitter>!<domain>!<begin>!<end>.json.gz', async () => {
    const p = write([
      line({}),
      line({ success: false, resultType: 'tlsa-invalid' }),
      '',
      line({ at: '2026-12-04T00:00:01Z' }),
      line({ policyDomain: 'other.example', policy: { type: 'no-policy-found' }, mxHost: 'mx.other.example' }),
    ].join('\n') + '\n');
    const r = await runCli(['report', p, '--org', 'Sender Org', '--contact', 'tlsrpt@sender.example', '--out', out()]);
    expect(r.exitCode, r.stderr).to.equal(0);
    const d3 = Date.UTC(2026, 11, 3) / 1000;
    const d4 = Date.UTC(2026, 11, 4) / 1000;
    expect(readdirSync(out()).sort()).to.deep.equal([
      `sender.example!example.com!${d3}!${d3 + 86_399}.json.gz`,
      `sender.example!example.com!${d4}!${d4 + 86_399}.json.gz`,
      `sender.example!other.example!${d3}!${d3 + 86_399}.json.gz`,
    ]);
    expect(r.stdout).to.contain('(example.com: 2 sessions, 1 failed)');
    for (const f of readdirSync(out())) {
      const report = JSON.parse(gunzipSync(readFileSync(join(out(), f))).toString('utf8')) as { 'organization-name': string; 'contact-info': string };
      expect(validate(report), JSON.stringify(validate.errors)).to.equal(true);
      expect([report['organization-name'], report['contact-info']]).to.deep.equal(['Sender Org', 'tlsrpt@sender.example']);
    }
  });

  it('--json lists the files; --submitter overrides the contact\'s domain', async () => {
    const p = write(line({}) + '\n');
    const r = await runCli(['report', p, '--org', 'O', '--contact', 'https://sender.example/tlsrpt', '--submitter', 'mta.sender.example', '--out', out(), '--json']);
    expect(r.exitCode, r.stderr).to.equal(0);
    const j = JSON.parse(r.stdout) as { reports: { file: string }[]; dropped: number };
    expect(j.reports).to.have.length(1);
    expect(j.reports[0]!.file).to.contain('mta.sender.example!example.com!');
    expect(j.dropped).to.equal(0);
  });

  const bad: readonly [string, string, string][] = [
    ['not JSON', 'not json\n', 'line 1: not JSON'],
    ['an array', '[]\n', 'line 1: expected a JSON object'],
    ['a bad date', line({ at: 'yesterday' }) + '\n', 'line 1: "at" must be an RFC 3339'],
    ['a failure without a result type', `${line({})}\n${line({ success: false })}\n`, 'line 2: a failure needs resultType'],
    ['an unknown policy type', line({ policy: { type: 'dane' } }) + '\n', 'line 1: expected policy.type'],
    ['a line too long', `${line({})}\n${'x'.repeat(MAX_REPORT_LINE_BYTES + 10)}\n`, `line 2 is longer than ${MAX_REPORT_LINE_BYTES} octets`],
  ];
  for (const [what, text, words] of bad) {
    it(`refuses ${what} (exit 64, naming the line), and writes nothing`, async () => {
      const r = await runCli(['report', write(text), '--org', 'O', '--contact', 'a@sender.example', '--out', out()]);
      expect(r.exitCode).to.equal(64);
      expect(r.stderr).to.contain(words);
      expect(existsSync(out())).to.equal(false);
    });
  }

  it('usage errors: no file, no --org, a contact without a domain and no --submitter, a directory as the file', async () => {
    const p = write(line({}) + '\n');
    expect((await runCli(['report', '--org', 'O', '--contact', 'a@b.example'])).stderr).to.contain('exactly one results file');
    expect((await runCli(['report', p, '--contact', 'a@b.example'])).stderr).to.contain('--org');
    expect((await runCli(['report', p, '--org', 'O', '--contact', 'https://x.example/'])).stderr).to.contain('--submitter');
    const r = await runCli(['report', dir, '--org', 'O', '--contact', 'a@b.example']);
    expect([r.exitCode, r.stderr.includes('not a regular file')]).to.deep.equal([64, true]);
  });
});
