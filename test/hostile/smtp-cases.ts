/**
 * Hostile mail servers behind honest, signed DNS: servers that stay silent, trickle, flood, stall
 * the handshake, inject plaintext or escape sequences; certificates too big, with too many names
 * or too long a chain; and a domain of 10 MX hosts x 10 addresses serving a 6000-name leaf.
 */
import type { MailServerSpec, TestWorldSpec } from '../../src/testing/world.ts';
import type { HostileCase } from './kit.ts';
import { worldSetup, type WorldCaseOptions } from './world-case.ts';

const ESC = '\u001b';

/** `example.` with one MX host `mx.example.` served as `spec` says. */
function oneServer(spec: MailServerSpec): TestWorldSpec {
  return { zones: { 'example.': { records: ['@ MX 10 mx'] } }, mailServers: { 'mx.example.': spec } };
}

function smtpCase(id: string, title: string, spec: MailServerSpec, expect: HostileCase['expect'], o: WorldCaseOptions = {}): HostileCase {
  return { id, area: 'smtp', title, expect, setup: (ctx) => worldSetup(ctx, oneServer(spec), 'example', o) };
}

/** `count` short extra subjectAltName entries besides the host's own name (6000 make a ~59 KB leaf). */
const manyNames = (host: string, count: number) => [host, ...Array.from({ length: count }, (_, i) => `a${i}.ex`)];

/** 10 MX hosts (h0-h9.example.), each at 10 loopback addresses (127.0.1.x), all serving `spec`. */
function tenByTen(spec: (host: string) => MailServerSpec): TestWorldSpec {
  const mailServers: Record<string, MailServerSpec> = {};
  for (let h = 0; h < 10; h++) {
    mailServers[`h${h}.example.`] = { ...spec(`h${h}.example`), ips: Array.from({ length: 10 }, (_, a) => `127.0.1.${h * 10 + a + 1}`) };
  }
  return { zones: { 'example.': { records: Array.from({ length: 10 }, (_, h) => `@ MX ${h} h${h}`) } }, mailServers };
}

export const SMTP_CASES: readonly HostileCase[] = [
  smtpCase('smtp-silent', 'the server accepts the connection and never speaks', { mode: 'silent' }, { exitCode: 3, says: /no greeting within 1000 ms/ }),
  smtpCase('smtp-trickle', 'every reply one octet per 200 ms', { mode: 'trickle', trickleMs: 200 }, { exitCode: 3, says: /no greeting within 1000 ms/ }),
  smtpCase('smtp-flood-reply', 'an endless multi-line 250- reply to EHLO', { mode: 'flood-reply' }, { exitCode: 1, says: /longer than 128 lines/ }),
  smtpCase('smtp-long-line', 'a greeting line that never ends', { mode: 'long-line' }, { exitCode: 1, says: /longer than 2048 octets/ }),
  smtpCase('smtp-tls-stall', '220 to STARTTLS, then not one TLS octet', { mode: 'tls-stall' }, { exitCode: 3, says: /TLS handshake not complete within 1000 ms/ }),
  smtpCase('smtp-plaintext-after-starttls', 'plaintext where the TLS handshake should be', { mode: 'plaintext-after-starttls' }, { exitCode: 1, says: /not TLS/ }),
  smtpCase('smtp-escapes', 'a greeting that clears the screen, sets the title and paints a verdict; STARTTLS refused (text output, -v)',
    { mode: 'refuse-starttls', hostname: `mx${ESC}]0;pwned\u0007${ESC}[2J${ESC}[31mDANE authenticated` },
    { exitCode: 1, says: /\\x1b\[2J/, never: /\u001b/ }, { text: true, extra: ['-v'] }),
  // Published as given: the world cannot compute a digest of a certificate over the bound either.
  smtpCase('smtp-oversize-leaf', 'a leaf certificate of more than 64 KiB (8000 names), under 3 1 1', { names: manyNames('mx.example', 8000), tlsa: [`3 1 1 ${'ab'.repeat(32)}`] },
    { exitCode: 1, says: /more than the 65536 read/ }, { work: true }),
  smtpCase('smtp-50-chain', 'a chain of 50 certificates, TLSA 2 1 1 for the top one', { certificate: 'chain', chainLength: 50, tlsa: ['2 1 1'] },
    { exitCode: 1, says: /the server presented more than 16 certificates; the first 10 were considered/ }, { work: true }),
  smtpCase('smtp-6000-san-ta', 'a leaf with 6000 names, under 2 0 1 (DANE-TA: names must be read)', { certificate: 'chain', names: manyNames('mx.example', 6000), tlsa: ['2 0 1'] },
    { exitCode: 1, says: /more than the 256 read for DANE-TA name checks/ }, { work: true }),
  smtpCase('smtp-6000-san-ee', 'the same leaf under 3 1 1 (DANE-EE: names are not read)', { certificate: 'chain', names: manyNames('mx.example', 6000), tlsa: ['3 1 1'] },
    { exitCode: 0 }, { work: true }),
  {
    id: 'smtp-10x10-6000-san-ta',
    area: 'smtp',
    title: '10 MX hosts x 10 addresses, each serving a 6000-name leaf under 2 0 1',
    expect: { exitCode: 1, says: /more than the 256 read for DANE-TA name checks/ },
    setup: (ctx) => worldSetup(ctx, tenByTen((host) => ({ certificate: 'chain', names: manyNames(host, 6000), tlsa: ['2 0 1'] })), 'example', { work: true }),
  },
  {
    id: 'smtp-10x10-200-san-ta',
    area: 'smtp',
    title: '10 MX hosts x 10 addresses, each serving a 200-name leaf under 2 0 1 (honest)',
    expect: { exitCode: 0, says: /not tried/ },
    setup: (ctx) => worldSetup(ctx, tenByTen((host) => ({ certificate: 'chain', names: manyNames(host, 199), tlsa: ['2 0 1'] })), 'example', { work: true }),
  },
];
