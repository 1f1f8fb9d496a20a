/**
 * The validator vectors (vectors/validator/): one lookup per `.zone` file, with its clock, trust
 * anchors and the responses a recursive resolver gives to every question the walk asks (see
 * vectors/validator/README.md). `; include:` pulls shared responses from a file of the same folder.
 */
import { dirname, posix } from 'node:path';
import { formatRR, parseZone } from '../dns/presentation.ts';
import type { LoadedKind, LoadFailure, RecordedResponseCase, ValidatorCase } from './case.ts';
import { parseExpectedStatus, parseQuery } from './headers.ts';
import { listVectorFiles, readVectorFile } from './suite-files.ts';

const VALIDATOR_HEADERS = ['source', 'now', 'anchor', 'include', 'query', 'expect'];
/** Most `; include:` levels followed (an include may not include itself forever). */
export const MAX_INCLUDE_DEPTH = 4;

interface Draft {
  headers: Map<string, string[]>;
  responses: RecordedResponseCase[];
}

function parseInto(text: string, file: string, read: (path: string) => string, out: Draft, depth: number): void {
  if (depth > MAX_INCLUDE_DEPTH) throw new Error(`${file}: includes nested deeper than ${MAX_INCLUDE_DEPTH}`);
  let current: { name: string; type: string; rcode: string; answer: string[]; authority: string[] } | undefined;
  let section: 'answer' | 'authority' = 'answer';
  const flush = () => {
    if (!current) return;
    const records = (lines: string[]) => parseZone(lines.join('\n')).map(formatRR);
    out.responses.push({ name: current.name, type: current.type, rcode: current.rcode, answer: records(current.answer), authority: records(current.authority) });
  };
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    const marker = /^;;\s*(RESPONSE|ANSWER|AUTHORITY)\b\s*(.*)$/.exec(line);
    if (marker) {
      if (marker[1] === 'RESPONSE') {
        flush();
        const [name, type, rcode, ...rest] = marker[2]!.split(/\s+/);
        if (!name || !type || !rcode || rest.length) throw new Error(`${file}:${i + 1}: expected ";; RESPONSE <name> <type> <rcode>"`);
        current = { name, type: type.toUpperCase(), rcode: rcode.toUpperCase(), answer: [], authority: [] };
        section = 'answer';
      } else {
        section = marker[1] === 'ANSWER' ? 'answer' : 'authority';
      }
      continue;
    }
    const header = /^;\s*([a-z][a-z-]*):\s*(.*)$/.exec(line);
    if (header && !current) {
      const [, key, value] = header as unknown as [string, string, string];
      if (!VALIDATOR_HEADERS.includes(key)) throw new Error(`${file}: unknown header "; ${key}:" (this kind takes ${VALIDATOR_HEADERS.join(', ')})`);
      if (key === 'include') {
        const target = posix.normalize(posix.join(dirname(file), value.trim()));
        if (target.startsWith('..') || dirname(target) !== dirname(file)) throw new Error(`${file}: "; include:" names a file of the same folder, got ${JSON.stringify(value)}`);
        parseInto(read(target), target, read, out, depth + 1);
      } else {
        out.headers.set(key, [...(out.headers.get(key) ?? []), value.trim()]);
      }
      continue;
    }
    if (line === '' || line.startsWith(';')) continue;
    if (!current) throw new Error(`${file}:${i + 1}: a record before the first ";; RESPONSE" line`);
    current[section].push(raw);
  }
  flush();
}

/** One validator vector file as a case; `read(path)` gives an included file's text. @throws Error naming the file */
export function readValidatorCase(text: string, file: string, read: (path: string) => string): ValidatorCase {
  const draft: Draft = { headers: new Map(), responses: [] };
  parseInto(text, file, read, draft, 0);
  const one = (key: string): string => {
    const v = draft.headers.get(key);
    if (!v || v.length !== 1) throw new Error(`${file}: expected exactly one "; ${key}:" header`);
    return v[0]!;
  };
  const now = one('now');
  if (!/^\d{14}$/.test(now)) throw new Error(`${file}: "; now:" takes YYYYMMDDHHmmSS (UTC), got ${JSON.stringify(now)}`);
  const anchors = draft.headers.get('anchor') ?? [];
  if (anchors.length === 0) throw new Error(`${file}: no "; anchor:" header`);
  const seen = new Set<string>();
  for (const r of draft.responses) {
    const k = `${r.name.toLowerCase().replace(/\.?$/, '.')}|${r.type}`;
    if (seen.has(k)) throw new Error(`${file}: two recorded responses for ${r.name} ${r.type}`);
    seen.add(k);
  }
  return {
    id: file.replace(/\.zone$/, ''), kind: 'validator', file,
    source: (draft.headers.get('source') ?? []).join(' '),
    now,
    anchors: anchors.map((a) => formatRR(parseZone(a)[0]!)),
    query: parseQuery(one('query'), file),
    responses: draft.responses,
    expect: parseExpectedStatus(one('expect'), file),
  };
}

/** Every `.zone` file under vectors/validator/ (`.inc` files are read through `; include:`). */
export function loadValidatorCases(root: string): LoadedKind<ValidatorCase> {
  const failures: LoadFailure[] = [];
  const cases: ValidatorCase[] = [];
  for (const file of listVectorFiles(root, 'validator', '.zone')) {
    try {
      cases.push(readValidatorCase(readVectorFile(root, file), file, (path) => readVectorFile(root, path)));
    } catch (e) {
      failures.push({ id: file.replace(/\.zone$/, ''), kind: 'validator', file, reason: (e as Error).message });
    }
  }
  return { cases, failures };
}
