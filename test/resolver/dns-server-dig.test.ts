/**
 * The test DNS server against an independent client: BIND's `dig` (Debian bind9-dnsutils, which
 * .ci installs). It checks what our own stub resolver cannot check without agreeing with the
 * server on the same mistake: UDP answers, truncation with TC=1 and dig's own retry over TCP,
 * EDNS echo with DO. Skipped when `dig` is not installed.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startDnsServer, type DnsServer } from '../../src/testing/dns-server.ts';
import { toyHandler } from './fixtures.ts';
import { bindToolEnv } from '../support/bind-env.ts';

const run = promisify(execFile);

async function haveDig(): Promise<boolean> {
  try {
    await run('dig', ['-v'], { env: bindToolEnv() });
    return true;
  } catch {
    return false;
  }
}

async function dig(server: DnsServer, ...args: string[]): Promise<string> {
  const { stdout } = await run('dig', [`@${server.host}`, '-p', String(server.port), '+tries=1', '+time=5', '+nocookie', ...args], { env: bindToolEnv() });
  return stdout;
}

describe('testing/dns-server with dig as the client', () => {
  let server: DnsServer;
  before(async function () {
    if (!(await haveDig())) this.skip();
  });
  beforeEach(async () => {
    server = await startDnsServer({ handler: toyHandler });
  });
  afterEach(() => server?.close());

  it('answers over UDP with the RRSIG and an OPT record echoing DO', async () => {
    const out = await dig(server, 'a.example.', 'A', '+dnssec', '+cdflag');
    expect(out).to.match(/status: NOERROR/);
    expect(out).to.match(/flags: qr rd ra cd; QUERY: 1, ANSWER: 2,/);
    expect(out).to.match(/EDNS: version: 0, flags: do; udp: 1232/);
    expect(out).to.match(/a\.example\.\s+300\s+IN\s+A\s+192\.0\.2\.1/);
    expect(server.stats).to.include({ udp: 1, tcp: 0 });
  });

  it('truncates a large answer over UDP, and dig gets all of it over TCP', async () => {
    const out = await dig(server, 'big.example.', 'TXT', '+dnssec', '+bufsize=1232');
    expect(out).to.match(/Truncated, retrying in TCP mode/);
    expect(out).to.match(/ANSWER: 25,/);
    expect(server.stats).to.include({ udp: 1, tcp: 1 });
  });

  it('keeps a UDP answer without EDNS to 512 octets', async () => {
    const out = await dig(server, 'mid.example.', 'TXT', '+noedns', '+ignore');
    expect(out).to.match(/flags: qr tc rd ra; QUERY: 1, ANSWER: 0,/);
  });

  it('answers NXDOMAIN with the SOA, and without DNSSEC records when DO is clear', async () => {
    const out = await dig(server, 'nope.example.', 'A');
    expect(out).to.match(/status: NXDOMAIN/);
    expect(out).to.match(/AUTHORITY: 1,/);
    expect(out).to.not.match(/RRSIG|NSEC/);
  });
});
