/** Reads the cases of each vector kind from a suite folder. */
import type { LoadedKind, VectorCase, VectorKind } from './case.ts';
import { loadDsCases, loadNsec3HashCases, loadRrsigCases } from './load-crypto.ts';
import { loadDenialCases } from './load-denial.ts';
import { loadPresentationCases } from './load-presentation.ts';
import { loadValidatorCases } from './load-validator.ts';

const LOADERS: Readonly<Record<VectorKind, (root: string) => LoadedKind>> = {
  ds: loadDsCases,
  rrsig: loadRrsigCases,
  'nsec3-hash': loadNsec3HashCases,
  denial: loadDenialCases,
  validator: loadValidatorCases,
  presentation: loadPresentationCases,
};

/** The cases of `kind` under `root` (a vectors/ folder), and the files that did not load. */
export function loadKind(root: string, kind: VectorKind): LoadedKind<VectorCase> {
  return LOADERS[kind](root);
}
