/**
 * Our signer and our verifier checked by an independent implementation (ldns, from Debian's
 * ldnsutils, installed by .ci/system-deps.sh), so the two cannot agree on the same mistake:
 *
 * 1. zones signed by src/testing/keys.ts (every algorithm) are written with formatRR and must pass
 *    `ldns-verify-zone`; the same zone with one signature bit flipped must fail it;
 * 2. zones signed by `ldns-signzone` with keys from `ldns-keygen` are parsed with parseZone and every
 *    RRSIG must pass our verifyRRset on both backends; our computeDS must equal ldns's DS.
 *
 * The clock is fixed (-t for ldns, `now` for us). A missing tool fails the test with its name;
 * set DANE_VERIFY_SKIP_CROSSCHECK=1 to skip these deliberately on a machine without ldns.
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
const INCEPTION = '20261101000000';
const EXPIRATION = '20261201000000';
const NOW = '20261128000000';
const NOW_DATE = new Date('2026-11-28T00:00:00Z');
const LDNS_NAMES: Record<number, string> = {
  5: 'RSASHA1', 7: 'RSASHA1-NSEC3-SHA1', 8: 'RSASHA256', 10: 'RSASHA512',
  13: 'ECDSAP256SHA256', 14: 'ECDSAP384SHA384', 15: 'ED25519', 16: 'ED448',
};

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}): install ldnsutils (see .ci/system-deps.sh)`);
  return r;
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
    out.push(signRRset(set, key, { signer: ORIGIN, inception: new Date('2026-11-01T00:00:00Z'), expiration: new Date('2026-12-01T00:00:00Z') }));
  }
  return out;
}

const skip = process.env.DANE_VERIFY_SKIP_CROSSCHECK === '1';

describe('dnssec/signer-crosscheck (ldns as the independent implementation)', function () {
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
        const bent = zone.map((r) => {
          if (r.type !== RRType.RRSIG || (r as RecordOf<typeof RRType.RRSIG>).data.typeCovered !== RRType.MX) return r;
          const s = r as RecordOf<typeof RRType.RRSIG>;
          const signature = s.data.signature.slice();
          signature[signature.length >> 1] = signature[signature.length >> 1]! ^ 0x01;
          return createRR({ name: s.name, type: RRType.RRSIG, ttl: s.ttl, data: { ...s.data, signature } });
        });
        const badFile = join(dir, `ours.${alg}.bad.zone`);
        writeFileSync(badFile, bent.map(formatRR).join('\n') + '\n');
        const bad = run('ldns-verify-zone', ['-t', NOW, badFile], dir);
        expect(bad.status, `ldns-verify-zone accepted a corrupted signature:\n${bad.stdout}${bad.stderr}`).to.not.equal(0);
      });
    }
  });

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
          const keys = signed.filter((r) => r.type === RRType.DNSKEY);
          expect(keys, 'DNSKEY in the signed zone').to.have.length.greaterThan(0);
          const sigs = signed.filter((r): r is RecordOf<typeof RRType.RRSIG> => r.type === RRType.RRSIG);
          const data = rrsets(signed.filter((r) => r.type !== RRType.RRSIG));
          let checked = 0;
          for (const set of data) {
            const covering = sigs.filter((s) => s.name.equals(set[0]!.name) && s.data.typeCovered === set[0]!.type);
            if (set[0]!.type === RRType.NS && !set[0]!.name.equals(ORIGIN)) continue; // delegation NS: unsigned
            expect(covering, `RRSIG for ${set[0]!.name} ${set[0]!.type}`).to.have.length.greaterThan(0);
            for (const rrsig of covering) {
              for (const b of ['native', 'pure'] as const) {
                const r = verifyRRset({ rrset: set, rrsig, keys, now: NOW_DATE, backend: getBackend(b) });
                expect(r.ok, `${b}: ${r.ok ? '' : r.reason}`).to.equal(true);
                checked++;
              }
            }
          }
          expect(checked).to.be.greaterThan(10);

          if (nsec3) {
            // every NSEC3 owner is the hash of a name of the zone, as our nsec3Hash computes it
            const owners = signed.filter((r) => r.type === RRType.NSEC3).map((r) => r.name.labels[0]!).map((l) => Buffer.from(l).toString('latin1').toLowerCase());
            const names = [...new Map(parseZone(ZONE_TEXT).map((r) => [r.name.key(), r.name])).values()];
            const ents = [Name.parse('_tcp.mail.example.')]; // empty non-terminal: has an NSEC3 too (RFC 5155 §7.1)
            const hashes = [...names, ...ents].map((nm) => nsec3Hash(nm, 'aabbccdd', 5));
            expect([...owners].sort()).to.deep.equal([...hashes].sort());
          }

          // DS: ldns-keygen wrote one next to the key
          const dsFile = readdirSync(sub).find((f) => f.endsWith('.ds'))!;
          const theirDs = parseZone(readFileSync(join(sub, dsFile), 'utf8'))[0] as RecordOf<typeof RRType.DS>;
          const ours = computeDS(keys[0]!, theirDs.data.digestType as 1 | 2 | 4);
          expect(Buffer.from(ours.rdata).toString('hex')).to.equal(Buffer.from(theirDs.rdata).toString('hex'));
        });
      }
    }
  });
});
