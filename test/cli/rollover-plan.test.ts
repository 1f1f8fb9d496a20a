/**
 * The rollover plan (issue #15): the order RFC 7671 §8.1 asks for, the exact lines, the TTL waits,
 * and the two traps: a weaker digest beside a stronger one (RFC 7671 §9) and a server that
 * already fails DANE.
 */
import { expect } from 'chai';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planText, rolloverPlan, type PlanInput } from '../../src/cli/rollover-plan.ts';
import { runCli } from '../../src/cli/run.ts';
import { tlsaAssociation } from '../../src/dane/tlsa.ts';
import { createTestCertificate, pemBundle } from '../../src/testing/certs.ts';
import { cliWorld, type CliWorld } from '../support/cli-world.ts';

const NAME = '_25._tcp.mx.example.';
const OLD = `3 1 1 ${'aa'.repeat(32)}`;
const NEXT = `3 1 1 ${'bb'.repeat(32)}`;
const base: PlanInput = { host: 'mx.example.', tlsaName: NAME, ttl: 7200, records: [{ rdata: OLD, usable: true, matchesCurrent: true, matchesNext: false }], currentRdata: OLD, nextRdata: NEXT, currentMatched: true, nextMatched: false };
const actions = (p: PlanInput) => rolloverPlan(p).map((s) => s.action);

describe('rollover plan', () => {
  it('next not published: publish it beside the old, wait the TTL, check, swap, check, remove the old', () => {
    const steps = rolloverPlan(base);
    expect(steps.map((s) => s.action)).to.deep.equal(['publish', 'wait', 'check', 'swap', 'check', 'remove']);
    expect(steps[0]!.lines).to.deep.equal([`${NAME} 7200 IN TLSA ${NEXT}`]);
    expect(steps[1]!.seconds).to.equal(7200);
    expect(steps[5]!.lines).to.deep.equal([`${NAME} IN TLSA ${OLD}`]);
    expect(planText(steps).join('\n')).to.contain('7200 s (2 h)');
  });

  it('next already published: wait (if recent), swap, check, remove what only the old key needs', () => {
    const p: PlanInput = { ...base, nextMatched: true, records: [...base.records, { rdata: NEXT, usable: true, matchesCurrent: false, matchesNext: true }] };
    expect(actions(p)).to.deep.equal(['wait', 'swap', 'check', 'remove']);
    expect(rolloverPlan(p).at(-1)!.lines).to.deep.equal([`${NAME} IN TLSA ${OLD}`]);
  });

  it('a record matching both (same key, or a DANE-TA issuer) is kept; nothing to remove', () => {
    const p: PlanInput = { ...base, nextMatched: true, records: [{ rdata: OLD, usable: true, matchesCurrent: true, matchesNext: true }] };
    expect(actions(p)).to.deep.equal(['wait', 'swap', 'check']);
  });

  it('a server that already fails DANE: its own record is published first, beside the next, and removed after the swap', () => {
    const CUR = `3 1 1 ${'cc'.repeat(32)}`;
    const p: PlanInput = { ...base, currentMatched: false, currentRdata: CUR, records: [{ rdata: OLD, usable: true, matchesCurrent: false, matchesNext: false }] };
    const steps = rolloverPlan(p);
    expect(steps[0]!.text).to.match(/matches no published record/);
    expect(steps[0]!.lines).to.deep.equal([`${NAME} 7200 IN TLSA ${CUR}`, `${NAME} 7200 IN TLSA ${NEXT}`]);
    expect(steps.at(-1)!.lines).to.deep.equal([`${NAME} IN TLSA ${OLD}`, `${NAME} IN TLSA ${CUR}`]);
  });

  it('an unknown TTL is said to be assumed; a port other than 25 is in the printed commands', () => {
    const { ttl: _t, ...noTtl } = base;
    const steps = rolloverPlan({ ...noTtl, port: 2525 });
    expect(steps[1]!.text).to.contain('assumed');
    expect(steps.filter((s) => s.action === 'check').every((s) => s.text.includes('--port 2525'))).to.equal(true);
  });
});

describe('dane-verify rollover: SHA2-512 published (RFC 7671 §9)', function () {
  this.timeout(60_000);
  let w: CliWorld;
  before(async () => {
    w = await cliWorld({ zones: { 'example.': {}, 'strong.example.': { records: ['@ MX 10 mx'] } }, mailServers: { 'mx.strong.example.': { tlsa: ['3 1 2'] } } });
  });
  after(async () => {
    await w.world.close();
    rmSync(w.dir, { recursive: true, force: true });
  });

  it('gives the next key a 3 1 2 record: a 3 1 1 beside 3 1 2 would be ignored, and the swap would fail', async () => {
    const next = createTestCertificate({ subjectCN: 'mx.strong.example', dnsNames: ['mx.strong.example'], keyType: 'ec' });
    writeFileSync(join(w.dir, 'next.pem'), pemBundle([next]));
    const r = await runCli(['rollover', 'mx.strong.example.', '--next', join(w.dir, 'next.pem'), ...w.net, '--json']);
    const j = JSON.parse(r.stdout) as { suggestion: string; steps: { action: string; lines?: string[] }[] };
    const want = `3 1 2 ${tlsaAssociation(next.der, 1, 2)}`;
    expect(j.suggestion).to.match(new RegExp(`IN TLSA ${want}$`));
    expect(j.steps[0]!.lines![0]).to.match(new RegExp(` IN TLSA ${want}$`));
    expect(j.steps.at(-1)!.lines![0]).to.contain(`3 1 2 ${tlsaAssociation(w.world.mailServers.get('mx.strong.example.')!.chain[0]!.der, 1, 2)}`);
  });
});
