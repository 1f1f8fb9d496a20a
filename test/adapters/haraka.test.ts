/**
 * The Haraka outbound plugin of examples/haraka (issue #14, item 3) in a real Haraka 3.3.4: a
 * Haraka process started here on loopback relays mail from the test (a `test_relay` plugin marks
 * every connection as relaying), and its outbound delivers through the `dane` plugin's `get_mx` to
 * the test world's mail servers. What the plugin can do: validated addresses, the TLSA base domain
 * as SNI, deferral when DNSSEC fails. What Haraka core does not let it do is shown too: a server
 * whose TLSA record does not match still gets the mail (docs/haraka.md).
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { freePort } from '../support/free-port.ts';
import { sendWithNodemailer } from '../support/nodemailer-send.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HARAKA = join(ROOT, 'node_modules/Haraka/bin/haraka');
const OTHER = 'ab'.repeat(32);

const TEST_RELAY = `'use strict';
// Test only: every connection may relay, every recipient is taken (the mail goes to outbound).
exports.hook_connect_init = function (next, connection) { connection.relaying = true; next(); };
exports.hook_rcpt = function (next) { next(OK); };
`;

describe('adapters/haraka: the example outbound plugin in a real Haraka', function () {
  this.timeout(120_000);
  let world: TestWorld;
  let dir: string;
  let haraka: ChildProcess;
  let port: number;
  let log = '';

  before(async function () {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx'] },
        'mismatch.example.': { records: ['@ MX 10 mx'] },
        'bogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
        'nostarttls.example.': { records: ['@ MX 10 mx'] },
      },
      mailServers: {
        'mx.ok.example.': { acceptMail: true },
        'mx.mismatch.example.': { acceptMail: true, tlsa: [`3 1 1 ${OTHER}`] },
        'mx.bogus.example.': { acceptMail: true },
        'mx.nostarttls.example.': { acceptMail: true, mode: 'no-starttls' },
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'dane-haraka-'));
    for (const d of ['plugins', 'queue']) mkdirSync(join(dir, d));
    // Haraka's own default configuration (what `haraka -i` installs), then ours over it.
    cpSync(join(ROOT, 'node_modules/Haraka/config'), join(dir, 'config'), { recursive: true });
    port = await freePort();
    const anchors = join(dir, 'anchors.txt');
    writeFileSync(anchors, world.trustAnchors.text);
    const cfg = (name: string, text: string) => writeFileSync(join(dir, 'config', name), text);
    cfg('smtp.ini', `listen=127.0.0.1:${port}\nnodes=0\n`); // one process, no cluster
    cfg('me', 'haraka.test\n');
    cfg('outbound.ini', 'local_mx_ok=true\n'); // the test world's mail servers are on loopback
    cfg('plugins', 'test_relay\ndane\n');
    cfg('log.ini', '[main]\nlevel=info\nformat=default\n');
    cfg('queue_dir', join(dir, 'queue') + '\n');
    cfg('dane.ini', [`module=${pathToFileURL(join(ROOT, 'src/index.ts')).href}`, `resolvers=${world.resolver}`, `trust_anchor_file=${anchors}`, `port=${world.mailPort}`].join('\n') + '\n');
    writeFileSync(join(dir, 'plugins', 'test_relay.js'), TEST_RELAY);
    cpSync(join(ROOT, 'examples/haraka/plugins/dane'), join(dir, 'plugins', 'dane'), { recursive: true });
    // tsx lets the plugin import the library from src/ (no build); Haraka itself is plain CommonJS.
    haraka = spawn(process.execPath, ['--import', 'tsx', HARAKA, '-c', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    haraka.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    haraka.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    for (let i = 0; !/Listening on/.test(log); i++) {
      if (i > 300 || haraka.exitCode !== null) throw new Error(`Haraka did not start:\n${log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    haraka?.kill();
    await world?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function submit(to: string): Promise<void> {
    await sendWithNodemailer({ host: '127.0.0.1', port, ignoreTLS: true, name: 'client.test' }, { from: 'me@client.test', to: [to] }, `Subject: via Haraka\r\n\r\nto ${to}\r\n`);
  }
  async function until(what: string, f: () => boolean, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!f()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('delivers to the DANE host at its validated address, with the TLSA base domain as SNI, over TLS', async () => {
    const server = world.mailServers.get('mx.ok.example.')!.server;
    await submit('you@ok.example');
    await until('delivery to mx.ok.example.', () => server.received.length > 0);
    expect(server.received[0]).to.include({ secure: true });
    expect(server.sniSeen).to.include('mx.ok.example');
  });

  it('a bogus TLSA lookup defers the mail (DENYSOFT from get_mx): the server never sees a connection', async () => {
    const server = world.mailServers.get('mx.bogus.example.')!.server;
    await submit('you@bogus.example');
    await until('the deferral', () => /bogus\.example/i.test(log) && /DENYSOFT|Temporary MX lookup error/i.test(log));
    await new Promise((r) => setTimeout(r, 500));
    expect(server.commands).to.deep.equal([]);
  });

  it('WHAT HARAKA CORE LACKS: a server whose TLSA record does not match still gets the mail (no hook between STARTTLS and MAIL FROM)', async () => {
    const server = world.mailServers.get('mx.mismatch.example.')!.server;
    await submit('you@mismatch.example');
    await until('delivery to mx.mismatch.example.', () => server.received.length > 0);
    expect(server.received[0]!.secure).to.equal(true);
  });

  it('WHAT HARAKA CORE LACKS: a DANE host that offers no STARTTLS gets the mail in plaintext (a plugin cannot require TLS per MX without PKIX)', async () => {
    const server = world.mailServers.get('mx.nostarttls.example.')!.server;
    await submit('you@nostarttls.example');
    await until('delivery to mx.nostarttls.example.', () => server.received.length > 0);
    expect(server.received[0]!.secure).to.equal(false);
  });
});
