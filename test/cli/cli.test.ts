/**
 * The `dane-verify` command through `runCli` (the same code the binary runs), against the test
 * world: exit codes, the JSON fields other tools read, usage errors, and the rollover check.
 */
import { expect } from 'chai';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { TestWorld } from '../../src/testing/world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { createTestCertificate, pemBundle } from '../../src/testing/certs.ts';
import { runCli } from '../../src/cli/run.ts';
import { buildDist } from '../support/build-dist.ts';
import { tlsaAssociation } from '../../src/dane/tlsa.ts';

describe('dane-verify CLI', function () {
  this.timeout(120_000);
  let world: TestWorld;
  let dir: string;
  let net: string[];

  before(async () => {
    ({ world, dir, net } = await cliWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx'] },
        'bad.example.': { records: ['@ MX 10 mx'] },
        'plain.example.': { unsigned: true, records: ['@ MX 10 mx'] },
      },
      mailServers: {
        'mx.ok.example.': {},
        'mx.bad.example.': { tlsa: ['3 1 1 ' + '00'.repeat(32)] },
        'mx.plain.example.': { tlsa: [] },
      },
    }, { prefix: 'dane-verify-cli-' }));
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  describe('dane-verify <domain>', () => {
    it('exits 0 and prints hosts[].host and hosts[].outcome in JSON when every MX authenticates', async () => {
      const r = await runCli(['ok.example.', ...net, '--json']);
      expect(r.exitCode, r.stdout + r.stderr).to.equal(0);
      const j = JSON.parse(r.stdout) as { schema: number; hosts: { host: string; outcome: string; addresses: { matched?: unknown }[] }[] };
      expect(j.schema).to.equal(1);
      expect(j.hosts.map((h) => [h.host, h.outcome])).to.deep.equal([['mx.ok.example.', 'authenticated']]);
      expect(j.hosts[0]!.addresses[0]!.matched).to.have.property('usage', 'DANE-EE');
    });

    it('exits 1 on a mismatch and says why in text', async () => {
      const r = await runCli(['bad.example.', ...net]);
      expect(r.exitCode).to.equal(1);
      expect(r.stdout).to.match(/FAILED \(tlsa-invalid\)/);
      expect(r.stdout).to.match(/none of the 1 usable TLSA records matches/);
    });

    it('exits 2 when no DANE applies and 3 when the resolver cannot be reached', async () => {
      expect((await runCli(['plain.example.', ...net])).exitCode).to.equal(2);
      const r = await runCli(['ok.example.', '--resolver', '127.0.0.1:9', '--trust-anchor', join(dir, 'anchor.ds'), '--timeout', '200']);
      expect(r.exitCode).to.equal(3);
      expect(r.stdout).to.match(/temporary failure/);
    });

    it('checks one server with --host, and the policy alone with --no-connect', async () => {
      expect((await runCli(['--host', 'mx.ok.example.', ...net])).exitCode).to.equal(0);
      const before = world.mailServers.get('mx.ok.example.')!.server.commands.length;
      const r = await runCli(['ok.example.', ...net, '--no-connect', '--json']);
      expect(JSON.parse(r.stdout).hosts[0].addresses).to.deep.equal([]);
      expect(world.mailServers.get('mx.ok.example.')!.server.commands.length).to.equal(before);
    });

    it('shows the SMTP transcript with -v', async () => {
      const r = await runCli(['ok.example.', ...net, '-v']);
      expect(r.stdout).to.match(/C: STARTTLS/);
    });
  });

  describe('usage errors exit 64 with a message, never a stack trace', () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage/],
      [['a', 'b'], /exactly one destination/],
      [['--unknown', 'x.'], /unknown option/],
      [['x..y'], /got "x\.\.y": an empty label/],
      [['x.', '--port', '0'], /--port/],
      [['x.', '--timeout', 'soon'], /--timeout/],
      [['x.', '--resolver', 'not an address'], /--resolver/],
      [['x.', '--trust-anchor', '/nonexistent/anchor'], /ENOENT/],
      [['x.', '--min-tls', 'SSLv3'], /--min-tls/],
      [['resolve', 'x.'], /expected <name> <type>/],
      [['resolve', 'x.', 'BOGUSTYPE'], /unknown record type/],
      [['rollover', 'mx.example.'], /--next/],
    ];
    for (const [args, re] of cases) {
      it(`dane-verify ${args.join(' ') || '(nothing)'}`, async () => {
        const r = await runCli(args);
        expect(r.exitCode).to.equal(64);
        expect(r.stderr).to.match(re);
        expect(r.stderr).not.to.match(/\n\s+at /);
      });
    }

    it('rejects a trust anchor file that holds something else', async () => {
      writeFileSync(join(dir, 'bad-anchor'), 'example. IN A 192.0.2.1\n');
      const r = await runCli(['resolve', 'x.', 'A', '--trust-anchor', join(dir, 'bad-anchor')]);
      expect(r.exitCode).to.equal(64);
      expect(r.stderr).to.match(/DS or DNSKEY/);
    });
  });

  describe('dane-verify resolve', () => {
    it('prints a delv-like status and the records, and exits by status', async () => {
      const r = await runCli(['resolve', 'mx.ok.example.', 'A', ...net.slice(0, 4)]);
      expect(r.exitCode).to.equal(0);
      expect(r.stdout).to.match(/^; fully validated\nmx\.ok\.example\. 3600 IN A 127\.0\.0\.\d+\n$/);
      const v = await runCli(['resolve', 'mx.ok.example.', 'A', ...net.slice(0, 4), '-v']);
      expect(v.stdout).to.match(/;; chain: \. secure via trust-anchor/);
      expect((await runCli(['resolve', 'mx.plain.example.', 'A', ...net.slice(0, 4)])).exitCode).to.equal(2);
    });
  });

  describe('dane-verify rollover', () => {
    it('says "not safe" and what to publish when the next certificate is not yet in the TLSA RRset', async () => {
      const next = createTestCertificate({ subjectCN: 'mx.ok.example', dnsNames: ['mx.ok.example'], keyType: 'ec' });
      writeFileSync(join(dir, 'next.pem'), pemBundle([next]));
      const r = await runCli(['rollover', 'mx.ok.example.', '--next', join(dir, 'next.pem'), ...net]);
      expect(r.exitCode, r.stdout).to.equal(1);
      expect(r.stdout).to.match(/not safe/);
      expect(r.stdout).to.match(/publish _\d+\._tcp\.mx\.ok\.example\. IN TLSA 3 1 1 [0-9a-f]{64} first/);
      expect(r.stdout).to.match(/current 127\.0\.0\.\d+: matches/);
      // The steps, in order, with the exact lines: add the next record, wait the TTL, swap, remove the old one.
      const steps = r.stdout.split('\n').filter((l) => /^ {2}\d+\. /.test(l)).map((l) => /^ {2}\d+\. (\w+):/.exec(l)![1]);
      expect(steps).to.deep.equal(['publish', 'wait', 'check', 'swap', 'check', 'remove']);
      const current = tlsaAssociation(world.mailServers.get('mx.ok.example.')!.chain[0]!.der, 1, 1);
      expect(r.stdout).to.match(new RegExp(`\\+ _\\d+\\._tcp\\.mx\\.ok\\.example\\. 3600 IN TLSA 3 1 1 ${tlsaAssociation(next.der, 1, 1)}`));
      expect(r.stdout).to.match(new RegExp(`- _\\d+\\._tcp\\.mx\\.ok\\.example\\. IN TLSA 3 1 1 ${current}`));
      expect(r.stdout).to.match(/wait: at least 3600 s \(60 min\) \(the TLSA TTL\)/);
      const j = JSON.parse((await runCli(['rollover', 'mx.ok.example.', '--next', join(dir, 'next.pem'), ...net, '--json'])).stdout) as { tlsaTtl: number; steps: { action: string; seconds?: number }[] };
      expect(j.tlsaTtl).to.equal(3600);
      expect(j.steps.map((s) => s.action)).to.deep.equal(steps);
      expect(j.steps[1]!.seconds).to.equal(3600);
    });

    it('on a host without DANE: the next certificate is "not checked", saying why, not "does NOT match"; JSON has a schema', async () => {
      const next = createTestCertificate({ subjectCN: 'mx.plain.example', dnsNames: ['mx.plain.example'], keyType: 'ec' });
      writeFileSync(join(dir, 'next-plain.pem'), pemBundle([next]));
      const r = await runCli(['rollover', 'mx.plain.example.', '--next', join(dir, 'next-plain.pem'), ...net]);
      expect(r.exitCode, r.stdout).to.equal(1);
      expect(r.stdout).to.contain('next certificate: not checked: there are no usable DANE TLSA records to check it against');
      expect(r.stdout).to.not.contain('does NOT match');
      const j = JSON.parse((await runCli(['rollover', 'mx.plain.example.', '--next', join(dir, 'next-plain.pem'), ...net, '--json'])).stdout) as { schema: number; next: { checked: boolean } };
      expect(j.schema).to.equal(1);
      expect(j.next.checked).to.equal(false);
    });

    it('says "safe" when the published records already match the next certificate', async () => {
      const m = world.mailServers.get('mx.ok.example.')!;
      writeFileSync(join(dir, 'same.pem'), pemBundle([m.chain[0]!]));
      const r = await runCli(['rollover', 'mx.ok.example.', '--next', join(dir, 'same.pem'), ...net]);
      expect(r.exitCode, r.stdout).to.equal(0);
      expect(r.stdout).to.match(/^mx\.ok\.example\.: safe/);
    });
  });

  describe('the built binary', () => {
    it('runs from dist/ with a shebang and exits with the command code', function () {
      this.timeout(120_000);
      buildDist();
      const r = spawnSync(process.execPath, ['dist/cli/main.js', 'resolve', 'x.'], { encoding: 'utf8' });
      expect(r.status).to.equal(64);
      expect(r.stderr).to.match(/expected <name> <type>/);
    });
  });
});
