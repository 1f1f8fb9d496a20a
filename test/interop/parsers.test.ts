/**
 * How the tier reads its peers: known answers on outputs captured from delv, dig (Unbound) and
 * posttls-finger in the world (fixtures/README.md), each beside the negative case that must not
 * read the same. Pure functions, no world needed.
 */
import { assert } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDelv } from './lib/delv.ts';
import { parseDig } from './lib/unbound.ts';
import { connectedAddress, parsePosttlsFinger, posttlsFingerArgs } from './lib/posttls-finger.ts';
import { diffMta, expectedMtaFor, expectedStatusFor, hostNotes } from './lib/compare.ts';
import { loadScenarios } from './lib/scenarios.ts';
import { worstVerdict } from './lib/postfix-probes.ts';
import type { AddressVerdict, ExpectedMta, HostVerdict, MtaVerdict } from './lib/types.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseDelv', () => {
  it('reads "; fully validated" as secure data', () => {
    assert.deepEqual(parseDelv('; fully validated\nee311.interop. 300 IN MX 10 mx.ee311.interop.\n'),
      { status: 'secure', answer: 'data' });
  });
  it('reads "; unsigned answer" as insecure data', () => {
    assert.deepEqual(parseDelv('; unsigned answer\nunsigned.interop. 300 IN MX 10 mx.unsigned.interop.\n'),
      { status: 'insecure', answer: 'data' });
  });
  it('reads a validated NODATA (ncache nxrrset) as secure nodata', () => {
    assert.deepEqual(parseDelv(fixture('delv-nodata-nsec3.txt')), { status: 'secure', answer: 'nodata' });
  });
  it('reads an unsigned NXDOMAIN as insecure nxdomain, not as a failure', () => {
    assert.deepEqual(parseDelv(fixture('delv-nxdomain-unsigned.txt')), { status: 'insecure', answer: 'nxdomain' });
  });
  it('reads a failed proof (broken trust chain) as bogus', () => {
    assert.deepEqual(parseDelv(fixture('delv-expired.txt')), { status: 'bogus', failure: 'broken trust chain' });
  });
  it('reads "RRSIG failed to verify" as bogus', () => {
    assert.equal(parseDelv(';; resolution failed: RRSIG failed to verify\n').status, 'bogus');
  });
  it('reads a resolver that cannot be reached as indeterminate, not bogus', () => {
    assert.deepEqual(parseDelv(fixture('delv-connection-refused.txt')), { status: 'indeterminate', failure: 'failure' });
  });
  it('reads a validated CNAME into an unsigned zone as insecure (the weakest RRset of the chain), not secure', () => {
    const out = fixture('delv-cname-into-unsigned.txt');
    assert.match(out, /^; fully validated$/m);
    assert.deepEqual(parseDelv(out), { status: 'insecure', answer: 'data' });
  });
  it('reads an unsigned CNAME to a validated target as insecure', () => {
    assert.deepEqual(parseDelv(fixture('delv-unsigned-cname-to-signed.txt')), { status: 'insecure', answer: 'data' });
  });
  it('reads a validated CNAME whose target failed as the failure, not secure', () => {
    const out = `${fixture('delv-cname-into-unsigned.txt').split('\n\n')[0]}\n;; resolution failed: RRSIG failed to verify\n`;
    assert.deepEqual(parseDelv(out), { status: 'bogus', failure: 'RRSIG failed to verify' });
  });
  it('throws on output it does not know', () => {
    assert.throws(() => parseDelv('something else\n'), /unrecognised delv output/);
  });
});

describe('parseDig (Unbound\'s verdict)', () => {
  const answer = (status: string, flags: string, extra = ''): string =>
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: 1\n;; flags: ${flags}; QUERY: 1, ANSWER: 0\n${extra}`;
  it('reads NOERROR with AD as secure, without AD as insecure', () => {
    assert.equal(parseDig(answer('NOERROR', 'qr rd ra ad')).status, 'secure');
    assert.equal(parseDig(answer('NOERROR', 'qr rd ra')).status, 'insecure');
  });
  it('reads NXDOMAIN with AD as secure, without AD as insecure', () => {
    assert.equal(parseDig(answer('NXDOMAIN', 'qr rd ra ad')).status, 'secure');
    assert.equal(parseDig(answer('NXDOMAIN', 'qr rd ra')).status, 'insecure');
  });
  it('reads SERVFAIL with EDE 6 (DNSSEC Bogus) or 7 (Signature Expired) as bogus', () => {
    assert.deepEqual(parseDig(answer('SERVFAIL', 'qr rd ra', '; EDE: 6 (DNSSEC Bogus)\n')),
      { status: 'bogus', rcode: 'SERVFAIL', ad: false, ede: 6 });
    assert.equal(parseDig(answer('SERVFAIL', 'qr rd ra', '; EDE: 7 (Signature Expired)\n')).status, 'bogus');
  });
  it('reads SERVFAIL without a DNSSEC EDE (e.g. 22 No Reachable Authority) as indeterminate', () => {
    assert.equal(parseDig(answer('SERVFAIL', 'qr rd ra')).status, 'indeterminate');
    assert.equal(parseDig(answer('SERVFAIL', 'qr rd ra', '; EDE: 22 (No Reachable Authority)\n')).status, 'indeterminate');
  });
  it('reads "no servers could be reached" as indeterminate', () => {
    assert.equal(parseDig(fixture('dig-no-server.txt')).status, 'indeterminate');
  });
  it('throws on output it does not know', () => {
    assert.throws(() => parseDig('nothing\n'), /unrecognised dig output/);
  });
});

describe('parsePosttlsFinger', () => {
  const host = (zone: string): string => `mx.${zone}.interop.`;
  const cases: [string, string, Omit<HostVerdict, 'host'>][] = [
    ['ee311', 'a matched DANE-EE record and a verified connection: authenticated', { outcome: 'authenticated' }],
    ['ta211', 'a matched DANE-TA record (depth 1) and a verified connection: authenticated', { outcome: 'authenticated' }],
    ['mismatch', 'usable records that match nothing: failed', { outcome: 'failed' }],
    ['ta-namemismatch', 'a TA match with the wrong leaf name: failed, certificate-host-mismatch', { outcome: 'failed', tlsRpt: 'certificate-host-mismatch' }],
    ['ta-expired', 'a TA match with an expired leaf: failed, certificate-expired', { outcome: 'failed', tlsRpt: 'certificate-expired' }],
    ['nostarttls', 'usable records and no STARTTLS offered: failed, starttls-not-supported', { outcome: 'failed', tlsRpt: 'starttls-not-supported' }],
    ['unusable', 'only unusable records and TLS established: unauthenticated', { outcome: 'unauthenticated' }],
    ['nsec-notlsa', 'no TLSA records: none (whatever the "secure" probe then finds)', { outcome: 'none' }],
    ['bogus-sig', 'a TLSA lookup error: bogus, dnssec-invalid', { outcome: 'bogus', tlsRpt: 'dnssec-invalid' }],
  ];
  for (const [zone, what, verdict] of cases) {
    it(`reads ${what}`, () => {
      assert.deepEqual(parsePosttlsFinger(fixture(`posttls-finger-${zone}.log`)),
        { mx: 'ok', hosts: [{ host: host(zone), ...verdict }] });
    });
  }
  it('reads a DANE match logged as "Trusted" (Postfix\'s wording after an insecure MX) as authenticated', () => {
    const log = fixture('posttls-finger-ee311.log').replace('Verified TLS connection', 'Trusted TLS connection')
      .replace('posttls-finger: addr_one:', 'posttls-finger: MX RRset insecure: log verified as trusted\nposttls-finger: addr_one:');
    assert.deepEqual(parsePosttlsFinger(log).hosts[0], { host: host('ee311'), outcome: 'authenticated' });
  });
  it('does not read "Trusted" without a DANE match as authenticated', () => {
    const log = fixture('posttls-finger-ee311.log').replace('Verified TLS connection', 'Trusted TLS connection')
      .split('\n').filter((l) => !l.includes('Matched DANE')).join('\n');
    assert.throws(() => parsePosttlsFinger(log), /cannot classify/);
  });
  it('reads a null MX as no-mail with no hosts, not as a deferral', () => {
    assert.deepEqual(parsePosttlsFinger(fixture('posttls-finger-nullmx.log')), { mx: 'no-mail', hosts: [] });
  });
  it('reads an MX lookup failure as a deferred domain with no hosts', () => {
    assert.deepEqual(parsePosttlsFinger(fixture('posttls-finger-expired.log')), { mx: 'deferred', hosts: [] });
  });
  it('does not read authenticated from "Verified" without the "Matched DANE" line (it refuses to classify)', () => {
    const log = fixture('posttls-finger-ee311.log').split('\n').filter((l) => !l.includes('Matched DANE')).join('\n');
    assert.throws(() => parsePosttlsFinger(log), /cannot classify/);
  });
  it('reads only-unusable records without STARTTLS as failed, not unauthenticated', () => {
    const log = fixture('posttls-finger-unusable.log').split('\n')
      .filter((l) => !/STARTTLS|TLS connection established/.test(l)).join('\n');
    assert.deepEqual(parsePosttlsFinger(log).hosts[0], { host: host('unusable'), outcome: 'failed', tlsRpt: 'starttls-not-supported' });
  });
  it('reads a log with two MX hosts as the verdict of the one it connected to (mixed-mx: MX 10)', () => {
    const log = fixture('posttls-finger-mixed-mx.log');
    assert.deepEqual(parsePosttlsFinger(log), { mx: 'ok', hosts: [{ host: 'mx.ee311.interop.', outcome: 'authenticated' }] });
    assert.equal(connectedAddress(log), '127.25.0.1');
  });
  it('throws on a log with two MX hosts that connected to none (whose verdict would it be?)', () => {
    const log = fixture('posttls-finger-mixed-mx.log').split('\n').filter((l) => !l.includes('Connected to')).join('\n');
    assert.throws(() => parsePosttlsFinger(log), /2 MX hosts in the log and 0 connected to/);
  });
  it('reads a "[host]" probe of a host in an unsigned zone as none, not as the failed "secure" probe', () => {
    assert.deepEqual(parsePosttlsFinger(fixture('posttls-finger-host-unsigned.log')),
      { mx: 'ok', hosts: [{ host: 'mx.unsigned.interop.', outcome: 'none' }] });
  });
  it('reads a secure CNAME into an unsigned zone with TLSA at the alias (Postfix checks the CNAME itself): authenticated', () => {
    const log = fixture('posttls-finger-cname-insecure.log');
    assert.match(log, /dns_query: mx\.cname-insecure\.interop \(CNAME\): OK/);
    assert.deepEqual(parsePosttlsFinger(log), { mx: 'ok', hosts: [{ host: 'mx.cname-insecure.interop.', outcome: 'authenticated' }] });
  });
  it('reads a host whose own CNAME is unsigned as none', () => {
    assert.deepEqual(parsePosttlsFinger(fixture('posttls-finger-cname-owner-unsigned.log')),
      { mx: 'ok', hosts: [{ host: 'alias.unsigned.interop.', outcome: 'none' }] });
  });
  it('reads the IPv6 address of a dual-stack probe (-a ipv6) from its connection line, without brackets', () => {
    const log = fixture('posttls-finger-dualstack-ipv6.log');
    assert.equal(connectedAddress(log), 'fd00:25::1');
    assert.deepEqual(parsePosttlsFinger(log), { mx: 'ok', hosts: [{ host: 'mx.dualstack.interop.', outcome: 'authenticated' }] });
    assert.isUndefined(connectedAddress(fixture('posttls-finger-expired.log')));
  });
  it('builds "[host]" and family options into the command line', () => {
    assert.deepEqual(posttlsFingerArgs('mx.unsigned.interop.', { host: true }).slice(-1), ['[mx.unsigned.interop]']);
    assert.deepEqual(posttlsFingerArgs('dualstack.interop.', { family: 'ipv6' }).slice(-3), ['-T', '5', 'dualstack.interop']);
    assert.include(posttlsFingerArgs('dualstack.interop.', { family: 'ipv6' }).join(' '), '-a ipv6');
    assert.include(posttlsFingerArgs('ee311.interop.').join(' '), '-a ipv4');
  });
  it('throws on a log it cannot classify', () => {
    assert.throws(() => parsePosttlsFinger('posttls-finger: addr_one: host mx.x.interop\n'), /cannot classify/);
  });
});

describe('comparison helpers', () => {
  it('diffMta is empty for equal verdicts and names each difference otherwise', () => {
    const a = { mx: 'ok' as const, hosts: [{ host: 'mx.a.', outcome: 'failed' as const, tlsRpt: 'starttls-not-supported' as const }] };
    assert.deepEqual(diffMta(a, a), []);
    assert.deepEqual(diffMta(a, { mx: 'ok', hosts: [{ host: 'mx.a.', outcome: 'authenticated' }] }),
      ['mx.a.: expected failed, got authenticated']);
    assert.deepEqual(diffMta(a, { mx: 'deferred', hosts: [] }), ['mx: expected ok, got deferred', 'hosts: expected 1, got 0']);
    assert.deepEqual(diffMta(a, { mx: 'ok', hosts: [{ host: 'mx.a.', outcome: 'failed', tlsRpt: 'validation-failure' }] }),
      ['mx.a.: expected TLS-RPT starttls-not-supported, got validation-failure']);
  });
  it('diffMta compares per-address verdicts (as a set) only when the expected side names them', () => {
    const v4: AddressVerdict = { address: '127.0.0.1', outcome: 'authenticated' };
    const v6: AddressVerdict = { address: 'fd00::1', outcome: 'authenticated' };
    const want: MtaVerdict = { mx: 'ok', hosts: [{ host: 'mx.a.', outcome: 'authenticated', addresses: [v4, v6] }] };
    const got = (addresses?: AddressVerdict[]): MtaVerdict => ({ mx: 'ok', hosts: [{ host: 'mx.a.', outcome: 'authenticated', ...(addresses ? { addresses } : {}) }] });
    assert.deepEqual(diffMta(want, got([v6, v4])), []);
    assert.deepEqual(diffMta(want, got([v4])), ['mx.a. addresses: expected 127.0.0.1 authenticated, fd00::1 authenticated, got 127.0.0.1 authenticated']);
    assert.deepEqual(diffMta(want, got([v4, { ...v6, outcome: 'failed' }])),
      ['mx.a. addresses: expected 127.0.0.1 authenticated, fd00::1 authenticated, got 127.0.0.1 authenticated, fd00::1 failed']);
    assert.deepEqual(diffMta(want, got()), ['mx.a. addresses: expected 127.0.0.1 authenticated, fd00::1 authenticated, got no per-address verdicts']);
    assert.deepEqual(diffMta(got(), got([v4])), []);
  });
  it('worstVerdict takes a host\'s worst address in verifyDane\'s order (failed before none before authenticated)', () => {
    const ok: HostVerdict = { host: 'mx.a.', outcome: 'authenticated' };
    const failed: HostVerdict = { host: 'mx.a.', outcome: 'failed', tlsRpt: 'validation-failure' };
    const none: HostVerdict = { host: 'mx.a.', outcome: 'none' };
    assert.deepEqual(worstVerdict([ok, failed]), failed);
    assert.deepEqual(worstVerdict([failed, ok]), failed);
    assert.deepEqual(worstVerdict([ok, none]), none);
    assert.deepEqual(worstVerdict([ok]), ok);
    assert.isUndefined(worstVerdict([]));
  });
  it('a known host difference replaces the table\'s verdict for posttls-finger only, and carries its note', () => {
    const mta: ExpectedMta = { mx: 'ok', hosts: [
      { host: 'mx1.a.', outcome: 'authenticated', peers: { 'posttls-finger': { outcome: 'failed', tlsRpt: 'certificate-host-mismatch' } }, note: 'why' },
      { host: 'mx2.a.', outcome: 'none' },
    ] };
    assert.deepEqual(expectedMtaFor(mta, 'posttls-finger'), { mx: 'ok', hosts: [
      { host: 'mx1.a.', outcome: 'failed', tlsRpt: 'certificate-host-mismatch' }, { host: 'mx2.a.', outcome: 'none' },
    ] });
    assert.deepEqual(hostNotes(mta, 'posttls-finger'), ['mx1.a.: why']);
    // Our side is compared with the table's own verdicts.
    assert.deepEqual(diffMta(mta, { mx: 'ok', hosts: [{ host: 'mx1.a.', outcome: 'authenticated' }, { host: 'mx2.a.', outcome: 'none' }] }), []);
    assert.deepEqual(diffMta(expectedMtaFor(mta, 'posttls-finger'), { mx: 'ok', hosts: [{ host: 'mx1.a.', outcome: 'authenticated' }, { host: 'mx2.a.', outcome: 'none' }] }),
      ['mx1.a.: expected failed, got authenticated']);
  });
  it('a known peer difference applies to that peer only', () => {
    const l = { name: 'x.', type: 'TLSA' as const, status: 'insecure' as const, peers: { delv: 'secure' as const }, note: 'n' };
    assert.equal(expectedStatusFor(l, 'delv'), 'secure');
    assert.equal(expectedStatusFor(l, 'unbound'), 'insecure');
  });
  it('the scenario table loads; a known peer difference without a note is rejected', () => {
    assert.isAtLeast(loadScenarios().length, 12);
    const dir = mkdtempSync(join(tmpdir(), 'dane-interop-table-'));
    try {
      const bad = join(dir, 'scenarios.json');
      const lookup = { name: 'a.', type: 'MX', status: 'secure', peers: { delv: 'insecure' } };
      const row = { id: 'x', domain: 'a.', about: 'x', lookups: [lookup], mta: { mx: 'deferred', hosts: [] } };
      writeFileSync(bad, JSON.stringify({ scenarios: [row] }));
      assert.throws(() => loadScenarios(bad), /needs a note/);
      writeFileSync(bad, JSON.stringify({ scenarios: [{ ...row, lookups: [{ ...lookup, note: 'why' }] }] }));
      assert.lengthOf(loadScenarios(bad), 1);
      // Several MX hosts are probed as "[host]": only under a secure MX lookup of the domain.
      const two = { mx: 'ok', hosts: [{ host: 'mx1.a.', outcome: 'none' }, { host: 'mx2.a.', outcome: 'none' }] };
      writeFileSync(bad, JSON.stringify({ scenarios: [{ ...row, lookups: [{ name: 'a.', type: 'MX', status: 'insecure' }], mta: two }] }));
      assert.throws(() => loadScenarios(bad), /several MX hosts needs its MX lookup in the table, secure/);
      writeFileSync(bad, JSON.stringify({ scenarios: [{ ...row, lookups: [{ name: 'a.', type: 'MX', status: 'secure' }], mta: two }] }));
      assert.lengthOf(loadScenarios(bad), 1);
      const one = (addresses: unknown) => ({ ...row, lookups: [{ name: 'a.', type: 'AAAA', status: 'secure' }], mta: { mx: 'ok', hosts: [{ host: 'mx.a.', outcome: 'none', addresses }] } });
      writeFileSync(bad, JSON.stringify({ scenarios: [one([{ address: 'fd00::1', outcome: 'none' }])] }));
      assert.lengthOf(loadScenarios(bad), 1);
      writeFileSync(bad, JSON.stringify({ scenarios: [one([{ address: 'mx.a.', outcome: 'none' }])] }));
      assert.throws(() => loadScenarios(bad), /is not an IP address/);
      writeFileSync(bad, JSON.stringify({ scenarios: [one([{ address: 'fd00::1', outcome: 'none' }, { address: 'fd00::1', outcome: 'none' }])] }));
      assert.throws(() => loadScenarios(bad), /listed twice/);
      // A known host difference of posttls-finger needs its note; no other peer may have one.
      const differs = (extra: object) => ({ ...row, lookups: [{ name: 'a.', type: 'MX', status: 'secure' }], mta: { mx: 'ok', hosts: [{ host: 'mx.a.', outcome: 'failed', ...extra }] } });
      writeFileSync(bad, JSON.stringify({ scenarios: [differs({ peers: { 'posttls-finger': { outcome: 'authenticated' } } })] }));
      assert.throws(() => loadScenarios(bad), /known peer difference needs a note/);
      writeFileSync(bad, JSON.stringify({ scenarios: [differs({ peers: { 'posttls-finger': { outcome: 'authenticated' } }, note: 'why' })] }));
      assert.lengthOf(loadScenarios(bad), 1);
      writeFileSync(bad, JSON.stringify({ scenarios: [differs({ peers: { delv: { outcome: 'authenticated' } }, note: 'why' })] }));
      assert.throws(() => loadScenarios(bad), /unknown host peer delv/);
      writeFileSync(bad, JSON.stringify({ scenarios: [differs({ peers: { 'posttls-finger': { outcome: 'fine' } }, note: 'why' })] }));
      assert.throws(() => loadScenarios(bad), /peer outcome fine/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
