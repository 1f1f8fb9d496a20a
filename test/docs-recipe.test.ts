/**
 * docs/recipe.md (and so docs/ja/recipe.md, which test/docs-ja.test.ts holds to the same commands)
 * says what each command does: here every command of its fenced blocks runs, as written, against a
 * test world that plays example.net with the MX host mx1.example.net, and does what the page says.
 * `dane-verify` commands get the world's `--resolver/--trust-anchor/--port` flags appended (and the
 * world's TLSA port for `_25._tcp`); `openssl` commands run in bash as a postmaster would run them,
 * so the page's claims are checked too: the `openssl pkey` pipeline gives what `dane-verify tlsa`
 * prints for any key type, and the often copied `openssl rsa` form prints the SHA-256 of nothing
 * for an EC key and still exits 0. A command added to the page without a check here fails.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { TestWorld } from '../src/testing/world.ts';
import { cliWorld } from './support/cli-world.ts';
import { fencedCommands } from './support/fenced-commands.ts';
import { createTestCertificate, pemBundle } from '../src/testing/certs.ts';
import { tlsaAssociation, pemToDerCertificates } from '../src/dane/tlsa.ts';
import { runCli } from '../src/cli/run.ts';

const RECIPE = readFileSync(new URL('../docs/recipe.md', import.meta.url), 'utf8');
/** SHA-256 of zero octets: what a pipeline hashing nothing prints. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Runs a shell command line in `cwd` as typed at a prompt (no pipefail), returning its exit status and output. */
function shell(command: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const spki311 = (pem: string) => tlsaAssociation(pemToDerCertificates(pem)[0]!, 1, 1);

describe('docs/recipe.md: every command runs as the page says', function () {
  this.timeout(120_000);
  const commands = [...new Set(fencedCommands(RECIPE))];
  let dir: string;
  let world: TestWorld;
  let net: string[];
  let current: string;
  let next: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dane-verify-recipe-'));
    // Step 5 makes the next key and certificate with openssl: run that command as written.
    const req = commands.find((c) => c.startsWith('openssl req -x509'));
    expect(req, 'the recipe makes the next certificate with openssl req').to.not.equal(undefined);
    const made = shell(req!, dir);
    expect(made.status, made.stderr).to.equal(0);
    next = spki311(readFileSync(join(dir, 'next.pem'), 'utf8'));
    // The published RRset of step 5: the current key's 3 1 1 and the next key's.
    ({ world, net } = await cliWorld({
      zones: {
        'net.': {},
        'example.net.': { records: ['@ MX 10 mx1', '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"'] },
      },
      mailServers: { 'mx1.example.net.': { tlsa: ['3 1 1', `3 1 1 ${next}`] } },
    }, { prefix: 'dane-verify-recipe-world-' }));
    const leaf = world.mailServers.get('mx1.example.net.')!.chain[0]!;
    writeFileSync(join(dir, 'cert.pem'), pemBundle([leaf]));
    current = spki311(pemBundle([leaf]));
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  /** What each command of the page must do; keyed by the command as the page writes it. */
  const checks: Record<string, () => Promise<void>> = {
    'dane-verify tlsa --cert cert.pem --host mx1.example.net': async () => {
      const r = await dv('dane-verify tlsa --cert cert.pem --host mx1.example.net', []);
      expect(r).to.deep.include({ exitCode: 0, stdout: `_25._tcp.mx1.example.net. IN TLSA 3 1 1 ${current}\n` });
    },
    'openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256': async () => {
      const cmd = 'openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256';
      expect(shell(cmd, dir)).to.deep.include({ status: 0, stdout: `SHA2-256(stdin)= ${current}\n` });
      // Any key type: the same pipeline on RSA and Ed25519 certificates gives what dane-verify tlsa gives.
      for (const keyType of ['rsa', 'ed25519'] as const) {
        const pem = pemBundle([createTestCertificate({ subjectCN: 'mx1.example.net', dnsNames: ['mx1.example.net'], keyType })]);
        const sub = join(dir, keyType);
        mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, 'cert.pem'), pem);
        expect(shell(cmd, sub).stdout, keyType).to.equal(`SHA2-256(stdin)= ${spki311(pem)}\n`);
      }
    },
    'openssl x509 -in cert.pem -noout -pubkey | openssl rsa -pubin -outform DER | openssl dgst -sha256': async () => {
      const cmd = 'openssl x509 -in cert.pem -noout -pubkey | openssl rsa -pubin -outform DER | openssl dgst -sha256';
      // The page's claim: with an EC key it hashes nothing, says "Not an RSA key", and exits 0 ...
      const ec = shell(cmd, dir);
      expect(ec).to.deep.include({ status: 0, stdout: `SHA2-256(stdin)= ${EMPTY_SHA256}\n` });
      expect(ec.stderr).to.contain('Not an RSA key');
      // ... and with an RSA key it is right.
      const rsa = pemBundle([createTestCertificate({ subjectCN: 'mx1.example.net', dnsNames: ['mx1.example.net'], keyType: 'rsa' })]);
      const sub = join(dir, 'rsa-form');
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, 'cert.pem'), rsa);
      expect(shell(cmd, sub)).to.deep.include({ status: 0, stdout: `SHA2-256(stdin)= ${spki311(rsa)}\n` });
    },
    'openssl pkey -in next.key -pubout -outform DER | openssl dgst -sha256': async () => {
      expect(shell('openssl pkey -in next.key -pubout -outform DER | openssl dgst -sha256', dir)).to.deep.include({ status: 0, stdout: `SHA2-256(stdin)= ${next}\n` });
    },
    'dane-verify resolve _25._tcp.mx1.example.net TLSA': async () => {
      const r = await dv('dane-verify resolve _25._tcp.mx1.example.net TLSA', net.slice(0, 4));
      expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^; fully validated\n/).and.contain(`TLSA 3 1 1 ${current}`);
    },
    'dane-verify example.net': async () => {
      const r = await dv('dane-verify example.net', net);
      expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^example\.net\.: DANE authenticated: every MX host passed\n/);
      expect(r.stdout).to.contain('TLS-RPT (secure): reports to mailto:tlsrpt@example.net');
    },
    'dane-verify --host mx1.example.net': async () => {
      const r = await dv('dane-verify --host mx1.example.net', net);
      expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout).to.match(/mx1\.example\.net\.\s+AUTHENTICATED/);
    },
    'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout next.key -out next.pem -days 365 -subj /CN=mx1.example.net -addext subjectAltName=DNS:mx1.example.net': async () => {
      // Run in before(); here: what it made is a certificate for mx1.example.net that dane-verify reads.
      const r = await dv('dane-verify tlsa --cert next.pem', []);
      expect(r).to.deep.include({ exitCode: 0, stdout: `_25._tcp.mx1.example.net. IN TLSA 3 1 1 ${next}\n` });
    },
    'dane-verify tlsa --cert next.pem --host mx1.example.net': async () => {
      const r = await dv('dane-verify tlsa --cert next.pem --host mx1.example.net', []);
      expect(r).to.deep.include({ exitCode: 0, stdout: `_25._tcp.mx1.example.net. IN TLSA 3 1 1 ${next}\n` });
    },
    'dane-verify rollover mx1.example.net --next next.pem': async () => {
      const r = await dv('dane-verify rollover mx1.example.net --next next.pem', net);
      expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^mx1\.example\.net\.: safe: /);
    },
  };

  /** Runs a page's `dane-verify` command line in the scratch directory's terms, with `extra` flags. */
  async function dv(command: string, extra: string[]) {
    const args = command.split(' ').slice(1).map((a) => (a.endsWith('.pem') ? join(dir, a) : a.replace(/^_25\._tcp\./, `_${world.mailPort}._tcp.`)));
    return runCli([...args, ...extra]);
  }

  it('has a check for every command of the page, and the page has every command checked', () => {
    expect([...commands].sort()).to.deep.equal(Object.keys(checks).sort());
  });

  for (const [command, check] of Object.entries(checks)) it(command, check);
});
