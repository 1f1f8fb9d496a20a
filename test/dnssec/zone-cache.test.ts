/**
 * The validator's cache of proven zone keys and DS steps is bounded (`zoneCache.maxEntries`,
 * default ZONE_CACHE_ENTRIES): a scan over many zones keeps at most that many, the oldest going
 * first, and a zone pushed out is proven again from fresh answers, not trusted from memory.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { ZONE_CACHE_ENTRIES } from '../../src/limits.ts';

describe('dnssec/keychain: the zone cache bound', function () {
  this.timeout(60_000);
  let world: TestWorld;
  const ZONES = ['z1', 'z2', 'z3', 'z4', 'z5', 'z6'];

  before(async () => {
    world = await createTestWorld({
      zones: { 'example.': {}, ...Object.fromEntries(ZONES.map((z) => [`${z}.example.`, { records: ['www A 192.0.2.1'] }])) },
    });
  });
  after(async () => world?.close());

  const validator = (maxEntries?: number) => new Validator({
    // A one-message stub cache: a zone pushed out of the key chain is asked for on the wire again.
    upstream: new StubResolver({ servers: [world.resolver], timeoutMs: 2000, cacheSize: 1 }),
    trustAnchors: world.trustAnchors.text,
    answerCache: { maxEntries: 1 }, // so that every lookup goes to the key chain
    ...(maxEntries !== undefined ? { zoneCache: { maxEntries } } : {}),
  });

  it('keeps at most maxEntries zones (and DS steps), and still proves every answer secure', async () => {
    const v = validator(3);
    for (const z of ZONES) {
      const r = await v.lookup(Name.parse(`www.${z}.example.`), RRType.A);
      expect(r.status, `${z}: ${r.reason}`).to.equal('secure');
      const { zones, ds } = v.cacheStats().zones;
      expect(zones, z).to.be.at.most(3);
      expect(ds, z).to.be.at.most(3);
    }
    expect(v.cacheStats().zones.zones).to.equal(3);
    // The first zone was pushed out: asking again proves it again (its DNSKEY is asked anew).
    const before = world.server.log.length;
    expect((await v.lookup(Name.parse('www.z1.example.'), RRType.A)).status).to.equal('secure');
    const asked = world.server.log.slice(before).map((q) => q.message?.questions[0]);
    expect(asked.some((q) => q?.type === RRType.DNSKEY && q.name.toString().toLowerCase() === 'z1.example.')).to.equal(true);
  });

  it('defaults to ZONE_CACHE_ENTRIES, and refuses a bound that is not a positive integer', async () => {
    const v = validator();
    for (const z of ZONES) await v.lookup(Name.parse(`www.${z}.example.`), RRType.A);
    expect(v.cacheStats().zones.zones).to.equal(ZONES.length + 2); // the root, example. and the six
    expect(ZONE_CACHE_ENTRIES).to.equal(4096);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => validator(bad), String(bad)).to.throw(RangeError);
  });
});
