/**
 * `dane-verify/mx-connect` end to end (issue #14, item 3): mx-connect 2.0.0 opens the TCP
 * connection to the validated address of each connect-plan target; the test then does what the
 * MTA does (STARTTLS with the target's options, `verify` before MAIL FROM). The two cases the issue
 * found unsafe with mx-connect's own hooks are here: a CNAME'd MX host with a mismatching TLSA at
 * its expanded name (must fail, not go out without DANE), and a PKIX-only set (mandatory TLS, not blocked).
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { connectWithDane, DaneConnectError, type DaneMxConnectOptions } from '../../src/adapters/mx-connect.ts';
import { startTlsOn } from '../support/starttls-client.ts';
import type { TLSSocket } from 'node:tls';

const OTHER = 'ab'.repeat(32);

describe('adapters/mx-connect: connectWithDane', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneMxConnectOptions;
  const open: TLSSocket[] = [];

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx'] },
        'cnamemis.example.': { records: ['@ MX 10 alias', 'alias CNAME real'] },
        'pkix.example.': { records: ['@ MX 10 mx'] },
        'bogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
        'second.example.': { records: ['@ MX 10 mx.dead.example.', '@ MX 20 mx.ok.example.'] },
        'dead.example.': { records: ['mx A 127.0.0.254', `_25._tcp.mx TLSA 3 1 1 ${OTHER}`] },
      },
      mailServers: {
        'mx.ok.example.': {},
        'real.cnamemis.example.': { tlsa: [`3 1 1 ${OTHER}`] },
        'mx.pkix.example.': { tlsa: ['1 1 1'] },
        'mx.bogus.example.': {},
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000, mxConnect: { maxConnectTime: 2000 } };
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.destroy();
  });
  after(async () => world?.close());

  async function tlsFor(domain: string) {
    const c = await connectWithDane(domain, opts);
    const tls = await startTlsOn(c.socket, c.target.tlsOptions);
    open.push(tls);
    return { c, tls };
  }

  it('connects to the validated address of the DANE host; STARTTLS with its options; verify authenticates', async () => {
    const { c, tls } = await tlsFor('ok.example');
    expect(c.target).to.include({ host: 'mx.ok.example.', address: world.mailServers.get('mx.ok.example.')!.address, requireTls: true });
    expect(await c.target.verify(tls)).to.include({ ok: true, authenticated: true, usage: 'DANE-EE' });
  });

  it("a CNAME'd MX host with a mismatching TLSA record at its expanded name: DANE applies there, and verify fails (tlsa-invalid)", async () => {
    const { c, tls } = await tlsFor('cnamemis.example');
    expect(c.target).to.include({ policy: 'dane', servername: 'real.cnamemis.example' });
    expect(await c.target.verify(tls)).to.include({ ok: false, tlsrpt: 'tlsa-invalid' });
  });

  it('a PKIX-only TLSA set: mandatory TLS, connected, not authenticated (RFC 7672 §3.1), not blocked', async () => {
    const { c, tls } = await tlsFor('pkix.example');
    expect(c.target).to.include({ policy: 'mandatory-tls', requireTls: true });
    expect(await c.target.verify(tls)).to.include({ ok: true, authenticated: false });
  });

  it('a bogus TLSA lookup: no connection at all, a temporary failure naming dnssec-invalid', async () => {
    const before = world.mailServers.get('mx.bogus.example.')!.server.commands.length;
    const e = (await connectWithDane('bogus.example', opts).catch((x: unknown) => x)) as DaneConnectError;
    expect(e).to.be.instanceOf(DaneConnectError);
    expect(e.temporary).to.equal(true);
    expect(e.attempts[0]).to.include({ tlsrpt: 'dnssec-invalid' });
    expect(world.mailServers.get('mx.bogus.example.')!.server.commands.length).to.equal(before);
  });

  it('the first MX host does not answer: the next target is connected, the failed one reported', async () => {
    const c = await connectWithDane('second.example', opts);
    c.socket.destroy();
    expect(c.target.host).to.equal('mx.ok.example.');
    expect(c.attempts.map((a) => a.host)).to.deep.equal(['mx.dead.example.']);
  });

  it('after a target fails verify, `after` asks for the next one; past the last, a temporary failure', async () => {
    const c = await connectWithDane('second.example', opts);
    c.socket.destroy();
    const next = await connectWithDane('second.example', opts, { plan: c.plan, target: c.plan.targets[0]! });
    next.socket.destroy();
    expect(next.target).to.equal(c.plan.targets[1]);
    const e = (await connectWithDane('second.example', opts, { plan: c.plan, target: c.plan.targets[1]! }).catch((x: unknown) => x)) as DaneConnectError;
    expect(e).to.be.instanceOf(DaneConnectError);
    expect(e.temporary).to.equal(true);
  });
});
