/**
 * The vector files of vectors/denial/: `; key: value` header lines (zone, query, proof,
 * closest-encloser, expect ...) then records in presentation form. Shared by the NSEC and NSEC3
 * proof tests, which run each vector through their module's proof functions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
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

/**
 * One mocha test per vector file of `dir`: the proof's status and code as the `expect` header
 * says, and the `hashes`, `closest-encloser` and `kind` headers where a vector has them; every
 * record a secure proof names must be one of the vector's records.
 */
export function describeVectors(dir: string, proofs: DenialProofs, minimum: number): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.zone')).sort();
  it('has the vectors', () => {
    expect(files.length).to.be.greaterThan(minimum);
  });
  for (const file of files) {
    const v = loadVector(dir, file);
    it(`${file}: ${header(v, 'proof')} for ${header(v, 'query')} is ${header(v, 'expect')}`, () => {
      const [status, code] = header(v, 'expect').split(/\s+/);
      const r = runVector(v, proofs);
      expect(r.status, r.status === 'secure' ? '' : `${r.code}: ${r.reason}`).to.equal(status);
      const hashes = v.headers.get('hashes');
      if (hashes !== undefined) expect(r.hashes).to.equal(Number(hashes));
      const ce = v.headers.get('closest-encloser');
      if (r.status === 'secure') {
        expect(r.ok).to.equal(true);
        if (ce !== undefined) expect(r.proof.closestEncloser?.toString()).to.equal(ce);
        const kind = v.headers.get('kind');
        if (kind !== undefined) expect(r.proof.kind).to.equal(kind);
        for (const step of r.proof.steps) expect(v.records).to.include(step.record);
      } else {
        expect(r.ok).to.equal(false);
        expect(r.code).to.equal(code);
        expect(r.reason).to.be.a('string').and.not.equal('');
        if (r.status === 'insecure' && r.code === 'nsec3-opt-out' && ce !== undefined) {
          expect(r.proof?.closestEncloser?.toString()).to.equal(ce);
        }
      }
    });
  }
}
