/**
 * Our MTA-STS policy fetch beside a real one: postfix-mta-sts-resolver (Debian package, the
 * daemon that feeds Postfix's smtp_tls_policy_maps), its own STSResolver.resolve() run by
 * lib/mta-sts-resolver.py against the same test HTTPS servers (a private CA made for this run,
 * trusted through SSL_CERT_FILE; port 443, which it always uses, so root, as the interop tier is).
 * Only its DNS is stood in for (the TXT answer is given, mta-sts.<domain> maps to the server's
 * address); status, Content-Type, size, redirects, certificate checks and the parse are its own.
 *
 * Where the verdicts differ, `why` says why ours is RFC 8461's reading.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMtaStsCa, startTestMtaStsServer, type MtaStsServerBreak, type TestMtaStsServer } from '../../src/testing/mta-sts-server.ts';
import { fetchMtaStsPolicy } from '../../src/mail-policy/mta-sts-fetch.ts';
import { parseMtaStsPolicy } from '../../src/mail-policy/mta-sts-policy.ts';
import type { TestCert } from '../../src/testing/certs.ts';

const SCRIPT = fileURLToPath(new URL('./lib/mta-sts-resolver.py', import.meta.url));

interface Case {
  readonly name: string;
  readonly break?: MtaStsServerBreak;
  readonly policy?: string;
  /** Ours: 'policy' or the failure code; theirs: STSFetchResult name. */
  readonly ours: string;
  readonly theirs: string;
  readonly why?: string;
}

const CASES: readonly Case[] = [
  { name: 'an honest server', ours: 'policy', theirs: 'VALID' },
  { name: 'a certificate for another name', break: 'wrong-name', ours: 'certificate', theirs: 'FETCH_ERROR' },
  { name: 'an expired certificate', break: 'expired', ours: 'certificate', theirs: 'FETCH_ERROR' },
  { name: 'a self-signed certificate', break: 'untrusted', ours: 'certificate', theirs: 'FETCH_ERROR' },
  { name: 'a redirect', break: 'redirect', ours: 'redirect', theirs: 'FETCH_ERROR' },
  { name: 'text/html', break: 'content-type', ours: 'content-type', theirs: 'FETCH_ERROR' },
  { name: 'a 404', break: 'not-found', ours: 'status', theirs: 'FETCH_ERROR' },
  { name: 'a body over 64 KiB', break: 'too-large', ours: 'too-large', theirs: 'FETCH_ERROR' },
  { name: 'a Content-Length over 64 KiB', break: 'too-large-declared', ours: 'too-large', theirs: 'FETCH_ERROR' },
  { name: 'mode in another case', policy: 'version: STSv1\nmode: Enforce\nmx: *.example\nmax_age: 86400\n', ours: 'invalid-mode', theirs: 'FETCH_ERROR' },
  { name: 'max_age too large', policy: 'version: STSv1\nmode: enforce\nmx: *.example\nmax_age: 31557601\n', ours: 'invalid-max-age', theirs: 'FETCH_ERROR' },
  {
    name: 'a line that is not a field', policy: 'version: STSv1\nmode: enforce\nmx: *.example\nmax_age: 86400\ngarbage\n', ours: 'malformed-line', theirs: 'VALID',
    why: 'RFC 8461 §3.2 has no production for a line without "key:"; postfix-mta-sts-resolver reads any line as key and value',
  },
  {
    name: 'an mx with a trailing dot', policy: 'version: STSv1\nmode: enforce\nmx: mail.example.\nmax_age: 86400\n', ours: 'invalid-mx', theirs: 'VALID',
    why: 'mx patterns are RFC 5321 Domains (no trailing dot); postfix-mta-sts-resolver does not check the patterns',
  },
];

describe('interop: MTA-STS policy fetch beside postfix-mta-sts-resolver', function () {
  this.timeout(60_000);
  let ca: TestCert;
  let dir: string;
  const servers: TestMtaStsServer[] = [];
  before(() => {
    ca = createMtaStsCa();
    dir = mkdtempSync(join(tmpdir(), 'dane-verify-sts-interop-'));
    writeFileSync(join(dir, 'ca.pem'), ca.pem);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  CASES.forEach((c, i) => {
    it(`${c.name}: ours ${c.ours}, postfix-mta-sts-resolver ${c.theirs}${c.why ? ' (differ, see why)' : ''}`, async () => {
      const address = `127.0.0.${200 + i}`;
      const s = await startTestMtaStsServer({ domain: 'example', ca, address, port: 443, ...(c.break ? { break: c.break } : {}), ...(c.policy ? { policy: c.policy } : {}) });
      servers.push(s);
      const fetched = await fetchMtaStsPolicy({ domain: 'example', addresses: [address], ca: ca.pem, timeoutMs: 10_000 });
      const parsed = fetched.ok ? parseMtaStsPolicy(fetched.body) : undefined;
      const ours = !fetched.ok ? fetched.code : parsed!.ok ? 'policy' : parsed!.reason.code;
      // Asynchronously: the server runs in this process and must answer meanwhile.
      const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile('/usr/bin/python3', [SCRIPT, 'example', address, 'v=STSv1; id=1'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, SSL_CERT_FILE: join(dir, 'ca.pem') } },
          (e, stdout, stderr) => resolve({ status: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }));
      });
      expect(run.status, run.stderr.slice(-2000)).to.equal(0);
      const theirs = JSON.parse(run.stdout) as { result: string; policy?: { mode: string; mx: string[]; max_age: number } };
      expect([ours, theirs.result]).to.deep.equal([c.ours, c.theirs]);
      // Their failure is for the same reason, not a timeout: its log line says why.
      if (c.ours === 'certificate') expect(run.stderr).to.match(/certificate verify failed|CERTIFICATE_VERIFY_FAILED|hostname/i);
      if (c.theirs === 'FETCH_ERROR') expect(run.stderr).to.not.match(/TimeoutError|timed? ?out/i);
      expect(c.ours === 'policy' ? c.theirs === 'VALID' : c.theirs !== 'VALID' || c.why !== undefined, 'a difference needs its why').to.equal(true);
      if (parsed?.ok && theirs.policy) expect([theirs.policy.mode, theirs.policy.mx, theirs.policy.max_age]).to.deep.equal([parsed.mode, parsed.mx, parsed.maxAge]);
    });
  });
});
