import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runTlsaCommand, tlsaRecordLine, EXIT_NOINPUT, EXIT_OK, EXIT_USAGE } from '../../src/cli/tlsa-command.ts';
import { createTestCertificate, createTestChain, type TestCert } from '../../src/testing/certs.ts';

describe('cli/tlsa-command (dane-verify tlsa)', () => {
  let dir: string;
  let leaf: TestCert;
  let ca: TestCert;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dane-verify-tlsa-'));
    const pki = createTestChain({ leafCN: 'mx.example.net', leafDnsNames: ['mx.example.net', 'mx2.example.net'], keyType: 'ed25519' });
    leaf = pki.leaf;
    ca = pki.intermediate;
    await writeFile(join(dir, 'leaf.pem'), leaf.pem);
    await writeFile(join(dir, 'leaf.der'), leaf.der);
    await writeFile(join(dir, 'ca.pem'), ca.pem);
    await writeFile(join(dir, 'junk.pem'), 'not a certificate\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints 3 1 1 for the first DNS name by default, with openssl\'s digest', async () => {
    const out = await runTlsaCommand(['--cert', join(dir, 'leaf.pem')]);
    const pub = execFileSync('openssl', ['x509', '-pubkey', '-noout'], { input: leaf.pem });
    const spki = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: pub });
    const hex = execFileSync('openssl', ['dgst', '-sha256', '-binary'], { input: spki }).toString('hex');
    expect(out).to.deep.equal({ exitCode: EXIT_OK, stdout: `_25._tcp.mx.example.net. IN TLSA 3 1 1 ${hex}\n`, stderr: '' });
  });

  it('honours --host, --port, --usage, --selector, --mtype and reads DER', async () => {
    const out = await runTlsaCommand(['--cert', join(dir, 'leaf.der'), '--host', 'smtp.example.org.', '--port', '587', '--selector', '0', '--mtype', '2']);
    expect(out.exitCode).to.equal(EXIT_OK);
    expect(out.stdout).to.match(/^_587\._tcp\.smtp\.example\.org\. IN TLSA 3 0 2 [0-9a-f]{128}\n$/);
    expect(out.stderr).to.match(/renewal/).and.match(/strongest digest/);
  });

  it('warns when usage 2 is given a leaf and when usage 1 is unusable for SMTP, not for a CA with usage 2', async () => {
    expect((await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--usage', '2'])).stderr).to.match(/not a CA/);
    expect((await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--usage', '1'])).stderr).to.match(/ignore this record/);
    const ok = await runTlsaCommand(['--cert', join(dir, 'ca.pem'), '--usage', '2', '--host', 'mx.example.net']);
    expect(ok).to.include({ exitCode: EXIT_OK, stderr: '' });
    expect(ok.stdout).to.match(/ IN TLSA 2 1 1 /);
  });

  it('fails with EX_USAGE on bad arguments and EX_NOINPUT on a missing or non-certificate file', async () => {
    expect((await runTlsaCommand([])).exitCode).to.equal(EXIT_USAGE);
    expect((await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--selector', '2'])).exitCode).to.equal(EXIT_USAGE);
    expect((await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--mtype', 'x'])).exitCode).to.equal(EXIT_USAGE);
    expect((await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--bogus'])).exitCode).to.equal(EXIT_USAGE);
    expect((await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--host', 'a..b'])).exitCode).to.equal(EXIT_USAGE);
    expect((await runTlsaCommand(['--cert', join(dir, 'nope.pem')])).exitCode).to.equal(EXIT_NOINPUT);
    expect((await runTlsaCommand(['--cert', join(dir, 'junk.pem')])).exitCode).to.equal(EXIT_NOINPUT);
  });

  it('asks for --host when the certificate names no host', () => {
    const bare = createTestCertificate({ subjectCN: '' });
    expect(() => tlsaRecordLine({ cert: bare.der })).to.throw(TypeError, /--host/);
    expect(tlsaRecordLine({ cert: bare.der, host: 'mx.example.net' }).line).to.match(/^_25\._tcp\.mx\.example\.net\. IN TLSA 3 1 1 /);
  });
});

describe('cli/tlsa-command: DANE-EE and CA certificates', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dane-verify-tlsa-ca-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('no warning for a self-signed server certificate marked CA:TRUE (what OpenSSL 3 `req -x509` makes), under 3 1 1', async () => {
    const selfSigned = createTestCertificate({ subjectCN: 'mx.example.net', dnsNames: ['mx.example.net'], ca: true });
    await writeFile(join(dir, 'self.pem'), selfSigned.pem);
    const out = await runTlsaCommand(['--cert', join(dir, 'self.pem')]);
    expect(out.exitCode).to.equal(EXIT_OK);
    expect(out.stderr).to.equal('');
  });

  it('the same self-signed certificate made by openssl req -x509 itself: no warning', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'o.pem'), '-days', '30', '-subj', '/CN=mx.example.net', '-addext', 'subjectAltName=DNS:mx.example.net'], { stdio: 'ignore' });
    expect(execFileSync('openssl', ['x509', '-in', join(dir, 'o.pem'), '-noout', '-text']).toString()).to.match(/CA:TRUE/);
    const out = await runTlsaCommand(['--cert', join(dir, 'o.pem')]);
    expect(out.exitCode).to.equal(EXIT_OK);
    expect(out.stderr).to.equal('');
  });

  it('warns when 3 x x is given a CA certificate issued by another (an intermediate)', async () => {
    const pki = createTestChain({ leafCN: 'mx.example.net', leafDnsNames: ['mx.example.net'] });
    await writeFile(join(dir, 'int.pem'), pki.intermediate.pem);
    const out = await runTlsaCommand(['--cert', join(dir, 'int.pem'), '--host', 'mx.example.net']);
    expect(out.exitCode).to.equal(EXIT_OK);
    expect(out.stderr).to.match(/CA certificate issued by another/);
  });
});

describe('cli/tlsa-command: --json', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dane-verify-tlsa-json-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints the record and its fields with schema 1, warnings in the JSON instead of stderr', async () => {
    const pki = createTestChain({ leafCN: 'mx.example.net', leafDnsNames: ['mx.example.net'] });
    await writeFile(join(dir, 'leaf.pem'), pki.leaf.pem);
    const text = await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--mtype', '2']);
    const json = await runTlsaCommand(['--cert', join(dir, 'leaf.pem'), '--mtype', '2', '--json']);
    expect(json.exitCode).to.equal(EXIT_OK);
    expect(json.stderr).to.equal('');
    const j = JSON.parse(json.stdout) as { schema: number; record: string; owner: string; usage: number; selector: number; matchingType: number; data: string; warnings: string[] };
    expect(j.schema).to.equal(1);
    expect(j.record).to.equal(text.stdout.trim());
    expect([j.owner, j.usage, j.selector, j.matchingType]).to.deep.equal(['_25._tcp.mx.example.net.', 3, 1, 2]);
    expect(j.data).to.match(/^[0-9a-f]{128}$/);
    expect(j.warnings.some((w) => /strongest digest/.test(w))).to.equal(true);
    expect(text.stderr).to.match(/strongest digest/);
  });
});
