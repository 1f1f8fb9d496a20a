/**
 * The crypto vectors (vectors/crypto/): DS digests and RRSIGs from the `*.zone` files, NSEC3 owner
 * hashes from the JSON tables. Each RRSIG also gives a negative twin (`#...-sigflip`, one bit of
 * the signature flipped, which must not verify), so an implementation that says "valid" to every
 * question cannot pass.
 */
import { formatRR, parseZone } from '../dns/presentation.ts';
import { createRR } from '../dns/rdata/index.ts';
import { RRType, rrTypeToString } from '../dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../dns/record.ts';
import { toHex } from '../dns/encoding.ts';
import { keyTag } from '../dnssec/keytag.ts';
import type { DsCase, LoadedKind, LoadFailure, Nsec3HashCase, RrsigCase } from './case.ts';
import { optionalHeader, readHeaders } from './headers.ts';
import { listVectorFiles, readVectorFile } from './suite-files.ts';

const CRYPTO_HEADERS = ['source', 'now', 'expect'];

interface ZoneFile {
  file: string;
  source: string;
  now: string | undefined;
  records: ResourceRecord[];
}

function readZoneFiles(root: string, kind: 'ds' | 'rrsig', failures: LoadFailure[]): ZoneFile[] {
  const out: ZoneFile[] = [];
  for (const file of listVectorFiles(root, 'crypto', '.zone')) {
    try {
      const text = readVectorFile(root, file);
      const h = readHeaders(text, file, CRYPTO_HEADERS);
      const now = optionalHeader(h, 'now', file);
      if (now !== undefined && !/^\d{14}$/.test(now)) throw new Error(`${file}: "; now:" takes YYYYMMDDHHmmSS, got ${JSON.stringify(now)}`);
      out.push({ file, source: (h.get('source') ?? []).join(' '), now, records: parseZone(text) });
    } catch (e) {
      failures.push({ id: file.replace(/\.zone$/, ''), kind, file, reason: (e as Error).message });
    }
  }
  return out;
}

/** Every DS of a crypto file whose DNSKEY (same owner, algorithm and key tag) is in the file. */
export function loadDsCases(root: string): LoadedKind<DsCase> {
  const failures: LoadFailure[] = [];
  const cases: DsCase[] = [];
  for (const z of readZoneFiles(root, 'ds', failures)) {
    const keys = z.records.filter((r): r is RecordOf<typeof RRType.DNSKEY> => r.type === RRType.DNSKEY);
    for (const r of z.records) {
      if (r.type !== RRType.DS) continue;
      const ds = r as RecordOf<typeof RRType.DS>;
      const key = keys.find((k) => k.name.equals(ds.name) && k.data.algorithm === ds.data.algorithm && keyTag(k.rdata) === ds.data.keyTag);
      if (!key) continue; // a DS of another zone: signed data, not a digest vector
      cases.push({
        id: `${z.file.replace(/\.zone$/, '')}#ds-${ds.data.keyTag}-${ds.data.digestType}`,
        kind: 'ds', file: z.file, source: z.source,
        dnskey: formatRR(key), digestType: ds.data.digestType,
        expect: { digest: toHex(ds.data.digest) },
      });
    }
  }
  return { cases, failures };
}

/** Every RRSIG of a crypto file with its RRset and the file's DNSKEYs, and its bit-flipped twin. */
export function loadRrsigCases(root: string): LoadedKind<RrsigCase> {
  const failures: LoadFailure[] = [];
  const cases: RrsigCase[] = [];
  for (const z of readZoneFiles(root, 'rrsig', failures)) {
    const sigs = z.records.filter((r): r is RecordOf<typeof RRType.RRSIG> => r.type === RRType.RRSIG);
    if (sigs.length > 0 && z.now === undefined) {
      failures.push({ id: z.file.replace(/\.zone$/, ''), kind: 'rrsig', file: z.file, reason: `${z.file}: RRSIGs without a "; now:" header (the vector's clock)` });
      continue;
    }
    const keys = z.records.filter((r) => r.type === RRType.DNSKEY).map(formatRR);
    for (const sig of sigs) {
      const d = sig.data;
      const rrset = z.records.filter((r) => r.type === d.typeCovered && r.name.equals(sig.name)).map(formatRR);
      const id = `${z.file.replace(/\.zone$/, '')}#${sig.name.toString().replace(/\.$/, '') || '.'}-${rrTypeToString(d.typeCovered)}-${d.keyTag}`;
      const base = { kind: 'rrsig' as const, file: z.file, source: z.source, now: z.now!, rrset, keys };
      cases.push({ ...base, id, rrsig: formatRR(sig), expect: { valid: true } });
      const signature = d.signature.slice();
      const i = signature.length >> 1;
      signature[i] = signature[i]! ^ 0x01;
      const flipped = createRR({ name: sig.name, type: RRType.RRSIG, class: sig.class, ttl: sig.ttl, data: { ...d, signature } });
      cases.push({ ...base, id: `${id}-sigflip`, source: `${z.source}; mutated: one bit of the signature flipped`, rrsig: formatRR(flipped), expect: { valid: false } });
    }
  }
  return { cases, failures };
}

interface HashTable {
  source: string;
  hashAlgorithm: number;
  saltHex: string;
  iterations: number;
  hashes: [string, string][];
}

/** The NSEC3 hash tables (`crypto/*-hashes.json`). */
export function loadNsec3HashCases(root: string): LoadedKind<Nsec3HashCase> {
  const failures: LoadFailure[] = [];
  const cases: Nsec3HashCase[] = [];
  for (const file of listVectorFiles(root, 'crypto', '-hashes.json')) {
    const stem = file.replace(/\.json$/, '');
    try {
      const t = JSON.parse(readVectorFile(root, file)) as HashTable;
      if (!Array.isArray(t.hashes)) throw new Error(`${file}: expected a "hashes" array of [name, hash] pairs`);
      for (const pair of t.hashes) {
        if (!Array.isArray(pair) || pair.length !== 2) throw new Error(`${file}: expected [name, hash], got ${JSON.stringify(pair)}`);
        const [name, hash] = pair;
        cases.push({ id: `${stem}#${name}`, kind: 'nsec3-hash', file, source: t.source, name, hashAlgorithm: t.hashAlgorithm, saltHex: t.saltHex, iterations: t.iterations, expect: { hash } });
      }
    } catch (e) {
      failures.push({ id: stem, kind: 'nsec3-hash', file, reason: (e as Error).message });
    }
  }
  return { cases, failures };
}
