/**
 * Our signer and our verifier checked by independent implementations (ldns and BIND, from Debian's
 * ldnsutils and bind9-utils, installed by .ci/system-deps.sh), so the two cannot agree on the same
 * mistake:
 *
 * 1. zones signed by src/testing/keys.ts (every algorithm) are written with formatRR and must pass
 *    `ldns-verify-zone` and BIND's `dnssec-verify`; the same zone with one signature bit flipped
 *    must fail both;
 * 2. zones signed by `ldns-signzone` (keys from `ldns-keygen`) and by BIND's `dnssec-signzone` (keys
 *    from `dnssec-keygen`) are parsed with parseZone and every RRSIG must pass our verifyRRset on
 *    both backends; our computeDS must equal their DS records; NSEC3 owners equal our nsec3Hash.
 *
 * The clock is an input: one signing window is derived from the time of the run (a day before it
 * to 30 days after), and every side that checks a signature is given that same `now` (-t for
 * ldns-verify-zone, `now` for verifyRRset). BIND's dnssec-signzone and dnssec-verify have no clock
 * option and check against the process clock, which is why the window must contain the run's time
 * rather than a fixed date (a fixed window broke this test on 2026-12-01). A missing tool fails the
 * test with its name; set DANE_VERIFY_SKIP_CROSSCHECK=1 to skip these deliberately on a machine
 * without those tools.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Name } from '../../src/dns/name.ts';
import { formatRR, parseZone } from '../../src/dns/presentation.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { dnssecAlgorithmToString } from '../../src/dns/iana/dnssec-algorithms.ts';
import type { RecordOf, ResourceRecord } from '../../src/dns/record.ts';
import { getBackend } from '../../src/dnssec/algorithms.ts';
import { computeDS } from '../../src/dnssec/ds.ts';
import { nsec3Hash } from '../../src/dnssec/nsec3-hash.ts';
import { verifyRRset } from '../../src/dnssec/rrsig.ts';
import { generateKey, signRRset, SIGNING_ALGORITHMS, type TestKey } from '../../src/testing/keys.ts';
import { bindToolEnv } from '../support/bind-env.ts';

const ORIGIN = Name.parse('example.');
const ZONE_TEXT = `$ORIGIN example.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 86400 300
@ IN NS ns1
@ IN MX 10 mail
@ IN MX 20 Backup.Example.
ns1 IN A 192.0.2.53
mail IN A 192.0.2.25
mail IN AAAA 2001:db8::25
_25._tcp.mail IN TLSA 3 1 1 aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899
_25._tcp.mail IN TLSA 2 1 1 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
`;
const DAY_MS = 86_400_000;
/** The time of the run, to the second (RRSIG times have no finer grain). */
const NOW_DATE = new Date(Math.floor(Date.now() / 1000) * 1000);
const WINDOW = { inception: new Date(NOW_DATE.getTime() - DAY_MS), expiration: new Date(NOW_DATE.getTime() + 30 * DAY_MS) };
/** YYYYMMDDhhmmss in UTC, the form the ldns and BIND tools take. */
const toolTime = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
const INCEPTION = toolTime(WINDOW.inception);
const EXPIRATION = toolTime(WINDOW.expiration);
const NOW = toolTime(NOW_DATE);
/** Bound on one tool run: each signs or checks a 10-record zone in well under a second. */
const TOOL_TIMEOUT_MS = 30_000;
const LDNS_NAMES: Record<number, string> = {
  5: 'RSASHA1', 7: 'RSASHA1-NSEC3-SHA1', 8: 'RSASHA256', 10: 'RSASHA512',
  13: 'ECDSAP256SHA256', 14: 'ECDSAP384SHA384', 15: 'ED25519', 16: 'ED448',
};

function run(cmd: string, args: string[], cwd: string) {
  const env = cmd.startsWith('dnssec-') ? bindToolEnv() : process.env;
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}): install ldnsutils and bind9-utils (see .ci/system-deps.sh)`);
  return r;
}

/** The zone with one bit flipped in the MX RRSIG's signature. */
function corruptMxSignature(zone: readonly ResourceRecord[]): ResourceRecord[] {
  return zone.map((r) => {
    if (r.type !== RRType.RRSIG || (r as RecordOf<typeof RRType.RRSIG>).data.typeCovered !== RRType.MX) return r;
    const s = r as RecordOf<typeof RRType.RRSIG>;
    const signature = s.data.signature.slice();
    signature[signature.length >> 1] = signature[signature.length >> 1]! ^ 0x01;
    return createRR({ name: s.name, type: RRType.RRSIG, ttl: s.ttl, data: { ...s.data, signature } });
  });
}

/** RRsets of a record list, keyed by owner and type. */
function rrsets(records: readonly ResourceRecord[]): ResourceRecord[][] {
  const m = new Map<string, ResourceRecord[]>();
  for (const r of records) {
    const k = `${r.name.key()} ${r.type}`;
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return [...m.values()];
}

/** A zone signed with one key (flags 257, signing everything) and an NSEC chain (RFC 4034 §4). */
function signZone(key: TestKey): ResourceRecord[] {
  const records = [...parseZone(ZONE_TEXT), key.dnskey(ORIGIN, 300)];
  const names = [...new Map(records.map((r) => [r.name.key(), r.name])).values()].sort((x, y) => x.compare(y));
  for (let i = 0; i < names.length; i++) {
    const owner = names[i]!;
    const types = [...new Set(records.filter((r) => r.name.equals(owner)).map((r) => r.type)), RRType.RRSIG, RRType.NSEC];
    records.push(createRR({ name: owner, type: RRType.NSEC, ttl: 300, data: { nextDomainName: names[(i + 1) % names.length]!, types } }));
  }
  const out: ResourceRecord[] = [];
  for (const set of rrsets(records)) {
    out.push(...set);
    out.push(signRRset(set, key, { signer: ORIGIN, ...WINDOW }));
  }
  return out;
}

const skip = process.env.DANE_VERIFY_SKIP_CROSSCHECK === '1';

describe('dnssec/signer-crosscheck (ldns and BIND as independent implementations)', function () {
  this.timeout(60_000);
  let dir: string;
  before(function () {
    if (skip) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'dane-verify-crosscheck-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('zones signed by our signer pass ldns-verify-zone', () => {
    for (const alg of SIGNING_ALGORITHMS) {
      it(`algorithm ${alg} (${dnssecAlgorithmToString(alg)}), and a flipped signature bit fails it`, () => {
        const key = generateKey(alg, { ksk: true, bits: 1024 });
        const zone = signZone(key);
        const file = join(dir, `ours.${alg}.zone`);
        writeFileSync(file, zone.map(formatRR).join('\n') + '\n');
        const ok = run('ldns-verify-zone', ['-t', NOW, file], dir);
        expect(ok.status, `ldns-verify-zone:\n${ok.stdout}${ok.stderr}`).to.equal(0);
        expect(ok.stdout + ok.stderr).to.contain('Zone is verified and complete');

        // negative control: one flipped bit in the MX signature
        const bent = corruptMxSignature(zone);
        const badFile = join(dir, `ours.${alg}.bad.zone`);
        writeFileSync(badFile, bent.map(formatRR).join('\n') + '\n');
        const bad = run('ldns-verify-zone', ['-t', NOW, badFile], dir);
        expect(bad.status, `ldns-verify-zone accepted a corrupted signature:\n${bad.stdout}${bad.stderr}`).to.not.equal(0);
      });
    }
  });

  describe('zones signed by our signer pass BIND dnssec-verify', () => {
    // dnssec-verify has no clock option: it checks against the process clock, inside WINDOW.
    for (const alg of SIGNING_ALGORITHMS) {
      it(`algorithm ${alg} (${dnssecAlgorithmToString(alg)}), and a flipped signature bit fails it`, () => {
        const key = generateKey(alg, { ksk: true, bits: 1024 });
        const zone = signZone(key);
        const file = join(dir, `bind.${alg}.zone`);
        writeFileSync(file, zone.map(formatRR).join('\n') + '\n');
        const ok = run('dnssec-verify', ['-z', '-o', 'example.', file], dir);
        expect(ok.status, `dnssec-verify:\n${ok.stdout}${ok.stderr}`).to.equal(0);
        expect(ok.stdout + ok.stderr).to.contain('Zone fully signed');
        const badFile = join(dir, `bind.${alg}.bad.zone`);
        writeFileSync(badFile, corruptMxSignature(zone).map(formatRR).join('\n') + '\n');
        const bad = run('dnssec-verify', ['-z', '-o', 'example.', badFile], dir);
        expect(bad.status, `dnssec-verify accepted a corrupted signature:\n${bad.stdout}${bad.stderr}`).to.not.equal(0);
      });
    }
  });

  /** Every RRSIG of a signed zone must verify with our verifyRRset, on both backends. */
  function verifyWholeZone(signed: ResourceRecord[]): number {
    const keys = signed.filter((r) => r.type === RRType.DNSKEY);
    expect(keys, 'DNSKEY in the signed zone').to.have.length.greaterThan(0);
    const sigs = signed.filter((r): r is RecordOf<typeof RRType.RRSIG> => r.type === RRType.RRSIG);
    let checked = 0;
    for (const set of rrsets(signed.filter((r) => r.type !== RRType.RRSIG))) {
      const covering = sigs.filter((s) => s.name.equals(set[0]!.name) && s.data.typeCovered === set[0]!.type);
      expect(covering, `RRSIG for ${set[0]!.name} ${set[0]!.type}`).to.have.length.greaterThan(0);
      for (const rrsig of covering) {
        for (const b of ['native', 'pure'] as const) {
          const r = verifyRRset({ rrset: set, rrsig, keys, now: NOW_DATE, backend: getBackend(b) });
          expect(r.ok, `${b}: ${r.ok ? '' : r.reason}`).to.equal(true);
          checked++;
        }
      }
    }
    return checked;
  }

  describe('zones signed by ldns-signzone pass our verifyRRset on both backends', () => {
    for (const alg of SIGNING_ALGORITHMS) {
      for (const nsec3 of alg === 8 || alg === 13 ? [false, true] : [false]) {
        it(`algorithm ${alg} (${LDNS_NAMES[alg]})${nsec3 ? ' with NSEC3' : ''}; our DS equals ldns's`, () => {
          const sub = mkdtempSync(join(dir, `ldns-${alg}-`));
          writeFileSync(join(sub, 'zone'), ZONE_TEXT);
          const kg = run('ldns-keygen', ['-a', LDNS_NAMES[alg]!, '-b', '1024', '-k', 'example.'], sub);
          expect(kg.status, kg.stderr).to.equal(0);
          const base = kg.stdout.trim();
          const args = ['-i', INCEPTION, '-e', EXPIRATION, '-f', 'signed', ...(nsec3 ? ['-n', '-s', 'aabbccdd', '-t', '5'] : []), 'zone', base];
          const sz = run('ldns-signzone', args, sub);
          expect(sz.status, sz.stderr).to.equal(0);

          const signed = parseZone(readFileSync(join(sub, 'signed'), 'utf8'));
          expect(verifyWholeZone(signed)).to.be.greaterThan(10);

          if (nsec3) {
            // every NSEC3 owner is the hash of a name of the zone, as our nsec3Hash computes it
            const owners = signed.filter((r) => r.type === RRType.NSEC3).map((r) => Buffer.from(r.name.labels[0]!).toString('latin1').toLowerCase());
            const names = [...new Map(parseZone(ZONE_TEXT).map((r) => [r.name.key(), r.name])).values()];
            const ents = [Name.parse('_tcp.mail.example.')]; // empty non-terminal: has an NSEC3 too (RFC 5155 §7.1)
            const hashes = [...names, ...ents].map((nm) => nsec3Hash(nm, 'aabbccdd', 5));
            expect([...owners].sort()).to.deep.equal([...hashes].sort());
          }

          // DS: ldns-keygen wrote one next to the key
          const keys = signed.filter((r) => r.type === RRType.DNSKEY);
          const dsFile = readdirSync(sub).find((f) => f.endsWith('.ds'))!;
          const theirDs = parseZone(readFileSync(join(sub, dsFile), 'utf8'))[0] as RecordOf<typeof RRType.DS>;
          const ours = computeDS(keys[0]!, theirDs.data.digestType as 1 | 2 | 4);
          expect(Buffer.from(ours.rdata).toString('hex')).to.equal(Buffer.from(theirDs.rdata).toString('hex'));
        });
      }
    }
  });

  describe('zones signed by BIND dnssec-signzone pass our verifyRRset on both backends', () => {
    const BIND_NAMES: Record<number, string> = { ...LDNS_NAMES, 7: 'NSEC3RSASHA1' };
    for (const alg of SIGNING_ALGORITHMS) {
      it(`algorithm ${alg} (${BIND_NAMES[alg]}); our DS equals dnssec-dsfromkey's`, () => {
        const sub = mkdtempSync(join(dir, `bind-${alg}-`));
        writeFileSync(join(sub, 'zone'), ZONE_TEXT);
        const kg = run('dnssec-keygen', ['-q', '-a', BIND_NAMES[alg]!, '-b', '1024', '-f', 'KSK', 'example.'], sub);
        expect(kg.status, kg.stderr).to.equal(0);
        const sz = run('dnssec-signzone', ['-q', '-S', '-z', '-K', '.', '-o', 'example.', '-s', INCEPTION, '-e', EXPIRATION, '-f', 'signed', 'zone'], sub);
        expect(sz.status, sz.stderr).to.equal(0);
        const signed = parseZone(readFileSync(join(sub, 'signed'), 'utf8'));
        expect(verifyWholeZone(signed)).to.be.greaterThan(10);

        const ds = run('dnssec-dsfromkey', ['-2', `${kg.stdout.trim()}.key`], sub);
        expect(ds.status, ds.stderr).to.equal(0);
        const theirDs = parseZone(ds.stdout)[0] as RecordOf<typeof RRType.DS>;
        const keys = signed.filter((r) => r.type === RRType.DNSKEY);
        expect(Buffer.from(computeDS(keys[0]!, 2).rdata).toString('hex')).to.equal(Buffer.from(theirDs.rdata).toString('hex'));
      });
    }
  });
});
