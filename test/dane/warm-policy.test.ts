/**
 * A warm policy is not derived again (dane/policy.ts memoises host and domain policies by the
 * identity of the validator's cached results, issue #13). What must hold: the same proven answers
 * give the same frozen policy; other answers (another validator, another world, expired entries)
 * or other options (port) never get a policy made from someone else's answers.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { resolveDanePolicyWith } from '../../src/dane/policy.ts';
import { StubResolver } from '../../src/resolver/stub.ts';

describe('dane/policy: warm policies come from the cached answers they were made of', function () {
  this.timeout(60_000);
  const worlds: TestWorld[] = [];
  const stubs: StubResolver[] = [];
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  let clockMs = now.getTime();

  async function world(tlsa: string): Promise<Validator> {
    const w = await createTestWorld({ now, zones: { 'example.': { records: ['@ MX 10 mx', 'mx 120 A 127.0.0.1', `_25._tcp.mx 3600 TLSA 3 1 1 ${tlsa}`, `_26._tcp.mx TLSA 3 1 2 ${tlsa.repeat(2)}`] } } });
    worlds.push(w);
    const stub = new StubResolver({ servers: [w.resolver], cacheSize: 0 });
    stubs.push(stub);
    return new Validator({ upstream: stub, trustAnchors: w.trustAnchors.text, now: () => new Date(clockMs) });
  }
  after(async () => {
    for (const s of stubs) s.close();
    for (const w of worlds) await w.close();
  });

  it('the same answers give the same frozen policy; a change of port gives its own', async () => {
    clockMs = now.getTime();
    const v = await world('ab'.repeat(32));
    const first = await resolveDanePolicyWith(v, 'example.');
    const second = await resolveDanePolicyWith(v, 'example.');
    expect(second).to.equal(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.hosts) && Object.isFrozen(first.hosts[0]) && Object.isFrozen(first.hosts[0]!.tlsa)).to.equal(true);
    expect(() => (first.hosts as unknown as unknown[]).push({})).to.throw(TypeError);
    const on26 = await resolveDanePolicyWith(v, 'example.', { port: 26 });
    expect(on26).to.not.equal(first);
    expect(on26.hosts[0]!.tlsaName).to.equal('_26._tcp.mx.example.');
    expect(on26.hosts[0]!.tlsa.map((t) => t.params)).to.deep.equal(['3 1 2']);
    expect((await resolveDanePolicyWith(v, 'example.')).hosts[0]!.tlsa.map((t) => t.params)).to.deep.equal(['3 1 1']);
  });

  it('two validators with other answers for the same names each get their own records', async () => {
    clockMs = now.getTime();
    const a = await world('ab'.repeat(32));
    const b = await world('cd'.repeat(32));
    for (let i = 0; i < 2; i++) {
      expect((await resolveDanePolicyWith(a, 'example.')).hosts[0]!.tlsa[0]!.text).to.match(/ abab/i);
      expect((await resolveDanePolicyWith(b, 'example.')).hosts[0]!.tlsa[0]!.text).to.match(/ cdcd/i);
    }
  });

  it('once an answer expires (the host address lives 120 s) the policy is made again from the new proof', async () => {
    clockMs = now.getTime();
    const v = await world('ab'.repeat(32));
    const first = await resolveDanePolicyWith(v, 'example.');
    // The policy lives as long as its shortest-lived proof: the host's A RRset, 120 s.
    expect(first.expiresAt).to.equal(clockMs / 1000 + 120);
    expect(first.hosts[0]!.expiresAt).to.equal(clockMs / 1000 + 120);
    clockMs += 120_000;
    const later = await resolveDanePolicyWith(v, 'example.');
    expect(later).to.not.equal(first);
    expect(later.expiresAt).to.equal(clockMs / 1000 + 120);
    const { expiresAt: _a, hosts: h1, ...rest1 } = first;
    const { expiresAt: _b, hosts: h2, ...rest2 } = later;
    void _a, void _b;
    expect(rest2).to.deep.equal(rest1);
    expect(h2.map(({ expiresAt: _, ...h }) => h)).to.deep.equal(h1.map(({ expiresAt: _, ...h }) => h));
  });
});
