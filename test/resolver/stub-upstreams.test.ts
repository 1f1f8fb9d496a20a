import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { harness } from './harness.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { replyTo } from '../../src/testing/dns-server.ts';
import { ok, failed } from './expect-result.ts';

const A_NAME = Name.parse('a.example.');

async function ipv6Loopback(): Promise<boolean> {
  const s = createSocket('udp6');
  try {
    s.bind(0, '::1');
    await Promise.race([once(s, 'listening'), once(s, 'error').then(() => Promise.reject(new Error('no ::1')))]);
    return true;
  } catch {
    return false;
  } finally {
    try {
      s.close();
    } catch {
      // never bound
    }
  }
}

describe('resolver/stub: upstreams, retries, deadline, abort', () => {
  const h = harness();
  afterEach(() => h.closeAll());

  const moveOn: [string, number, string][] = [
    ['SERVFAIL', Rcode.SERVFAIL, 'servfail'],
    ['REFUSED', Rcode.REFUSED, 'refused'],
    ['FORMERR', Rcode.FORMERR, 'formerr'],
    ['NOTIMP', Rcode.NOTIMP, 'notimp'],
    ['YXDOMAIN', Rcode.YXDOMAIN, 'rcode'],
  ];
  for (const [label, rcode, code] of moveOn) {
    it(`moves on to the next upstream after ${label}`, async () => {
      const bad = await h.server();
      const good = await h.server();
      bad.addFault({ fault: { kind: 'rcode', rcode } });
      const r = ok(await h.resolver([bad, good]).query(A_NAME, RRType.A));
      expect(r.server).to.equal(good.address);
      expect(r.attempts.map((a) => [a.server, a.code, a.reason])).to.deep.equal([
        [bad.address, code, label],
        [good.address, 'ok', 'NOERROR'],
      ]);
    });
  }

  it('moves on from an upstream that answers with a referral (not a recursive resolver)', async () => {
    const auth = await h.server(undefined, (query) =>
      replyTo(query, { authorities: [createRR({ name: Name.parse('example.'), type: RRType.NS, ttl: 60, data: { nsdname: Name.parse('ns.example.') } })] }),
    );
    const good = await h.server();
    const r = ok(await h.resolver([auth, good]).query(A_NAME, RRType.A));
    expect(r.server).to.equal(good.address);
    expect(r.attempts[0]).to.include({ code: 'not-recursive' });
    expect(r.attempts[0]!.reason).to.contain(`the resolver at ${auth.address} answered with a referral`);
  });

  it('moves on after a dropped query (timeout) and tries the first upstream again in the next round', async () => {
    const first = await h.server();
    const second = await h.server();
    first.addFault({ fault: { kind: 'drop' } });
    second.addFault({ fault: { kind: 'servfail' }, times: 1 });
    const r = ok(await h.resolver([first, second], { timeoutMs: 200, attempts: 2 }).query(A_NAME, RRType.A));
    expect(r.attempts.map((a) => `${a.server === first.address ? 1 : 2}:${a.code}`)).to.deep.equal(['1:timeout', '2:servfail', '1:timeout', '2:ok']);
  });

  it('returns a failure naming every upstream and what it did when all fail, never a throw', async () => {
    const a = await h.server();
    const b = await h.server();
    a.addFault({ fault: { kind: 'servfail' } });
    b.addFault({ fault: { kind: 'rcode', rcode: Rcode.REFUSED } });
    const f = failed(await h.resolver([a, b], { attempts: 2 }).query(A_NAME, RRType.A));
    expect(f.code).to.equal('servfail');
    expect(f.attempts).to.have.length(4);
    expect(f.reason).to.equal(
      `no usable answer for a.example. A: ${a.address} over UDP: SERVFAIL; ${b.address} over UDP: REFUSED; ` +
        `${a.address} over UDP: SERVFAIL; ${b.address} over UDP: REFUSED`,
    );
  });

  it('stops at the total deadline however many tries are left', async () => {
    const a = await h.server();
    const b = await h.server();
    a.addFault({ fault: { kind: 'drop' } });
    b.addFault({ fault: { kind: 'drop' } });
    const started = performance.now();
    const f = failed(await h.resolver([a, b], { timeoutMs: 200, attempts: 10, deadlineMs: 300 }).query(A_NAME, RRType.A));
    const elapsed = performance.now() - started;
    expect(f.code).to.equal('timeout');
    expect(f.reason).to.contain('deadline of 300 ms reached');
    expect(f.attempts).to.have.length(2);
    expect(elapsed).to.be.below(2_000);
  });

  it('keeps the most telling code when the deadline ends the query', async () => {
    const a = await h.server();
    const b = await h.server();
    a.addFault({ fault: { kind: 'servfail' } });
    b.addFault({ fault: { kind: 'drop' } });
    const f = failed(await h.resolver([a, b], { timeoutMs: 200, attempts: 10, deadlineMs: 300 }).query(A_NAME, RRType.A));
    expect(f.code).to.equal('servfail');
    expect(f.reason).to.contain('(deadline of 300 ms reached)');
    expect(f.attempts.map((x) => x.code)).to.include.members(['servfail', 'timeout']);
  });

    it('ends with "aborted" when the caller aborts, without waiting for the timeout', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'drop' } });
    const res = h.resolver([s], { timeoutMs: 60_000 });
    const ac = new AbortController();
    const p = res.query(A_NAME, RRType.A, { signal: ac.signal });
    await s.nextQuery();
    ac.abort(new Error('shutting down'));
    const f = failed(await p);
    expect(f.code).to.equal('aborted');
    expect(f.reason).to.contain('shutting down');
  });

  it('sends nothing for an already-aborted signal', async () => {
    const s = await h.server();
    const ac = new AbortController();
    ac.abort();
    expect(failed(await h.resolver([s]).query(A_NAME, RRType.A, { signal: ac.signal })).code).to.equal('aborted');
    expect(s.stats.udp).to.equal(0);
  });

  it('reads its upstreams from resolv.conf when none are given, our port syntax included', async () => {
    const s = await h.server();
    const dir = await mkdtemp(join(tmpdir(), 'dane-verify-stub-'));
    try {
      const path = join(dir, 'resolv.conf');
      await writeFile(path, `# test\nnameserver ${s.address}\n`);
      const res = new StubResolver({ resolvConfPath: path });
      expect((await res.servers()).map((x) => x.text)).to.deep.equal([s.address]);
      expect(ok(await res.query(A_NAME, RRType.A)).server).to.equal(s.address);
      res.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('talks to an IPv6 upstream given as [::1]:port', async function () {
    if (!(await ipv6Loopback())) this.skip();
    const s = await h.server('::1');
    expect(s.address).to.equal(`[::1]:${s.port}`);
    const r = ok(await h.resolver([s]).query(A_NAME, RRType.A));
    expect(r.server).to.equal(s.address);
    const big = ok(await h.resolver([s]).query(Name.parse('big.example.'), RRType.TXT));
    expect(big.transport).to.equal('tcp');
  });
});
