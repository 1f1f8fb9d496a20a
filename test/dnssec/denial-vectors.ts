/**
 * The vector files of vectors/denial/: `; key: value` header lines (zone, query, proof,
 * closest-encloser, expect ...) then records in presentation form. Shared by the NSEC and NSEC3
 * proof tests, which run each vector through their module's proof functions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Name } from '../../src/dns/name.ts';
import { rrTypeFromString } from '../../src/dns/iana/rr-types.ts';
import { parseZone } from '../../src/dns/presentation.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import type { DenialResult } from '../../src/dnssec/denial.ts';
import type { DenialProofs } from '../../src/dnssec/denial-dispatch.ts';

export interface Vector {
  file: string;
  headers: Map<string, string>;
  records: ResourceRecord[];
}

/** A vector: `; key: value` header lines, then records in presentation form (parseZone). */
export function loadVector(dir: string, file: string): Vector {
  const text = readFileSync(join(dir, file), 'utf8');
  const headers = new Map<string, string>();
  for (const m of text.matchAll(/^;\s*([a-z-]+):\s*(.*)$/gm)) headers.set(m[1]!, m[2]!.trim());
  return { file, headers, records: parseZone(text) };
}

export function header(v: Vector, key: string): string {
  const value = v.headers.get(key);
  if (value === undefined) throw new Error(`${v.file}: missing header ${key}`);
  return value;
}

/** Runs the proof a vector names with the given proof functions (NSEC or NSEC3). */
export function runVector(v: Vector, proofs: DenialProofs): DenialResult {
  const zone = Name.parse(header(v, 'zone'));
  const [qnameText, qtypeText] = header(v, 'query').split(/\s+/);
  const qname = Name.parse(qnameText!);
  const qtype = rrTypeFromString(qtypeText!)!;
  switch (header(v, 'proof')) {
    case 'nxdomain':
      return proofs.proveNxDomain(qname, v.records, zone);
    case 'nodata':
      return proofs.proveNoData(qname, qtype, v.records, zone);
    case 'wildcard-nodata':
      return proofs.proveWildcardNoData(qname, qtype, v.records, zone);
    case 'wildcard-answer':
      return proofs.proveWildcardAnswer(qname, Name.parse(header(v, 'closest-encloser')), v.records, zone);
    case 'no-ds':
      return proofs.proveNoDs(qname, v.records, zone);
    default:
      throw new Error(`${v.file}: unknown proof ${header(v, 'proof')}`);
  }
}
