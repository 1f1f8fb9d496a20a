/**
 * What `dane-verify <domain>` and `--host` take (issue #14 item 4), through `runCli` against the
 * test world, policy only (`--no-connect`): a mail address, a URL or a bad name is exit 64 with one
 * line saying what was given and what was expected (a mail address was exit 2, "does not exist");
 * an IP address stays a usage error (docs/cli.md); U-labels are checked, and both forms shown.
 */
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestWorld } from '../../src/testing/world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { runCli } from '../../src/cli/run.ts';

describe('dane-verify CLI: destinations', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let dir: string;
  let net: string[];

  before(async () => {
    ({ world, dir, net } = await cliWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`] },
        'xn--mnchen-3ya.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'cd'.repeat(32)}`] },
      },
    }, { port: false, extra: ['--no-connect'], prefix: 'dane-verify-destination-' }));
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  /** Exit 64, nothing on stdout, and exactly one line on stderr matching `re`. */
  async function refused(args: string[], re: RegExp): Promise<void> {
    const r = await runCli([...args, ...net]);
    expect([r.exitCode, r.stdout], r.stderr).to.deep.equal([64, '']);
    expect(r.stderr).to.match(/^dane-verify: [^\n]*\n$/);
    expect(r.stderr).to.match(re);
  }

  it('refuses a mail address with exit 64 and one line (it was exit 2, "does not exist"); the domain itself passes', async () => {
    expect((await runCli(['ok.example', ...net])).exitCode).to.equal(0);
    await refused(['user@ok.example'], /^dane-verify: expected a mail domain such as example\.com, got the mail address "user@ok\.example" \(its domain is "ok\.example"\)\n$/);
  });

  it('refuses a URL with exit 64 and one line; its host passes', async () => {
    expect((await runCli(['ok.example.', ...net])).exitCode).to.equal(0);
    await refused(['https://ok.example/'], /got the URL "https:\/\/ok\.example\/" \(its host is "ok\.example"\)\n$/);
  });

  it('refuses a name no host has with exit 64 and one line; the name without the mistake passes', async () => {
    expect((await runCli(['ok.example', ...net])).exitCode).to.equal(0);
    await refused(['ok..example'], /got "ok\.\.example": an empty label\n$/);
    await refused(['ok.example:25'], /the character ":" is not allowed in a domain name/);
  });

  it('refuses a bad --host as a host name; a good one passes', async () => {
    expect((await runCli(['--host', 'mx.ok.example', ...net])).exitCode).to.equal(0);
    await refused(['--host', 'postmaster@mx.ok.example'], /^dane-verify: expected a mail server host name such as mx\.example\.com, got the mail address/);
    await refused(['--host', 'smtp://mx.ok.example'], /got the URL "smtp:\/\/mx\.ok\.example" \(its host is "mx\.ok\.example"\)/);
  });

  it('keeps an IP address a usage error (exit 64, docs/cli.md), bare or as an address literal, where the library answers policy none', async () => {
    for (const args of [['192.0.2.1'], ['[192.0.2.1]'], ['[IPv6:2001:db8::1]'], ['2001:db8::1'], ['--host', '[192.0.2.25]']]) {
      const r = await runCli([...args, ...net]);
      expect([r.exitCode, r.stdout], args.join(' ')).to.deep.equal([64, '']);
      expect(r.stderr).to.match(/is an IP address, which has no TLSA records: give a mail domain or an MX host name/);
    }
    // A name that only looks like an address is no name at all (RFC 1123 §2.1): refused as one.
    await refused(['192.0.2.1.'], /the last label is all digits/);
  });

  it('takes U-labels (they were a usage error) and shows both forms in the text output', async () => {
    for (const input of ['münchen.example', 'xn--mnchen-3ya.example']) {
      const r = await runCli([input, ...net]);
      expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
      expect(r.stdout.split('\n')[0]).to.match(/^xn--mnchen-3ya\.example\. \(münchen\.example\.\): DANE applies to every MX host/);
    }
    const h = await runCli(['--host', 'mx.münchen.example', ...net]);
    expect(h.exitCode, h.stdout + h.stderr).to.equal(0);
    expect(h.stdout).to.match(/^mx\.xn--mnchen-3ya\.example\. \(mx\.münchen\.example\.\): /);
    const ascii = await runCli(['ok.example', ...net]);
    expect(ascii.stdout).to.match(/^ok\.example\.: /);
  });

  it('puts the Unicode form in the JSON as domainUnicode, beside domain in A-labels, and leaves it out for an ASCII name', async () => {
    const r = await runCli(['münchen.example', ...net, '--json']);
    expect(r.exitCode, r.stderr).to.equal(0);
    const j = JSON.parse(r.stdout) as { domain: string; domainUnicode?: string; hosts: { host: string }[] };
    expect([j.domain, j.domainUnicode, j.hosts.map((x) => x.host)]).to.deep.equal(['xn--mnchen-3ya.example.', 'münchen.example.', ['mx.xn--mnchen-3ya.example.']]);
    const plain = JSON.parse((await runCli(['ok.example', ...net, '--json'])).stdout) as Record<string, unknown>;
    expect(plain).to.not.have.property('domainUnicode');
  });
});
