/**
 * The denial vectors (vectors/denial/): one proof question per `.zone` file, NSEC or NSEC3 records
 * whose signatures are taken as verified, and the status the proof must reach (see
 * vectors/denial/README.md for the headers).
 */
import { formatRR, parseZone } from '../dns/presentation.ts';
import type { DenialCase, DenialProofKind, LoadedKind, LoadFailure } from './case.ts';
import { oneHeader, optionalHeader, parseExpectedStatus, parseQuery, readHeaders } from './headers.ts';
import { listVectorFiles, readVectorFile } from './suite-files.ts';

const DENIAL_HEADERS = ['source', 'zone', 'query', 'proof', 'closest-encloser', 'kind', 'hashes', 'expect'];
const PROOFS: readonly DenialProofKind[] = ['nxdomain', 'nodata', 'wildcard-nodata', 'wildcard-answer', 'no-ds'];

/** One denial vector file as a case. @throws Error naming the file */
export function readDenialCase(text: string, file: string): DenialCase {
  const h = readHeaders(text, file, DENIAL_HEADERS);
  const proof = oneHeader(h, 'proof', file) as DenialProofKind;
  if (!PROOFS.includes(proof)) throw new Error(`${file}: "; proof:" takes one of ${PROOFS.join(', ')}, got ${JSON.stringify(proof)}`);
  const ce = optionalHeader(h, 'closest-encloser', file);
  if (proof === 'wildcard-answer' && ce === undefined) throw new Error(`${file}: a wildcard-answer proof needs "; closest-encloser:" (the encloser the RRSIG labels give)`);
  const hashes = optionalHeader(h, 'hashes', file);
  if (hashes !== undefined && !/^\d+$/.test(hashes)) throw new Error(`${file}: "; hashes:" takes a count, got ${JSON.stringify(hashes)}`);
  const proofKind = optionalHeader(h, 'kind', file);
  return {
    id: file.replace(/\.zone$/, ''), kind: 'denial', file,
    source: (h.get('source') ?? []).join(' '),
    zone: oneHeader(h, 'zone', file),
    query: parseQuery(oneHeader(h, 'query', file), file),
    proof,
    ...(proof === 'wildcard-answer' ? { closestEncloser: ce! } : {}),
    records: parseZone(text).map(formatRR),
    expect: {
      ...parseExpectedStatus(oneHeader(h, 'expect', file), file),
      ...(proof !== 'wildcard-answer' && ce !== undefined ? { closestEncloser: ce } : {}),
      ...(proofKind !== undefined ? { proofKind } : {}),
      ...(hashes !== undefined ? { hashes: Number(hashes) } : {}),
    },
  };
}

/** Every `.zone` file under vectors/denial/. */
export function loadDenialCases(root: string): LoadedKind<DenialCase> {
  const failures: LoadFailure[] = [];
  const cases: DenialCase[] = [];
  for (const file of listVectorFiles(root, 'denial', '.zone')) {
    try {
      cases.push(readDenialCase(readVectorFile(root, file), file));
    } catch (e) {
      failures.push({ id: file.replace(/\.zone$/, ''), kind: 'denial', file, reason: (e as Error).message });
    }
  }
  return { cases, failures };
}
