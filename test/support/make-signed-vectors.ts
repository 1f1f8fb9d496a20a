/**
 * Writes vectors/validator/signed/: whole-lookup vectors for holes of the denial-proof hardening
 * (issue #18, item 4), signed here with the repo's test signer (src/testing/keys.ts, ECDSAP256SHA256
 * so that they run where SHA-1 is refused), at a fixed clock that the vectors carry. Run once:
 *   npx tsx test/support/make-signed-vectors.ts
 * Keys are generated afresh on each run (ECDSA signatures are randomised too), so the output is
 * committed, not regenerated: running it again changes every file and needs a new suite version.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Name } from '../../src/dns/name.ts';
import { formatRR, parseRR } from '../../src/dns/presentation.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { nsec3Hash } from '../../src/dnssec/nsec3-hash.ts';
import { generateKey, signRRset, type TestKey } from '../../src/testing/keys.ts';

const OUT = new URL('../../vectors/validator/signed/', import.meta.url);
const NOW = '20260101000000';
const WINDOW = { inception: new Date('2025-12-01T00:00:00Z'), expiration: new Date('2026-02-01T00:00:00Z') };
const ALG = 13;

interface Zone { apex: Name; ksk: TestKey; zsk: TestKey }

function zone(apex: string): Zone {
  return { apex: Name.parse(apex), ksk: generateKey(ALG, { ksk: true }), zsk: generateKey(ALG) };
}

const rr = (line: string) => parseRR(line);
/** An RRset and its RRSIG by the zone's ZSK (`labels` to sign as a wildcard expansion). */
function signed(z: Zone, lines: string[], labels?: number): string[] {
  const set = lines.map(rr);
  return [...set.map(formatRR), formatRR(signRRset(set, z.zsk, { signer: z.apex, ...WINDOW, ...(labels !== undefined ? { labels } : {}) }))];
}
/** The same records with every owner replaced: what an attacker serves from a wildcard expansion. */
function moved(lines: string[], owner: string): string[] {
  return lines.map((l) => l.replace(/^\S+/, owner));
}
function keysInc(z: Zone): string {
  const keys: ResourceRecord[] = [z.ksk.dnskey(z.apex), z.zsk.dnskey(z.apex)];
  return [
    `; The DNSKEY RRset of ${z.apex} (KSK ${z.ksk.keyTag}, ZSK ${z.zsk.keyTag}, ECDSAP256SHA256) with its RRSIG by the KSK,`,
    '; made by test/support/make-signed-vectors.ts. Shared by the vectors of this folder through "; include:".',
    `;; RESPONSE ${z.apex} DNSKEY NOERROR`,
    ...keys.map(formatRR),
    formatRR(signRRset(keys, z.ksk, { signer: z.apex, ...WINDOW })),
  ].join('\n') + '\n';
}

function vector(file: string, z: Zone, head: { source: string; query: string; expect: string }, responses: { q: string; rcode: string; answer?: string[]; authority?: string[] }[]): void {
  vectorAt(OUT, file, z, head, responses);
}

function vectorAt(dir: URL, file: string, z: Zone, head: { source: string; query: string; expect: string }, responses: { q: string; rcode: string; answer?: string[]; authority?: string[] }[]): void {
  const lines = [
    `; source: ${head.source}`,
    `; now: ${NOW}`,
    `; anchor: ${formatRR(z.ksk.dnskey(z.apex))}`,
    '; include: keys.inc',
    `; query: ${head.query}`,
    `; expect: ${head.expect}`,
  ];
  for (const r of responses) {
    lines.push(`;; RESPONSE ${r.q} ${r.rcode}`);
    if (r.answer?.length) lines.push(';; ANSWER', ...r.answer);
    if (r.authority?.length) lines.push(';; AUTHORITY', ...r.authority);
  }
  writeFileSync(new URL(file, dir), `${lines.join('\n')}\n`);
}

// ---- NSEC zone example.: example. -> *.w.example. -> x.example. -> example. ---------------------
const z = zone('example.');
writeFileSync(new URL('keys.inc', OUT), keysInc(z));
const soa = signed(z, ['example. 3600 IN SOA ns.example. hostmaster.example. 1 3600 300 3600000 3600']);
const apexNsec = signed(z, ['example. 3600 IN NSEC *.w.example. NS SOA RRSIG NSEC DNSKEY']);
const wildNsec = signed(z, ['*.w.example. 3600 IN NSEC x.example. A RRSIG NSEC']);
const xNsec = signed(z, ['x.example. 3600 IN NSEC example. A RRSIG NSEC']);
const src = 'ours, made by test/support/make-signed-vectors.ts with the test signer: zone example. with *.w.example. A and x.example. A (NSEC)';

vector('nsec_nxdomain.zone', z, { source: `${src}; the NXDOMAIN for a.example. as the zone gives it`, query: 'a.example. A', expect: 'secure' },
  [{ q: 'a.example. A', rcode: 'NXDOMAIN', authority: [...soa, ...apexNsec] }]);
vector('nsec_wildcard_answer.zone', z, { source: `${src}; a.w.example. A expanded from *.w.example., with the NSEC that proves no closer match`, query: 'a.w.example. A', expect: 'secure' },
  [{ q: 'a.w.example. A', rcode: 'NOERROR', answer: signed(z, ['a.w.example. 3600 IN A 192.0.2.7'], 2), authority: wildNsec }]);
// The wildcard's own NSEC, served at an owner below the wildcard: its RRSIG (labels 2) still
// verifies as an expansion of *.w.example., but it authenticates *.w.example. only (invariant 5):
// moved to zz.w.example. it would "cover" x.example., which exists.
vector('nsec_wcexpanded_nsec_other_owner.zone', z, { source: `${src}; mutated: the NXDOMAIN for x.example. (which exists) made of the NSEC of *.w.example. moved to owner zz.w.example. (its RRSIG, labels 2, verifies as a wildcard expansion) and the apex NSEC for the wildcard`, query: 'x.example. A', expect: 'bogus denial-invalid' },
  [{ q: 'x.example. A', rcode: 'NXDOMAIN', authority: [...soa, ...moved(wildNsec, 'zz.w.example.'), ...apexNsec] }]);
vector('nsec_wcexpanded_nsec_nodata.zone', z, { source: `${src}; mutated: a NODATA for x.w.example. AAAA (the name exists by the wildcard) made of the NSEC of *.w.example. moved to owner x.w.example. (labels 2), used as if it were the NSEC of the name asked`, query: 'x.w.example. AAAA', expect: 'bogus denial-invalid' },
  [{ q: 'x.w.example. AAAA', rcode: 'NOERROR', authority: [...soa, ...moved(wildNsec, 'x.w.example.')] }]);
void xNsec;

// ---- NSEC3 zone example. at 200 iterations (RFC 9276 §3.2: above 150 a proof that holds is
// insecure; records that match or cover nothing prove nothing and are bogus, issue #11) ----------
const ITER = 200;
const SALT = 'aabbccdd';
const n3 = zone('example.');
const N3 = new URL('../signed-nsec3/', OUT);
const n3out = (file: string, text: string) => writeFileSync(new URL(file, N3), text);
n3out('keys.inc', keysInc(n3));
const h = (name: string) => nsec3Hash(name, SALT, ITER);
const [hApex, hX] = [h('example.'), h('x.example.')];
const n3soa = signed(n3, ['example. 3600 IN SOA ns.example. hostmaster.example. 1 3600 300 3600000 3600']);
const apexNsec3 = signed(n3, [`${hApex}.example. 3600 IN NSEC3 1 0 ${ITER} ${SALT} ${hX} NS SOA RRSIG DNSKEY NSEC3PARAM`]);
const xNsec3 = signed(n3, [`${hX}.example. 3600 IN NSEC3 1 0 ${ITER} ${SALT} ${hApex} A RRSIG`]);
const n3src = `ours, made by test/support/make-signed-vectors.ts with the test signer: zone example. with x.example. A, NSEC3 1 0 ${ITER} ${SALT} (two records, each covering half of the hash space)`;
const n3vector = (file: string, head: { source: string; query: string; expect: string }, responses: { q: string; rcode: string; answer?: string[]; authority?: string[] }[]) => {
  vectorAt(N3, file, n3, head, responses);
};
n3vector('iter200_nxdomain.zone', { source: `${n3src}; the NXDOMAIN for nope.example. with both records: the proof holds`, query: 'nope.example. A', expect: 'insecure nsec3-iterations' },
  [{ q: 'nope.example. A', rcode: 'NXDOMAIN', authority: [...n3soa, ...apexNsec3, ...xNsec3] }]);
n3vector('iter200_nxdomain_nomatch.zone', { source: `${n3src}; mutated: the NXDOMAIN for nope.example. with only the NSEC3 of x.example.: nothing matches the closest encloser example.`, query: 'nope.example. A', expect: 'bogus denial-invalid' },
  [{ q: 'nope.example. A', rcode: 'NXDOMAIN', authority: [...n3soa, ...xNsec3] }]);
n3vector('iter200_nodata.zone', { source: `${n3src}; the NODATA for x.example. TXT with the NSEC3 of x.example.: the proof holds`, query: 'x.example. TXT', expect: 'insecure nsec3-iterations' },
  [{ q: 'x.example. TXT', rcode: 'NOERROR', authority: [...n3soa, ...xNsec3] }]);
n3vector('iter200_nodata_nomatch.zone', { source: `${n3src}; mutated: the NODATA for x.example. TXT with only the NSEC3 of example., which does not match x.example.`, query: 'x.example. TXT', expect: 'bogus denial-invalid' },
  [{ q: 'x.example. TXT', rcode: 'NOERROR', authority: [...n3soa, ...apexNsec3] }]);

// ---- DNAME above the anchor: the anchor is a.example.; the upstream answers www.a.example. with
// an unsigned DNAME at example. (above the anchor, which nothing here can validate) and its
// synthesised CNAME. A name under the anchor is answered only by what a.example.'s keys sign. ----
const za = zone('a.example.');
const DN = new URL('../signed-dname/', OUT);
writeFileSync(new URL('keys.inc', DN), keysInc(za));
const dsrc = 'ours, made by test/support/make-signed-vectors.ts with the test signer: the trust anchor is zone a.example. (www.a.example. A 192.0.2.80)';
vectorAt(DN, 'www_a.zone', za, { source: `${dsrc}; the signed answer`, query: 'www.a.example. A', expect: 'secure' },
  [{ q: 'www.a.example. A', rcode: 'NOERROR', answer: signed(za, ['www.a.example. 3600 IN A 192.0.2.80']) }]);
vectorAt(DN, 'www_a_dname_above.zone', za, { source: `${dsrc}; mutated: an unsigned DNAME example. -> evil.test. above the anchor, its synthesised CNAME and the target's A`, query: 'www.a.example. A', expect: 'bogus unexpected-signer' },
  [{ q: 'www.a.example. A', rcode: 'NOERROR', answer: ['example. 3600 IN DNAME evil.test.', 'www.a.example. 3600 IN CNAME www.a.evil.test.', 'www.a.evil.test. 3600 IN A 192.0.2.66'] }]);
vectorAt(DN, 'www_a_dname_above_signed_cname.zone', za, { source: `${dsrc}; mutated: the unsigned DNAME example. -> evil.test. above the anchor with a CNAME that a.example.'s key did sign (a replayed CNAME): a DNAME owned above the anchor may not redirect names under it, signed CNAME or not`, query: 'www.a.example. A', expect: 'bogus unexpected-signer' },
  [{ q: 'www.a.example. A', rcode: 'NOERROR', answer: ['example. 3600 IN DNAME evil.test.', ...signed(za, ['www.a.example. 3600 IN CNAME www.a.evil.test.']), 'www.a.evil.test. 3600 IN A 192.0.2.66'] }]);

