/**
 * verifyDane / resolveDanePolicy without a `validator` share one per configuration across calls
 * (issue #13: the obvious code is the fast code), bounded in number, with an opt-out.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { resolveDanePolicy, verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import { clearSharedValidators, MAX_SHARED_VALIDATORS, sharedValidatorCount } from '../../src/dane/shared-validator.ts';

describe('dane/verify: one shared validator per configuration', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({ zones: { 'example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`] } } });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, timeoutMs: 5000, connect: false };
  });
  beforeEach(() => clearSharedValidators());
  after(async () => {
    clearSharedValidators();
    await world?.close();
  });

  /** Queries the world's server receives during `f` (the budget counts questions, cache hits included). */
  async function sent(f: () => Promise<unknown>): Promise<number> {
    const before = world.server.log.length;
    await f();
    return world.server.log.length - before;
  }

  it('a second call with the same configuration sends nothing: the first call\'s answers are in its caches', async () => {
    expect(await sent(async () => expect((await verifyDane('example.', opts)).exitCode).to.equal(0))).to.be.above(3);
    expect(await sent(async () => expect((await verifyDane('example.', opts)).exitCode).to.equal(0))).to.equal(0);
    // resolveDanePolicy shares the same one.
    const before = world.server.log.length;
    expect((await resolveDanePolicy('example.', opts)).action).to.equal('deliver');
    expect(world.server.log.length).to.equal(before);
    expect(sharedValidatorCount()).to.equal(1);
  });

  it('shareValidator: false makes a new one for the call (it asks again); another configuration has its own', async () => {
    await verifyDane('example.', opts);
    expect(await sent(() => verifyDane('example.', { ...opts, shareValidator: false }))).to.be.above(3);
    expect(await sent(() => verifyDane('example.', { ...opts, timeoutMs: 4000 }))).to.be.above(3);
    expect(sharedValidatorCount()).to.equal(2);
  });

  it(`keeps at most ${MAX_SHARED_VALIDATORS} configurations, dropping the least recently used`, async () => {
    for (let i = 0; i <= MAX_SHARED_VALIDATORS; i++) await verifyDane('example.', { ...opts, timeoutMs: 3000 + i });
    expect(sharedValidatorCount()).to.equal(MAX_SHARED_VALIDATORS);
    // The first configuration was dropped: asking with it again starts from empty caches.
    expect(await sent(() => verifyDane('example.', { ...opts, timeoutMs: 3000 }))).to.be.above(3);
    // The last one is still there.
    expect(await sent(() => verifyDane('example.', { ...opts, timeoutMs: 3000 + MAX_SHARED_VALIDATORS }))).to.equal(0);
  });
});
