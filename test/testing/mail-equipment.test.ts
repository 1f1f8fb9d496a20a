/**
 * The SMTP-side equipment of the hostile-input kit (issue 12), against real servers on loopback:
 * one MX host on many addresses, long certificate chains, and the hostile modes `trickle`,
 * `flood-reply`, `tls-stall` and `long-line`. Observed with node:net and node:tls directly, not
 * with the library's own SMTP client, so that a fault in one cannot hide one in the other.
 */
import { expect } from 'chai';
import { X509Certificate, createHash } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { createTestChain } from '../../src/testing/certs.ts';
import { DEFAULT_SMTP_TRICKLE_MS, startTestSmtpServer, type TestSmtpMode, type TestSmtpServer } from '../../src/testing/smtp-server.ts';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { planMailServer, startMailServer, startMailServers } from '../../src/testing/world/mail-servers.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Name } from '../../src/dns/name.ts';
import type { RecordOf } from '../../src/dns/record.ts';
import { toHex } from '../../src/dns/encoding.ts';

const HOSTS = 10;
const ADDRESSES_PER_HOST = 10;

/** Reads a plain SMTP exchange line by line. */
class LineReader {
  private buffer = '';
  private wake: (() => void) | undefined;
  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
  }
  private readonly onData = (d: Buffer) => {
    this.buffer += d.toString('latin1');
    this.wake?.();
  };
  /** The next complete reply (its last line has a space after the code). */
  async reply(): Promise<string> {
    for (;;) {
      const m = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\n/.exec(this.buffer);
      if (m) {
        this.buffer = this.buffer.slice(m[0].length);
        return m[0];
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
  detach(): void {
    this.socket.off('data', this.onData);
  }
}

/** Connects and goes as far as the 220 to STARTTLS; the socket is then free for TLS. */
async function toStarttls(address: string, port: number): Promise<Socket> {
  const socket = connect(port, address);
  const lines = new LineReader(socket);
  expect(await lines.reply()).to.match(/^220 /);
  socket.write('EHLO client.test\r\n');
  expect(await lines.reply()).to.match(/STARTTLS/);
  socket.write('STARTTLS\r\n');
  expect(await lines.reply()).to.match(/^220 /);
  lines.detach();
  return socket;
}

/** A stream over `raw` for node:tls that keeps a copy of every octet the server sends. */
function tap(raw: Socket): { stream: Duplex; received: Buffer[] } {
  const received: Buffer[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      raw.write(chunk, callback);
    },
    destroy(error, callback) {
      raw.destroy();
      callback(error);
    },
  });
  raw.on('data', (d: Buffer) => {
    received.push(d);
    stream.push(d);
  });
  raw.on('end', () => stream.push(null));
  return { stream, received };
}

/** The certificates of the first TLS 1.2 Certificate message in `bytes` (RFC 5246 §7.4.2), in the order sent. */
function certificateMessage(bytes: Buffer): Buffer[] | undefined {
  const parts: Buffer[] = [];
  for (let i = 0; i + 5 <= bytes.length; ) {
    const length = bytes.readUInt16BE(i + 3);
    if (bytes[i] === 20 || i + 5 + length > bytes.length) break; // ChangeCipherSpec: the rest is encrypted
    if (bytes[i] === 22) parts.push(bytes.subarray(i + 5, i + 5 + length));
    i += 5 + length;
  }
  const hs = Buffer.concat(parts);
  for (let j = 0; j + 4 <= hs.length; ) {
    const length = hs.readUIntBE(j + 1, 3);
    if (hs[j] === 11 && j + 4 + length <= hs.length) {
      const certs: Buffer[] = [];
      for (let k = j + 7; k < j + 4 + length; ) {
        const n = hs.readUIntBE(k, 3);
        certs.push(hs.subarray(k + 3, k + 3 + n));
        k += 3 + n;
      }
      return certs;
    }
    j += 4 + length;
  }
  return undefined;
}

/** Completes a TLS handshake after STARTTLS; resolves with the socket and every octet received. */
async function handshake(address: string, port: number, servername: string): Promise<{ tls: TLSSocket; received: Buffer[] }> {
  const raw = await toStarttls(address, port);
  const { stream, received } = tap(raw);
  const tls = tlsConnect({ socket: stream, servername, rejectUnauthorized: false, ca: [] });
  await once(tls, 'secureConnect');
  return { tls, received };
}

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/** Octets received on a fresh connection until `enough` says so; the connection is then closed. */
async function readUntil(socket: Socket, enough: (total: number) => boolean): Promise<{ data: Buffer; chunks: { at: number; length: number }[] }> {
  const parts: Buffer[] = [];
  const chunks: { at: number; length: number }[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (d: Buffer) => {
      parts.push(d);
      chunks.push({ at: performance.now(), length: d.length });
      total += d.length;
      if (enough(total)) resolve();
    });
  });
  socket.destroy();
  return { data: Buffer.concat(parts), chunks };
}

/** The counts of handle and timer kinds node holds open (timers, servers, sockets). */
function openResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) if (/Timeout|TCPServerWrap|TCPSocketWrap/.test(r)) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

describe('testing mail equipment for the hostile-input kit (issue 12)', function () {
  this.timeout(30_000);

  describe('createTestChain with many intermediates', () => {
    // How long it takes is bench/'s business (a timed assertion fails on a loaded machine).
    it('makes 50 intermediates in issuance order from the leaf, each signed by the next and the last by the root (EC)', () => {
      const c = createTestChain({ leafCN: 'mx.example', leafDnsNames: ['mx.example'], intermediates: 50 });
      expect(c.intermediates).to.have.length(50);
      expect(c.intermediate).to.equal(c.intermediates[0]);
      const path = [c.leaf, ...c.intermediates, c.root].map((x) => new X509Certificate(x.der));
      for (let i = 0; i + 1 < path.length; i++) {
        expect(path[i]!.checkIssued(path[i + 1]!), `cert ${i} issued by ${i + 1}`).to.equal(true);
        expect(path[i]!.verify(path[i + 1]!.publicKey), `cert ${i} signed by ${i + 1}`).to.equal(true);
      }
      expect(new Set(path.map((p) => p.subject)).size, 'distinct names, so a path builder can link them').to.equal(52);
      expect(path[1]!.subject).to.equal('CN=Test Intermediate CA');
    });

    it('keeps one intermediate by default, the leaf\'s issuer as `intermediate`, and refuses fewer than one', () => {
      const c = createTestChain({ leafCN: 'mx.example' });
      expect(c.intermediates).to.deep.equal([c.intermediate]);
      expect(new X509Certificate(c.intermediate.der).verify(new X509Certificate(c.root.der).publicKey)).to.equal(true);
      expect(() => createTestChain({ leafCN: 'x', intermediates: 0 })).to.throw(RangeError, 'expected intermediates to be an integer of at least 1, got 0');
      expect(() => createTestChain({ leafCN: 'x', intermediates: 1.5 })).to.throw(RangeError);
    });
  });

  describe(`one MX host at several addresses (${HOSTS} hosts x ${ADDRESSES_PER_HOST} addresses)`, () => {
    let world: TestWorld;
    let startMs: number;
    const hosts = Array.from({ length: HOSTS }, (_, h) => `mx${h}.many.example.`);
    const ipsOf = (h: number) => Array.from({ length: ADDRESSES_PER_HOST }, (_, i) => `127.0.1.${h * ADDRESSES_PER_HOST + i + 1}`);

    before(async () => {
      const started = performance.now();
      world = await createTestWorld({
        zones: { 'many.example.': { records: hosts.map((h, i) => `@ MX ${i} ${h}`) } },
        mailServers: Object.fromEntries(hosts.map((h, i) => [h, { ips: ipsOf(i) }])),
      });
      startMs = performance.now() - started;
    });
    after(async () => world?.close());

    it('runs one server per address on the shared port, the first as `server`/`address`, and publishes an A record for each in order', () => {
      expect(startMs, 'world start in ms').to.be.below(10_000);
      hosts.forEach((h, i) => {
        const m = world.mailServers.get(h)!;
        expect(m.addresses).to.deep.equal(ipsOf(i));
        expect(m.address).to.equal(ipsOf(i)[0]);
        expect(m.servers.map((s) => [s.host, s.port])).to.deep.equal(ipsOf(i).map((a) => [a, world.mailPort]));
        expect([m.server.host, m.server.port, m.server.commands]).to.deep.equal([m.servers[0]!.host, m.servers[0]!.port, m.servers[0]!.commands]);
        const a = world.zones.get('many.example.')!.records.filter((rr) => rr.type === RRType.A && rr.name.equals(m.host)) as RecordOf<typeof RRType.A>[];
        expect(a.map((rr) => rr.data.address)).to.deep.equal(ipsOf(i));
      });
    });

    it(`answers STARTTLS on all ${HOSTS * ADDRESSES_PER_HOST} addresses with the host's one certificate`, async () => {
      const seen = await Promise.all(
        hosts.flatMap((h) =>
          world.mailServers.get(h)!.addresses.map(async (address) => {
            const { tls } = await handshake(address, world.mailPort, h.slice(0, -1));
            const leaf = tls.getPeerCertificate().raw;
            tls.destroy();
            return { h, leaf: sha256(leaf) };
          }),
        ),
      );
      expect(seen).to.have.length(HOSTS * ADDRESSES_PER_HOST);
      for (const { h, leaf } of seen) expect(leaf, h).to.equal(sha256(world.mailServers.get(h)!.chain[0]!.der));
      expect(new Set(seen.map((s) => s.leaf)).size, 'one certificate per host').to.equal(HOSTS);
    });

    it('closes every address when the world closes (through each host\'s `server`)', async () => {
      await world.close();
      const refused = await Promise.all(
        hosts.flatMap((h) =>
          world.mailServers.get(h)!.addresses.map(
            (address) =>
              new Promise<string | undefined>((resolve) => {
                const s = connect(world.mailPort, address);
                s.on('connect', () => {
                  s.destroy();
                  resolve(undefined);
                });
                s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code));
              }),
          ),
        ),
      );
      expect(new Set(refused)).to.deep.equal(new Set(['ECONNREFUSED']));
    });
  });

  describe('addresses given wrongly', () => {
    const now = new Date();
    const at = { address: '127.0.0.1', port: 0 };
    it('refuses ips with ip, empty, repeated or outside 127.0.0.0/8', () => {
      expect(() => planMailServer('a.example.', { ip: '127.0.0.2', ips: ['127.0.0.3'] }, now, at)).to.throw(RangeError, 'expected ip or ips for a.example, not both');
      expect(() => planMailServer('a.example.', { ips: [] }, now, at)).to.throw(RangeError, 'at least one address');
      expect(() => planMailServer('a.example.', { ips: ['127.0.1.1', '127.0.1.1'] }, now, at)).to.throw(RangeError, 'distinct');
      expect(() => planMailServer('a.example.', { ips: ['192.0.2.1'] }, now, at)).to.throw(RangeError, 'got "192.0.2.1"');
      expect(() => planMailServer('a.example.', { ips: ['::1'] }, now, at)).to.throw(RangeError);
    });

    it('names two hosts given one address instead of retrying ports', async () => {
      const plans = [planMailServer('a.example.', { ips: ['127.0.1.201', '127.0.1.202'] }, now, at), planMailServer('b.example.', { ip: '127.0.1.202' }, now, { address: '127.0.1.202', port: 0 })];
      let err: Error | undefined;
      await startMailServers(plans).catch((e: Error) => (err = e));
      expect(err).to.be.instanceOf(RangeError);
      expect(err!.message).to.equal('address 127.0.1.202 is given to both a.example. and b.example.');
    });
  });

  describe('a chain of 50 certificates', () => {
    let world: TestWorld;
    const host = 'long.chain.example.';
    before(async () => {
      world = await createTestWorld({
        zones: { 'chain.example.': { records: ['@ MX 10 long'] } },
        // TLS 1.2, so that the Certificate message is on the wire in clear and its order can be read.
        mailServers: { [host]: { certificate: 'chain', chainLength: 50, tlsa: ['2 1 1', '3 1 1'], maxVersion: 'TLSv1.2' } },
      });
    });
    after(async () => world?.close());

    it('presents leaf + 49 intermediates in order, each signed by the next, and publishes 2 1 1 for the top one', async () => {
      const m = world.mailServers.get(host)!;
      expect(m.chain).to.have.length(50);
      const { tls, received } = await handshake(m.address, world.mailPort, 'long.chain.example');
      tls.destroy();
      const sent = certificateMessage(Buffer.concat(received))!;
      expect(sent.map(sha256)).to.deep.equal(m.chain.map((c) => sha256(c.der)));
      const x = sent.map((d) => new X509Certificate(d));
      for (let i = 0; i + 1 < x.length; i++) expect(x[i]!.verify(x[i + 1]!.publicKey), `cert ${i} signed by ${i + 1}`).to.equal(true);
      expect(x[49]!.verify(new X509Certificate(m.root!.der).publicKey), 'the top one by the root').to.equal(true);
      const tlsa = world.zones.get('chain.example.')!.records.filter((rr) => rr.type === RRType.TLSA && rr.name.equals(Name.parse(`_${world.mailPort}._tcp.${host}`))) as RecordOf<typeof RRType.TLSA>[];
      const byUsage = new Map(tlsa.map((rr) => [rr.data.certUsage, toHex(rr.data.certificateAssociationData)]));
      expect(byUsage.get(2)).to.equal(createHash('sha256').update(x[49]!.publicKey.export({ type: 'spki', format: 'der' })).digest('hex'));
      expect(byUsage.get(3)).to.equal(createHash('sha256').update(x[0]!.publicKey.export({ type: 'spki', format: 'der' })).digest('hex'));
    });

    it('counts chainLength with the root for chain-with-root, and refuses it for the other kinds or below the minimum', () => {
      const now = new Date();
      const at = { address: '127.0.0.1', port: 25 };
      const p = planMailServer('a.example.', { certificate: 'chain-with-root', chainLength: 5 }, now, at);
      expect(p.chain).to.have.length(5);
      expect(p.chain[4]).to.equal(p.root);
      expect(planMailServer('a.example.', { certificate: 'chain' }, now, at).chain).to.have.length(2);
      expect(() => planMailServer('a.example.', { chainLength: 3 }, now, at)).to.throw(RangeError, "chainLength applies to certificate 'chain' or 'chain-with-root', not 'self-signed'");
      expect(() => planMailServer('a.example.', { certificate: 'chain', chainLength: 1 }, now, at)).to.throw(RangeError, 'at least 2');
      expect(() => planMailServer('a.example.', { certificate: 'chain-with-root', chainLength: 2 }, now, at)).to.throw(RangeError, 'at least 3');
    });
  });

  describe('hostile modes', () => {
    let server: TestSmtpServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('trickle: sends every reply one octet at a time, trickleMs apart (default 200 ms)', async () => {
      expect(DEFAULT_SMTP_TRICKLE_MS).to.equal(200);
      server = await startTestSmtpServer({ mode: 'trickle', trickleMs: 50 });
      const { data, chunks } = await readUntil(connect(server.port, server.host), (n) => n >= 8);
      expect(data.subarray(0, 8).toString('latin1')).to.equal('220 mx.t');
      // One octet per segment (two only if this process stalled for a whole interval).
      expect(chunks.length).to.be.at.least(7);
      const elapsed = chunks[chunks.length - 1]!.at - chunks[0]!.at;
      expect(elapsed).to.be.at.least(0.8 * 7 * 50);
      await server.close();
      server = await startTestSmtpServer({ mode: 'trickle' });
      const slow = await readUntil(connect(server.port, server.host), (n) => n >= 2);
      expect(slow.chunks.at(-1)!.at - slow.chunks[0]!.at).to.be.at.least(0.8 * DEFAULT_SMTP_TRICKLE_MS);
    });

    it('trickle: trickles EHLO and STARTTLS replies too, then completes the handshake (world spec trickleMs)', async () => {
      const plan = planMailServer('mx.example.', { mode: 'trickle', trickleMs: 1, certificate: 'chain' }, new Date(), { address: '127.0.0.1', port: 0 });
      const m = await startMailServer(plan);
      server = m.server;
      const { tls } = await handshake(server.host, server.port, 'mx.example');
      expect(tls.getPeerCertificate().raw.equals(Buffer.from(m.chain[0]!.der))).to.equal(true);
      tls.destroy();
      expect(server.commands).to.deep.equal(['EHLO client.test', 'STARTTLS']);
    });

    it('flood-reply: answers EHLO with 250- lines without end, as fast as the client reads', async () => {
      server = await startTestSmtpServer({ mode: 'flood-reply' });
      const socket = connect(server.port, server.host);
      await once(socket, 'data');
      socket.write('EHLO client.test\r\n');
      const MiB = 1 << 20;
      const { data } = await readUntil(socket, (n) => n >= 8 * MiB);
      const text = data.toString('latin1');
      const lines = text.slice(0, text.lastIndexOf('\r\n')).split('\r\n');
      expect(lines.length).to.be.above(100_000);
      expect(lines[0]).to.equal('250-mx.test.invalid');
      expect(lines.every((l) => l.startsWith('250-'))).to.equal(true);
    });

    it('tls-stall: answers STARTTLS with 220 and never sends a TLS byte (no ServerHello)', async () => {
      server = await startTestSmtpServer({ mode: 'tls-stall' });
      const raw = await toStarttls(server.host, server.port);
      const { stream, received } = tap(raw);
      const tls = tlsConnect({ socket: stream, servername: 'mx.example', rejectUnauthorized: false, ca: [] });
      let secure = false;
      tls.on('secureConnect', () => (secure = true));
      tls.on('error', () => {});
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(received, 'octets after the 220').to.have.length(0);
      expect(secure).to.equal(false);
      expect(server.commands).to.deep.equal(['EHLO client.test', 'STARTTLS']);
      tls.destroy();
    });

    it('long-line: sends a greeting line that never ends (no CR, no LF in 8 MiB), even with CRLF in the host name', async () => {
      server = await startTestSmtpServer({ mode: 'long-line', hostname: 'evil\r\n250 ok' });
      const { data } = await readUntil(connect(server.port, server.host), (n) => n >= 8 << 20);
      expect(data.subarray(0, 4).toString('latin1')).to.equal('220 ');
      expect(data.includes(0x0d)).to.equal(false);
      expect(data.includes(0x0a)).to.equal(false);
    });

    for (const mode of ['trickle', 'flood-reply', 'tls-stall', 'long-line'] as const satisfies readonly TestSmtpMode[]) {
      it(`${mode}: close() ends a connection mid-stream promptly and leaves no timer, server or socket open`, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        const before = openResources();
        const s = await startTestSmtpServer({ mode });
        const socket = connect(s.port, s.host);
        socket.on('error', () => {});
        const closed = once(socket, 'close');
        if (mode === 'tls-stall') {
          const raw = await toStarttls(s.host, s.port);
          raw.on('error', () => {});
          raw.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x00]));
          void once(raw, 'close');
        }
        await once(socket, 'data');
        if (mode === 'flood-reply') socket.write('EHLO client.test\r\n');
        await new Promise((resolve) => setTimeout(resolve, 100));
        // A client that stops reading: the endless writers now wait for a drain that never comes.
        socket.pause();
        const started = performance.now();
        await s.close();
        const ms = performance.now() - started;
        expect(ms).to.be.below(500);
        // The server ended the connection: reading what was queued reaches its end.
        socket.resume();
        await closed;
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        for (const [kind, n] of openResources()) expect(n, `${kind} open after close()`).to.be.at.most(before.get(kind) ?? 0);
      });
    }
  });
});
