/**
 * The budget of one verifyDane call (issue #12, item 1): running out of any bound is a temporary
 * failure (error, exit 3) whose reason names the bound, never a verdict about DANE; the result says
 * what was used. Each bound beside the same check with the default budget.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { verifyDane, type DaneOptions, type DaneResult } from '../../src/dane/verify.ts';
import { DEFAULT_CALL_BUDGET } from '../../src/dnssec/call-budget.ts';
import { runCli } from '../../src/cli/run.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reasonsOf = (r: DaneResult) => [r.summary, r.policy.reason, ...r.hosts.flatMap((h) => [h.reason, ...h.addresses.map((a) => a.reason)])].join('\n');

describe('dane/verify: the budget of one call', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({
      zones: { 'example.': {}, 'two.example.': { records: ['@ MX 10 mx1', '@ MX 20 mx2'] } },
      mailServers: { 'mx1.two.example.': {}, 'mx2.two.example.': {} },
    });
    // A new validator per call: these tests count what each call asks the network.
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000, shareValidator: false };
  });
  after(async () => world?.close());


  it('with the default budget: both hosts authenticated, the budget used is reported and not exhausted', async () => {
    const r = await verifyDane('two.example.', opts);
    expect(r.exitCode, r.summary).to.equal(0);
    expect(r.budget.limits).to.deep.equal(DEFAULT_CALL_BUDGET);
    expect(r.budget.exhausted).to.equal(undefined);
    expect(r.budget.used.queries).to.be.greaterThan(5);
    expect(r.budget.used.signatureChecks).to.be.greaterThan(3);
    expect(r.budget.used.smtpSessions).to.equal(2);
    expect(r.budget.used.certificateBytes).to.be.greaterThan(100);
  });

  for (const [bound, budget] of [
    ['maxQueries', { maxQueries: 5 }],
    ['maxSignatureChecks', { maxSignatureChecks: 3 }],
  ] as const) {
    it(`${bound} exhausted: a temporary failure naming it (exit 3), never bogus or "no DANE"`, async () => {
      const r = await verifyDane('two.example.', { ...opts, budget: budget });
      expect(r.exitCode, reasonsOf(r)).to.equal(3);
      expect(r.hosts.every((h) => h.outcome === 'error'), reasonsOf(r)).to.equal(true);
      expect(r.budget.exhausted?.bound).to.equal(bound);
      expect(reasonsOf(r)).to.contain(`budget ${bound} of this call exhausted`);
      expect(r.budget.used[bound === 'maxQueries' ? 'queries' : 'signatureChecks']).to.be.at.most(budget[bound as keyof typeof budget]!);
    });
  }

  it('maxSmtpSessions: the first host is checked, the next one is a temporary failure naming the bound', async () => {
    const r = await verifyDane('two.example.', { ...opts, budget: { maxSmtpSessions: 1 } });
    expect(r.hosts.map((h) => h.outcome).sort()).to.deep.equal(['authenticated', 'error']);
    expect(r.exitCode).to.equal(3);
    expect(reasonsOf(r)).to.contain('budget maxSmtpSessions of this call exhausted');
    expect(r.budget.used.smtpSessions).to.equal(1);
  });

  it('maxConcurrentSmtpSessions 1: sessions wait their turn and both hosts are checked', async () => {
    const r = await verifyDane('two.example.', { ...opts, budget: { maxConcurrentSmtpSessions: 1 } });
    expect(r.exitCode, reasonsOf(r)).to.equal(0);
    expect(r.budget.used.smtpSessions).to.equal(2);
  });

  it('maxCertificateBytes: a host whose certificates pass the bound is a temporary failure, not failed', async () => {
    const r = await verifyDane('two.example.', { ...opts, budget: { maxCertificateBytes: 10 } });
    expect(r.hosts.map((h) => h.outcome)).to.deep.equal(['error', 'error']);
    expect(reasonsOf(r)).to.contain('budget maxCertificateBytes of this call exhausted');
  });

  it('deadlineMs: with every DNS answer delayed past it, the call ends soon after the deadline, naming it', async () => {
    world.server.addFault({ fault: { kind: 'delay', ms: 400 } });
    try {
      const started = Date.now();
      const r = await verifyDane('two.example.', { ...opts, budget: { deadlineMs: 300 } });
      // A bound, not a speed measurement: without the deadline this takes several seconds.
      expect(Date.now() - started).to.be.below(3_000);
      expect(r.exitCode).to.equal(3);
      expect(r.budget.exhausted?.bound).to.equal('deadlineMs');
      expect(reasonsOf(r)).to.contain('budget deadlineMs of this call exhausted');
    } finally {
      world.server.clearFaults();
    }
  });

  it('refuses a budget that is not positive whole numbers (caller misuse)', async () => {
    for (const budget of [{ maxQueries: 0 }, { deadlineMs: 1.5 }, { maxSmtpSessions: Number.NaN }, { deadlineMs: 10_000_000 }]) {
      let err: unknown;
      try { await verifyDane('two.example.', { ...opts, budget }); } catch (e) { err = e; }
      expect(err, JSON.stringify(budget)).to.be.instanceOf(RangeError);
    }
  });

  it('CLI: --deadline sets it, --json reports the budget, a bad --deadline is exit 64', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dane-verify-budget-'));
    try {
      writeFileSync(join(dir, 'anchor.ds'), world.trustAnchors.text);
      const net = ['--resolver', world.resolver, '--trust-anchor', join(dir, 'anchor.ds'), '--port', String(world.mailPort)];
      const r = await runCli(['two.example.', ...net, '--deadline', '60000', '--json']);
      expect(r.exitCode, r.stderr).to.equal(0);
      const j = JSON.parse(r.stdout) as { budget: { limits: { deadlineMs: number }; used: { smtpSessions: number } } };
      expect(j.budget.limits.deadlineMs).to.equal(60000);
      expect(j.budget.used.smtpSessions).to.equal(2);
      expect((await runCli(['two.example.', ...net, '--deadline', 'soon'])).exitCode).to.equal(64);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dane/verify: NSEC3 hash work is charged to the call', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    // No TLSA at the host: its denial is an NSEC3 proof of 150 iterations (151 SHA-1 per hash).
    world = await createTestWorld({ zones: { 'hashes.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1'], denial: { nsec3: { iterations: 150, salt: 'ab'.repeat(8) } } } } });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, timeoutMs: 5000, connect: false, shareValidator: false };
  });
  after(async () => world?.close());

  it('an honest proof is counted in iterations + 1 per hash, and the host has no DANE (exit 2)', async () => {
    const r = await verifyDane('hashes.example.', opts);
    expect(r.exitCode, reasonsOf(r)).to.equal(2);
    expect(r.budget.used.nsec3HashWork).to.be.above(0);
    expect(r.budget.used.nsec3HashWork % 151).to.equal(0);
    expect(r.budget.exhausted).to.equal(undefined);
  });

  it('maxNsec3HashWork exhausted: the lookup that needed more is a temporary failure naming it (exit 3), never "no DANE"', async () => {
    const r = await verifyDane('hashes.example.', { ...opts, budget: { maxNsec3HashWork: 151 } });
    expect(r.exitCode, reasonsOf(r)).to.equal(3);
    expect(r.budget.exhausted?.bound).to.equal('maxNsec3HashWork');
    expect(reasonsOf(r)).to.contain('budget maxNsec3HashWork of this call exhausted');
    expect(r.budget.used.nsec3HashWork).to.be.at.most(151);
  });
});
