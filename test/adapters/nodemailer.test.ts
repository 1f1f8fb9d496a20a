/**
 * `dane-verify/nodemailer` end to end (issue #14, item 3): nodemailer's real SMTPConnection
 * (10.0.10) sends to the test world's mail servers, which take mail (`acceptMail`) and show what
 * arrived and which commands were sent. Delivered on a match; never a MAIL FROM to a mismatching
 * server, a bogus zone's server or one without STARTTLS; CNAME'd hosts and PKIX-only TLSA sets as
 * RFC 7672 says. Beside them, the unsafe pattern the adapter replaces: nodemailer's own
 * `tls.checkServerIdentity` is never called for a self-signed certificate, and the mail goes out.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { sendMailWithDane, DaneDeliveryError, type DaneSendOptions } from '../../src/adapters/nodemailer.ts';
import { sendWithNodemailer } from '../support/nodemailer-send.ts';

const OTHER = 'ab'.repeat(32);
const MESSAGE = 'From: me@sender.test\r\nTo: you@dest\r\nSubject: hello\r\n\r\nDANE or nothing.\r\n..a line with a dot\r\n';

describe('adapters/nodemailer: sendMailWithDane', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneSendOptions;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx'] },
        'mismatch.example.': { records: ['@ MX 10 mx'] },
        'bogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
        'nostarttls.example.': { records: ['@ MX 10 mx'] },
        'second.example.': { records: ['@ MX 10 mx.mismatch.example.', '@ MX 20 mx.ok.example.'] },
        'unsigned.example.': { unsigned: true, records: ['@ MX 10 mx'] },
        'cnamemis.example.': { records: ['@ MX 10 alias', 'alias CNAME real'] },
        'pkix.example.': { records: ['@ MX 10 mx'] },
      },
      mailServers: {
        'mx.ok.example.': { acceptMail: true },
        'mx.mismatch.example.': { acceptMail: true, tlsa: [`3 1 1 ${OTHER}`] },
        'mx.bogus.example.': { acceptMail: true },
        'mx.nostarttls.example.': { acceptMail: true, mode: 'no-starttls' },
        'mx.unsigned.example.': { acceptMail: true, tlsa: [] },
        'real.cnamemis.example.': { acceptMail: true, tlsa: [`3 1 1 ${OTHER}`] },
        'mx.pkix.example.': { acceptMail: true, tlsa: ['1 1 1'] },
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000, name: 'sender.test', connection: { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 5000 } };
  });
  after(async () => world?.close());

  const server = (host: string) => world.mailServers.get(host)!.server;
  const mailCommands = (host: string) => server(host).commands.filter((c) => /^MAIL /i.test(c));

  it('delivers to a DANE-EE server over STARTTLS, SNI the TLSA base domain, the message intact', async () => {
    const r = await sendMailWithDane({ from: 'me@sender.test', to: ['you@ok.example'] }, MESSAGE, opts);
    expect(r.verdict).to.include({ ok: true, authenticated: true, usage: 'DANE-EE' });
    expect(r.target.host).to.equal('mx.ok.example.');
    const got = server('mx.ok.example.').received.at(-1)!;
    expect(got).to.include({ from: 'me@sender.test', secure: true });
    expect(got.to).to.deep.equal(['you@ok.example']);
    // nodemailer dot-stuffs the line that starts with a dot, the server takes the stuffing off: as sent.
    expect(got.data).to.contain('DANE or nothing.').and.contain('\r\n..a line with a dot');
    expect(server('mx.ok.example.').sniSeen).to.include('mx.ok.example');
  });

  for (const [domain, host, tlsrpt, why] of [
    ['mismatch.example', 'mx.mismatch.example.', 'tlsa-invalid', 'the TLSA record does not match'],
    ['nostarttls.example', 'mx.nostarttls.example.', 'starttls-not-supported', 'the server offers no STARTTLS'],
    ['cnamemis.example', 'real.cnamemis.example.', 'tlsa-invalid', "the CNAME'd host's TLSA at the expanded name does not match"],
  ] as const) {
    it(`no MAIL FROM when ${why}: a temporary failure (defer) with TLS-RPT ${tlsrpt}`, async () => {
      const before = mailCommands(host).length;
      const e = await sendMailWithDane({ from: 'me@sender.test', to: [`you@${domain}`] }, MESSAGE, opts).then(() => undefined, (x: unknown) => x);
      expect(e).to.be.instanceOf(DaneDeliveryError);
      const err = e as DaneDeliveryError;
      expect(err.temporary).to.equal(true);
      expect(err.attempts.map((a) => a.tlsrpt)).to.deep.equal([tlsrpt]);
      expect(mailCommands(host).length, 'MAIL FROM sent').to.equal(before);
      expect(server(host).received.length).to.equal(0);
    });
  }

  it('a bogus TLSA lookup: deferred without connecting at all (dnssec-invalid)', async () => {
    const before = server('mx.bogus.example.').commands.length;
    const e = (await sendMailWithDane({ from: 'me@sender.test', to: ['you@bogus.example'] }, MESSAGE, opts).catch((x: unknown) => x)) as DaneDeliveryError;
    expect(e).to.be.instanceOf(DaneDeliveryError);
    expect(e.temporary).to.equal(true);
    expect(e.attempts[0]).to.include({ host: 'mx.bogus.example.', tlsrpt: 'dnssec-invalid' });
    expect(server('mx.bogus.example.').commands.length).to.equal(before);
  });

  it('the first MX host mismatches, the second authenticates: delivered to the second, the first attempt reported', async () => {
    const r = await sendMailWithDane({ from: 'me@sender.test', to: ['you@second.example'] }, MESSAGE, opts);
    expect(r.target.host).to.equal('mx.ok.example.');
    expect(r.attempts.map((a) => [a.host, a.ok, a.tlsrpt ?? ''])).to.deep.equal([['mx.mismatch.example.', false, 'tlsa-invalid'], ['mx.ok.example.', true, '']]);
  });

  it('no DANE (unsigned zone): delivered, opportunistic TLS, not authenticated; with requireDane: not sent (dane-required)', async () => {
    const r = await sendMailWithDane({ from: 'me@sender.test', to: ['you@unsigned.example'] }, MESSAGE, opts);
    expect(r.verdict).to.include({ ok: true, authenticated: false });
    expect(server('mx.unsigned.example.').received.at(-1)!.secure).to.equal(true);
    const e = (await sendMailWithDane({ from: 'me@sender.test', to: ['you@unsigned.example'] }, MESSAGE, { ...opts, requireDane: true }).catch((x: unknown) => x)) as DaneDeliveryError;
    expect(e.attempts[0]!.tlsrpt).to.equal('dane-required');
  });

  it('a PKIX-only TLSA set (1 1 1, unusable for SMTP): delivered over mandatory TLS, unauthenticated (RFC 7672 §3.1)', async () => {
    const r = await sendMailWithDane({ from: 'me@sender.test', to: ['you@pkix.example'] }, MESSAGE, opts);
    expect(r.target.policy).to.equal('mandatory-tls');
    expect(r.verdict).to.include({ ok: true, authenticated: false });
    expect(server('mx.pkix.example.').received.at(-1)!.secure).to.equal(true);
  });

  it('recipients of two domains are caller misuse', async () => {
    const e = await sendMailWithDane({ from: 'me@sender.test', to: ['a@ok.example', 'b@unsigned.example'] }, MESSAGE, opts).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(TypeError);
  });

  it("UNSAFE, what the adapter replaces: nodemailer's tls.checkServerIdentity is never called for a self-signed server, and a mismatching server gets the mail", async () => {
    let called = false;
    const mx = world.mailServers.get('mx.mismatch.example.')!;
    await sendWithNodemailer({
      host: mx.address, port: world.mailPort, name: 'sender.test', requireTLS: true,
      tls: { servername: 'mx.mismatch.example', rejectUnauthorized: false, checkServerIdentity: () => { called = true; return new Error('DANE mismatch'); } },
    }, { from: 'me@sender.test', to: ['you@mismatch.example'] }, MESSAGE);
    expect(called, 'checkServerIdentity called').to.equal(false);
    expect(mx.server.received.length, 'delivered to the mismatching server').to.equal(1);
  });
});
