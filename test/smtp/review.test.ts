/**
 * Adversarial review of the STARTTLS client: peers that trickle, flood or inject, each against a
 * scripted raw server on 127.0.0.1. Every case must end in a bounded time with a failure value.
 */
import { expect } from 'chai';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { startTlsSession } from '../../src/smtp/session.ts';
import { MAX_REPLY_LINE_LENGTH } from '../../src/smtp/reply.ts';

/** Interval between trickled bytes or lines. */
const TRICKLE_MS = 20;
/** The per-step timeout the sessions here run with. */
const STEP_MS = 400;

describe('smtp review (hostile peers)', () => {
  const servers: Server[] = [];
  const timers: NodeJS.Timeout[] = [];
  const sockets: Socket[] = [];
  async function rawServer(onConnection: (s: Socket) => void): Promise<number> {
    const srv = createServer((s) => {
      s.on('error', () => {});
      sockets.push(s);
      onConnection(s);
    });
    servers.push(srv);
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    return (srv.address() as AddressInfo).port;
  }
  const every = (ms: number, f: () => void) => {
    const t = setInterval(f, ms);
    timers.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of timers.splice(0)) clearInterval(t);
    for (const s of sockets.splice(0)) s.destroy();
    await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  });
  const session = (port: number) => startTlsSession({ address: '127.0.0.1', port, servername: 'mx.example.net', timeoutMs: STEP_MS });

  it('times out a greeting trickled one byte at a time: the step deadline does not move with each byte', async () => {
    const port = await rawServer((s) => {
      let n = 0;
      every(TRICKLE_MS, () => { if (!s.destroyed) s.write(n++ === 0 ? '2' : 'x'); });
    });
    const t0 = Date.now();
    const r = await session(port);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect([r.failure, r.step]).to.deep.equal(['timeout', 'greeting']);
    expect(Date.now() - t0).to.be.below(STEP_MS * 3);
  });

  it('times out an EHLO reply trickled as endless continuation lines', async () => {
    const port = await rawServer((s) => {
      s.write('220 mx.example.net ESMTP\r\n');
      s.once('data', () => every(TRICKLE_MS, () => { if (!s.destroyed) s.write('250-PIPELINING\r\n'); }));
    });
    const t0 = Date.now();
    const r = await session(port);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect([r.failure, r.step]).to.deep.equal(['timeout', 'ehlo']);
    expect(Date.now() - t0).to.be.below(STEP_MS * 3);
  });

  it('fails fast with protocol on a never-ending reply line, without waiting for a timeout', async () => {
    const port = await rawServer((s) => {
      s.write('220 ' + 'x'.repeat(MAX_REPLY_LINE_LENGTH * 4));
    });
    const r = await session(port);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect([r.failure, r.step]).to.deep.equal(['protocol', 'greeting']);
  });

  it('fails the handshake when plaintext is injected after the 220 to STARTTLS in a later segment', async () => {
    const port = await rawServer((s) => {
      s.write('220 mx.example.net ESMTP\r\n');
      let state = 0;
      s.on('data', () => {
        if (state === 0) s.write('250-mx.example.net\r\n250 STARTTLS\r\n');
        else if (state === 1) {
          s.write('220 go ahead\r\n');
          setTimeout(() => { if (!s.destroyed) s.write('250 injected\r\n'); }, 5);
        }
        state++;
      });
    });
    const r = await session(port);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.step).to.equal('tls');
  });

  it('does not read a plaintext reply pipelined ahead of EHLO as permission to skip STARTTLS', async () => {
    // The server answers everything at once before the client speaks; the client must still see
    // STARTTLS advertised and do the handshake, which fails here (no TLS server): never ok.
    const port = await rawServer((s) => {
      s.write('220 mx.example.net ESMTP\r\n250-mx.example.net\r\n250 STARTTLS\r\n220 go ahead\r\n');
    });
    const r = await session(port);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.step).to.equal('tls');
  });
});
