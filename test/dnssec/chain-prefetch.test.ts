/**
 * A cold lookup asks the chain of trust beside the answer (issue #13): the DS and DNSKEY questions
 * go out while the answer is on its way, a zone's DNSKEY beside its DS. Nothing is trusted
 * earlier: a DNSKEY RRset that does not match the DS is still bogus. Round trips are counted, not
 * timed: every answer is held back, and a round is a burst of questions sent before any of its
 * answers could have come back.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { RRType, rrTypeToString } from '../../src/dns/iana/rr-types.ts';
import { verifyDane } from '../../src/dane/verify.ts';

describe('dnssec: the chain of trust asked beside the answer', function () {
  this.timeout(30_000);
  let world: TestWorld;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'com.': {},
        'example.com.': { records: ['@ MX 10 mx.mail'] },
        'mail.example.com.': { records: ['mx A 127.0.0.1', `_25._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`] },
        'bad.com.': { records: ['@ MX 10 mx'], break: [{ kind: 'ds-mismatch' }] },
      },
    });
  });
  after(async () => world?.close());

  const validator = () => new Validator({ upstream: new StubResolver({ servers: [world.resolver], timeoutMs: 5000 }), trustAnchors: world.trustAnchors.text });

  it('the chain questions arrive while the MX answer is held back', async () => {
    world.server.addFault({ fault: { kind: 'delay', ms: 500 }, match: (m) => m.questions[0]!.type === RRType.MX });
    try {
      const from = world.server.log.length;
      const v = validator();
      const pending = v.lookup('example.com.', RRType.MX);
      await new Promise((r) => setTimeout(r, 300)); // the MX answer is still held back
      const asked = world.server.log.slice(from).map((q) => `${q.message!.questions[0]!.name} ${rrTypeToString(q.message!.questions[0]!.type)}`);
      expect(asked).to.include.members(['example.com. MX', '. DNSKEY', 'com. DS', 'example.com. DS', 'com. DNSKEY', 'example.com. DNSKEY']);
      expect((await pending).status).to.equal('secure');
    } finally {
      world.server.clearFaults();
    }
  });

  it('a TLSA lookup asks no DS for the underscore labels or the host name (no zone cuts there)', async () => {
    const from = world.server.log.length;
    const r = await validator().lookup('_25._tcp.mx.mail.example.com.', RRType.TLSA);
    expect(r.status).to.equal('secure');
    const ds = world.server.log.slice(from).filter((q) => q.message!.questions[0]!.type === RRType.DS).map((q) => q.message!.questions[0]!.name.toString());
    expect(ds.sort()).to.deep.equal(['com.', 'example.com.', 'mail.example.com.']);
  });

  it('a DNSKEY RRset asked ahead that does not match its DS is still bogus', async () => {
    const r = await validator().lookup('bad.com.', RRType.MX);
    expect(r.status).to.equal('bogus');
    expect(r.reason).to.match(/matches its DS/);
  });

  /** Rounds of questions `f` sends when every answer is held back `HOLD_MS`: bursts separated by more than half of it. */
  const HOLD_MS = 400;
  async function rounds(f: () => Promise<unknown>): Promise<number> {
    const arrivals: number[] = [];
    world.server.addFault({ fault: { kind: 'delay', ms: HOLD_MS }, match: () => arrivals.push(performance.now()) > 0 });
    try {
      await f();
    } finally {
      world.server.clearFaults();
    }
    arrivals.sort((a, b) => a - b);
    return 1 + arrivals.filter((t, i) => i > 0 && t - arrivals[i - 1]! > HOLD_MS / 2).length;
  }

  it('a cold resolve takes one round trip: the answer and the whole chain of trust together', async () => {
    const v = validator();
    let status = '';
    expect(await rounds(async () => (status = (await v.lookup('mx.mail.example.com.', RRType.A)).status))).to.equal(1);
    expect(status).to.equal('secure');
  });

  it('a cold policy for a domain takes two: MX with its chain, then the hosts\' addresses and TLSA with theirs', async () => {
    let exit = -1;
    const n = await rounds(async () => {
      exit = (await verifyDane('example.com', { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, connect: false, shareValidator: false, timeoutMs: 5000 })).exitCode;
    });
    expect(exit).to.equal(0);
    expect(n).to.equal(2);
  });
});
