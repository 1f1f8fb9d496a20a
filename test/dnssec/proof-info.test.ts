/**
 * What a lookup result reports about its proofs (proof-info.ts): which DS named which DNSKEY,
 * which keys' RRSIGs proved the DNSKEY and DS RRsets, where a broken link failed, and the
 * NSEC/NSEC3 records of a denial, each against the keys the test world signed with.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';

describe('dnssec/proof-info: what a result says its proofs used', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let validator: Validator;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': { records: ['mx A 127.0.0.1'] },
        'n3.example.': { denial: { nsec3: { salt: 'ab', iterations: 1 } }, records: ['mx A 127.0.0.2'] },
        'dsbad.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'ds-mismatch' }] },
        'plain.example.': { unsigned: true, records: ['mx A 127.0.0.3'] },
        'corrupt.example.': { records: ['mx A 127.0.0.4'], break: [{ kind: 'corrupt-signature', type: 'A' }] },
      },
    });
    validator = new Validator({ upstream: new StubResolver({ servers: [world.resolver] }), trustAnchors: world.trustAnchors.text });
  });
  after(async () => world?.close());

  const tags = (zone: string, which: 'ksk' | 'zsk') => world.zones.get(zone)!.keys[which].map((k) => k.keyTag);

  it('a secure chain: each DS names the KSK it matched, the KSK signed the DNSKEY RRset, the parent\'s ZSK the DS RRset', async () => {
    const r = await validator.lookup('mx.example.', RRType.A);
    expect(r.status).to.equal('secure');
    const [root, example] = r.chain;
    expect(root!.via).to.equal('trust-anchor');
    expect(root!.ds!.every((d) => d.usable && d.matchedKeyTag === d.keyTag)).to.equal(true);
    expect(tags('.', 'ksk')).to.include(root!.keysSignedBy);
    expect(example!.ds!.map((d) => d.matchedKeyTag)).to.deep.equal(tags('example.', 'ksk'));
    expect(example!.keysSignedBy).to.equal(tags('example.', 'ksk')[0]);
    expect(tags('.', 'zsk')).to.include(example!.dsSignedBy);
    expect(example!.keys!.map((k) => k.keyTag).sort()).to.deep.equal([...tags('example.', 'ksk'), ...tags('example.', 'zsk')].sort());
    expect(example!.failedAt).to.equal(undefined);
    expect(r.denial).to.equal(undefined);
  });

  it('a DS that matches no key: no matchedKeyTag, the link failed at the DNSKEY RRset', async () => {
    const r = await validator.lookup('mx.dsbad.example.', RRType.A);
    expect(r.status).to.equal('bogus');
    const bad = r.chain.find((l) => l.zone === 'dsbad.example.')!;
    expect(bad.status).to.equal('bogus');
    expect(bad.failedAt).to.equal('dnskey');
    expect(bad.ds!.length).to.be.greaterThan(0);
    expect(bad.ds!.every((d) => d.matchedKeyTag === undefined)).to.equal(true);
    expect(bad.keysSignedBy).to.equal(undefined);
  });

  it('an insecure delegation: the parent\'s NSEC records proving no DS, with the key that signed them', async () => {
    const r = await validator.lookup('mx.plain.example.', RRType.A);
    expect(r.status).to.equal('insecure');
    const cut = r.chain.find((l) => l.zone === 'plain.example.')!;
    expect(cut.status).to.equal('insecure');
    expect(cut.denial?.proves).to.equal('no-ds');
    expect(cut.denial?.zone).to.equal('example.');
    expect(cut.denial?.records.map((x) => [x.type, x.owner])).to.deep.equal([['NSEC', 'plain.example.']]);
    expect(cut.denial?.records[0]!.types).to.include('NS').and.not.include('DS');
    expect(cut.denial?.signerKeyTags).to.deep.equal(tags('example.', 'zsk'));
  });

  it('NXDOMAIN with NSEC3: the hashed records, their iterations and signer', async () => {
    const r = await validator.lookup('nope.n3.example.', RRType.A);
    expect([r.status, r.kind]).to.deep.equal(['secure', 'nxdomain']);
    expect(r.denial?.proves).to.equal('nxdomain');
    expect(r.denial?.zone).to.equal('n3.example.');
    expect(r.denial?.name).to.equal('nope.n3.example.');
    expect(r.denial?.records.length).to.be.within(2, 3);
    for (const x of r.denial!.records) {
      expect(x.type).to.equal('NSEC3');
      expect(x.owner).to.match(/^[0-9a-v]{32}\.n3\.example\.$/);
      expect(x.next).to.match(/^[0-9a-v]{32}$/);
      expect(x.iterations).to.equal(1);
    }
    expect(r.denial?.signerKeyTags).to.deep.equal(tags('n3.example.', 'zsk'));
  });

  it('a bad signature on the answer: the chain is secure, the answer bogus, its RRSIG names the ZSK', async () => {
    const r = await validator.lookup('mx.corrupt.example.', RRType.A);
    expect(r.status).to.equal('bogus');
    expect(r.chain.every((l) => l.status === 'secure')).to.equal(true);
    expect(r.rrsigs.map((s) => s.data.keyTag)).to.deep.equal(tags('corrupt.example.', 'zsk'));
  });
});
