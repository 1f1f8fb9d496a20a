/**
 * The domain check reports the domain's TLS-RPT policy (issue #16, item 1): `_smtp._tls.<domain>`
 * TXT through the validator, with its DNSSEC status, in the JSON (`tlsRpt`) and the text output.
 * It never changes the verdict: a bogus TLS-RPT answer is reported as failed, and the exit code
 * stays what DANE says. `verifyDane` reports it only when asked (`tlsRpt: true`).
 */
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import type { TestWorld } from '../../src/testing/world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { runCli } from '../../src/cli/run.ts';
import { verifyDane } from '../../src/dane/verify.ts';

describe('dane-verify <domain>: the TLS-RPT policy beside the verdict', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let dir: string;
  let net: string[];

  before(async () => {
    ({ world, dir, net } = await cliWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx', '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@ok.example,https://reports.ok.example/v1"'] },
        'none.example.': { records: ['@ MX 10 mx.ok.example.'] },
        'badrpt.example.': { records: ['@ MX 10 mx.ok.example.', '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:x@badrpt.example"'], break: [{ kind: 'corrupt-signature', name: '_smtp._tls', type: 'TXT' }] },
      },
      mailServers: { 'mx.ok.example.': {} },
    }, { prefix: 'dane-verify-tlsrpt-' }));
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  type Json = { exitCode: number; tlsRpt?: { name: string; outcome: string; dnssec: string; reason: string; rua?: string[] } };

  it('a policy: where reports go, with the DNSSEC status, in JSON and text', async () => {
    const r = await runCli(['ok.example.', ...net, '--json']);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.exitCode).to.equal(0);
    expect(j.tlsRpt).to.deep.include({ name: '_smtp._tls.ok.example.', outcome: 'policy', dnssec: 'secure', rua: ['mailto:tlsrpt@ok.example', 'https://reports.ok.example/v1'] });
    const t = await runCli(['ok.example.', ...net]);
    expect(t.stdout).to.contain('TLS-RPT (secure): reports to mailto:tlsrpt@ok.example, https://reports.ok.example/v1');
  });

  it('no policy: said so, the verdict unchanged', async () => {
    const j = JSON.parse((await runCli(['none.example.', ...net, '--json'])).stdout) as Json;
    expect(j.exitCode).to.equal(0);
    expect(j.tlsRpt).to.include({ outcome: 'none', dnssec: 'secure' });
    expect(j.tlsRpt!.rua).to.equal(undefined);
  });

  it('a bogus TLS-RPT answer: failed (nothing from it is used), and the DANE verdict is not touched', async () => {
    const j = JSON.parse((await runCli(['badrpt.example.', ...net, '--json'])).stdout) as Json;
    expect(j.exitCode).to.equal(0);
    expect(j.tlsRpt).to.include({ outcome: 'failed', dnssec: 'bogus' });
    expect(j.tlsRpt!.rua).to.equal(undefined);
  });

  it('verifyDane reports it only when asked; not for { host }', async () => {
    const opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000, connect: false } as const;
    expect((await verifyDane('ok.example', opts)).tlsRpt).to.equal(undefined);
    expect((await verifyDane('ok.example', { ...opts, tlsRpt: true })).tlsRpt).to.include({ outcome: 'policy' });
    expect((await verifyDane({ host: 'mx.ok.example' }, { ...opts, tlsRpt: true })).tlsRpt).to.equal(undefined);
  });
});
