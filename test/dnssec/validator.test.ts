import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator, type LookupResult } from '../../src/dnssec/validator.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Name } from '../../src/dns/name.ts';

import { SPEC } from './world-spec.ts';

describe('dnssec/validator against the test world', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let validator: Validator;
  let resolver: StubResolver;

  before(async () => {
    world = await createTestWorld(SPEC as never);
    resolver = new StubResolver({ servers: [world.resolver] });
    validator = new Validator({ upstream: resolver, trustAnchors: world.trustAnchors.text });
  });
  after(async () => world?.close());

  const look = (name: string, type: number): Promise<LookupResult> => validator.lookup(name, type);

  describe('secure', () => {
    it('proves a positive answer up the chain of trust (MX, A, TLSA)', async () => {
      for (const [n, t] of [['example.', RRType.MX], ['mx.example.', RRType.A], ['_25._tcp.mx.example.', RRType.TLSA]] as const) {
        const r = await look(n, t);
        expect(r.status, `${n} ${r.reason}`).to.equal('secure');
        expect(r.kind).to.equal('answer');
        expect(r.rrset).to.have.length(1);
        expect(r.chain.map((l) => l.zone)).to.deep.equal(['.', 'example.']);
        expect(r.chain.every((l) => l.status === 'secure')).to.equal(true);
      }
    });

    it('proves RSASHA256 zones as well as ECDSA ones', async () => {
      const r = await look('mx.rsa.example.', RRType.A);
      expect(r.status, r.reason).to.equal('secure');
    });

    it('proves NXDOMAIN and NODATA with NSEC (RFC 4035 §5.4)', async () => {
      const nx = await look('nope.example.', RRType.A);
      expect([nx.status, nx.kind]).to.deep.equal(['secure', 'nxdomain']);
      const nd = await look('mx.example.', RRType.AAAA);
      expect([nd.status, nd.kind]).to.deep.equal(['secure', 'nodata']);
    });

    it('proves NXDOMAIN, NODATA and an empty non-terminal with NSEC3 (RFC 5155 §8)', async () => {
      expect((await look('nope.n3.example.', RRType.A)).status).to.equal('secure');
      const nd = await look('mx.n3.example.', RRType.TLSA);
      expect([nd.status, nd.kind]).to.deep.equal(['secure', 'nodata']);
      const ent = await look('y.ent.n3.example.', RRType.A);
      expect([ent.status, ent.kind], ent.reason).to.deep.equal(['secure', 'nodata']);
    });

    it('proves an empty non-terminal with NSEC', async () => {
      const r = await look('b.ent.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['secure', 'nodata']);
    });

    it('proves wildcard answers with their no-closer-match proof, NSEC and NSEC3', async () => {
      const a = await look('x.wild.example.', RRType.TXT);
      expect([a.status, a.kind], a.reason).to.deep.equal(['secure', 'answer']);
      const b = await look('z.w.n3.example.', RRType.TXT);
      expect([b.status, b.kind], b.reason).to.deep.equal(['secure', 'answer']);
    });

    it('proves wildcard NODATA', async () => {
      const r = await look('x.wild.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['secure', 'nodata']);
    });

    it('follows CNAME chains link by link, within and across zones', async () => {
      const r = await look('chain.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['secure', 'answer']);
      expect(r.aliases.map((a) => a.name.toString())).to.deep.equal(['chain.example.', 'www.example.']);
      const x = await look('cross.example.', RRType.A);
      expect([x.status, x.kind], x.reason).to.deep.equal(['secure', 'answer']);
      expect(x.chain.map((l) => l.zone)).to.include('n3.example.');
    });

    it('follows a signed DNAME and checks the synthesised CNAME', async () => {
      const r = await look('mx.dn.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['secure', 'answer']);
      expect(r.rrset[0]!.name.toString()).to.equal('mx.n3.example.');
    });

    it('answers a warm lookup without sending a query', async () => {
      await look('mx.example.', RRType.A);
      const before = world.server.log.length;
      const r = await look('mx.example.', RRType.A);
      expect(r.status).to.equal('secure');
      expect(world.server.log.length).to.equal(before);
    });
  });

  describe('insecure', () => {
    it('accepts unsigned data only below a proven delegation without DS (NSEC)', async () => {
      const r = await look('mx.plain.example.', RRType.A);
      expect(r.status, r.reason).to.equal('insecure');
      expect(r.rrset).to.have.length(1);
      expect(r.reasons[0]!.code).to.equal('insecure-delegation');
    });

    it('treats a signed zone without DS in its parent as insecure (island of security)', async () => {
      expect((await look('mx.island.example.', RRType.A)).status).to.equal('insecure');
    });

    it('treats an opt-out span hiding an unsigned delegation as insecure (RFC 5155 §6)', async () => {
      const r = await look('mx.unsigned.optout.example.', RRType.A);
      expect(r.status, r.reason).to.equal('insecure');
    });

    it('treats a zone signed only with an unsupported algorithm as insecure (RFC 4035 §5.2)', async () => {
      const r = await look('mx.gost.example.', RRType.A);
      expect(r.status, r.reason).to.equal('insecure');
      expect(r.reasons[0]!.code).to.equal('unsupported-algorithm');
    });

    it('makes denials with NSEC3 iterations above 150 insecure (RFC 9276 §3.2)', async () => {
      const r = await look('nope.iter.example.', RRType.A);
      expect(r.status, r.reason).to.equal('insecure');
      expect(r.reasons[0]!.ede).to.equal(27);
    });

    it('makes a CNAME into an insecure zone insecure as a whole', async () => {
      const r = await look('toplain.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['insecure', 'answer']);
    });
  });

  describe('bogus', () => {
    const cases: [string, string, RegExp][] = [
      ['mx.corrupt.example.', 'signature-invalid', /does not verify|signature/],
      ['mx.expired.example.', 'signature-expired', /expired/],
      ['mx.future.example.', 'signature-not-yet-valid', /not yet valid|before/],
      ['mx.nosig.example.', 'rrsigs-missing', /no RRSIG/],
      ['mx.dsbad.example.', 'ds-mismatch', /DS/],
    ];
    for (const [name, code, text] of cases) {
      it(`reports ${code} for ${name}`, async () => {
        const r = await look(name, RRType.A);
        expect(r.status, r.reason).to.equal('bogus');
        expect(r.reasons[0]!.code, r.reason).to.equal(code);
        expect(r.reason).to.match(text);
        expect(r.rrset).to.have.length(0);
      });
    }

    it('rejects an NXDOMAIN whose NSEC does not cover the name', async () => {
      const r = await look('nope.gap.example.', RRType.A);
      expect(r.status, r.reason).to.equal('bogus');
      expect(r.reasons[0]!.code).to.equal('denial-invalid');
    });

    it('rejects a NODATA whose NSEC lists the queried type', async () => {
      const r = await look('mx.bitmap.example.', RRType.AAAA);
      expect(r.status, r.reason).to.equal('bogus');
    });

    it('refuses NSEC3 iterations above the hard limit without hashing', async () => {
      const r = await look('nope.iter2.example.', RRType.A);
      expect(r.status, r.reason).to.equal('bogus');
      expect(r.reasons[0]!.ede).to.equal(27);
    });

    it('bounds the work of a KeyTrap answer (many keys sharing a tag) and calls it bogus', async () => {
      const t0 = process.hrtime.bigint();
      const r = await look('mx.trap.example.', RRType.A);
      expect(r.status, r.reason).to.equal('bogus');
      expect(r.reasons[0]!.code).to.be.oneOf(['limit-exceeded', 'signature-invalid']);
      // Not a timing assertion: the bound is on signature checks, which the reason names.
      void t0;
    });

    it('detects a CNAME loop', async () => {
      const r = await look('loop1.example.', RRType.A);
      expect(r.status).to.equal('bogus');
      expect(r.reason).to.match(/loop/);
    });
  });

  describe('indeterminate', () => {
    it('has no answer when no trust anchor covers the name', async () => {
      const { formatRR } = await import('../../src/dns/presentation.ts');
      const sub = new Validator({ upstream: resolver, trustAnchors: world.zones.get('n3.example.')!.ds.map((d) => formatRR(d)).join('\n') });
      const r = await sub.lookup('mx.example.', RRType.A);
      expect(r.status).to.equal('indeterminate');
      expect(r.reasons[0]!.code).to.equal('no-trust-anchor');
    });

    it('does not remember a transient failure: the next lookup proves the answer', async () => {
      const v = new Validator({ upstream: new StubResolver({ servers: [world.resolver], cacheSize: 0 }), trustAnchors: world.trustAnchors.text });
      world.server.addFault({ fault: { kind: 'servfail' }, match: (q) => q.questions[0]?.type === RRType.DNSKEY && q.questions[0].name.toString() === 'rsa.example.', times: 10 });
      try {
        const first = await v.lookup('mx.rsa.example.', RRType.A);
        expect(first.status).to.equal('indeterminate');
      } finally {
        world.server.clearFaults();
      }
      const second = await v.lookup('mx.rsa.example.', RRType.A);
      expect(second.status, second.reason).to.equal('secure');
    });

    it('names an upstream that strips DNSSEC records, and is indeterminate rather than insecure', async () => {
      const v = new Validator({ upstream: new StubResolver({ servers: [world.resolver], cacheSize: 0, attempts: 1 }), trustAnchors: world.trustAnchors.text });
      world.server.addFault({ fault: { kind: 'strip-dnssec' } });
      try {
        const r = await v.lookup('mx.rsa.example.', RRType.A);
        expect(r.status).to.equal('indeterminate');
        expect(r.reason).to.match(/strips DNSSEC/);
      } finally {
        world.server.clearFaults();
      }
    });

    it('is indeterminate, never insecure, when the upstream does not answer', async () => {
      const dead = new StubResolver({ servers: ['127.0.0.1:9'], timeoutMs: 200, attempts: 1, deadlineMs: 400 });
      const v = new Validator({ upstream: dead, trustAnchors: world.trustAnchors.text });
      const r = await v.lookup('mx.example.', RRType.A);
      expect(r.status).to.equal('indeterminate');
      expect(r.kind).to.equal('error');
    });
  });

  describe('policy and bounds', () => {
    it('treats a zone signed only with SHA-1 algorithms as insecure when the policy disables them (RFC 8624)', async () => {
      expect((await look('mx.sha1.example.', RRType.A)).status).to.equal('secure');
      const strict = new Validator({ upstream: resolver, trustAnchors: world.trustAnchors.text, cryptoPolicy: { allowSha1: false } });
      const r = await strict.lookup('mx.sha1.example.', RRType.A);
      expect(r.status, r.reason).to.equal('insecure');
      expect(r.reasons[0]!.code).to.equal('unsupported-algorithm');
      expect((await strict.lookup('mx.example.', RRType.A)).status).to.equal('secure');
    });

    it('bounds the zone cuts one walk may descend (maxZoneCuts)', async () => {
      const v = new Validator({ upstream: resolver, trustAnchors: world.trustAnchors.text, limits: { maxZoneCuts: 1 } });
      const r = await v.lookup('mx.n3.example.', RRType.A);
      expect(r.status).to.equal('bogus');
      expect(r.reason).to.match(/maxZoneCuts/);
      expect((await v.lookup('example.', RRType.MX)).status).to.equal('secure');
    });

    it('bounds the signature checks spent on one zone (maxSignatureChecksPerZone)', async () => {
      const v = new Validator({ upstream: resolver, trustAnchors: world.trustAnchors.text, limits: { maxSignatureChecksPerZone: 2 } });
      const r = await v.lookup('nope.example.', RRType.A);
      expect(r.status).to.equal('bogus');
      expect(r.reason).to.match(/maxSignatureChecksPerZone/);
    });

    it('tolerates clock skew only when asked to', async () => {
      const late = new Date(world.validity.expiration.getTime() + 60_000);
      const strict = new Validator({ upstream: resolver, trustAnchors: world.trustAnchors.text, now: () => late });
      expect((await strict.lookup('mx.example.', RRType.A)).reasons[0]?.code).to.equal('signature-expired');
      const lenient = new Validator({ upstream: resolver, trustAnchors: world.trustAnchors.text, now: () => late, clockSkewSeconds: 300 });
      expect((await lenient.lookup('mx.example.', RRType.A)).status).to.equal('secure');
    });
  });

  describe('trust anchors', () => {
    it('validates from an anchor for a sub-zone, without the root', async () => {
      const { formatRR } = await import('../../src/dns/presentation.ts');
      const text = world.zones.get('n3.example.')!.ds.map((d) => formatRR(d)).join('\n');
      const v = new Validator({ upstream: resolver, trustAnchors: text });
      const r = await v.lookup('mx.n3.example.', RRType.A);
      expect(r.status, r.reason).to.equal('secure');
      expect(r.chain.map((l) => l.zone)).to.deep.equal(['n3.example.']);
    });

    it('is bogus when the anchor does not match the zone key', async () => {
      const v = new Validator({ upstream: resolver, trustAnchors: '. IN DS 12345 13 2 ' + '00'.repeat(32) });
      const r = await v.lookup('mx.example.', RRType.A);
      expect(r.status).to.equal('bogus');
      expect(r.reasons[0]!.code).to.equal('ds-mismatch');
    });

    it('accepts a name given as text or as a Name', async () => {
      const r = await validator.lookup(Name.parse('MX.Example.'), RRType.A);
      expect(r.status).to.equal('secure');
    });
  });
});
