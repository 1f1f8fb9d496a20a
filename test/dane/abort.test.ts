/**
 * The Node convention for a caller's signal (issue #14, item 5): verifyDane and resolveDanePolicy
 * reject with `signal.reason` when it is aborted, before or during the call; an unaborted signal
 * changes nothing; the call's own deadline is not an abort (it resolves, naming the bound).
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { resolveDanePolicy, verifyDane, type DaneOptions } from '../../src/dane/verify.ts';

describe('dane/verify: an aborted signal rejects with its reason', function () {
  this.timeout(30_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({ zones: { 'example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`] } } });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, connect: false, shareValidator: false, timeoutMs: 5000 };
  });
  after(async () => world?.close());

  const rejection = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('aborted before the call: both reject with the reason, nothing is asked', async () => {
    const reason = new Error('shutting down');
    const before = world.server.log.length;
    expect(await rejection(verifyDane('example.', { ...opts, signal: AbortSignal.abort(reason) }))).to.equal(reason);
    expect(await rejection(resolveDanePolicy('example.', { ...opts, signal: AbortSignal.abort(reason) }))).to.equal(reason);
    expect(world.server.log.length).to.equal(before);
  });

  it('aborted during the call (answers held back): rejects with the reason, not a verdict', async () => {
    world.server.addFault({ fault: { kind: 'delay', ms: 2000 } });
    try {
      const ac = new AbortController();
      const p = verifyDane('example.', { ...opts, signal: ac.signal });
      setTimeout(() => ac.abort(new Error('client went away')), 100);
      const e = await rejection(p);
      expect((e as Error)?.message).to.equal('client went away');
    } finally {
      world.server.clearFaults();
    }
  });

  it('an unaborted signal: the same result as without one; the budget deadline resolves, naming the bound', async () => {
    const r = await verifyDane('example.', { ...opts, signal: new AbortController().signal });
    expect(r.exitCode).to.equal(0);
    world.server.addFault({ fault: { kind: 'delay', ms: 1000 } });
    try {
      const late = await verifyDane('example.', { ...opts, signal: new AbortController().signal, budget: { deadlineMs: 200 } });
      expect(late.exitCode).to.equal(3);
      expect(late.budget.exhausted?.bound).to.equal('deadlineMs');
    } finally {
      world.server.clearFaults();
    }
  });
});
