/**
 * The presentation round trips (vectors/dns/presentation/*.txt): blocks separated by blank lines,
 * each a record as written in a zone file and a last line `=> <text>`, the one line it prints as.
 */
import type { LoadedKind, LoadFailure, PresentationCase } from './case.ts';
import { listVectorFiles, readVectorFile } from './suite-files.ts';

/** Every block of every presentation file. */
export function loadPresentationCases(root: string): LoadedKind<PresentationCase> {
  const failures: LoadFailure[] = [];
  const cases: PresentationCase[] = [];
  for (const file of listVectorFiles(root, 'dns/presentation', '.txt')) {
    const stem = file.replace(/\.txt$/, '');
    try {
      const text = readVectorFile(root, file);
      const header = /^(?:;.*\n)+/.exec(text)?.[0] ?? '';
      const source = header.split('\n').map((l) => l.replace(/^;\s?/, '')).join(' ').replace(/\s+/g, ' ').trim();
      let line = 1;
      for (const block of text.split(/\n[ \t]*\n/)) {
        const at = line;
        line += block.split('\n').length + 1;
        const body = block.split('\n').filter((l) => !/^\s*;/.test(l)).join('\n').trim();
        if (!body) continue;
        const arrow = body.lastIndexOf('\n=> ');
        if (arrow < 0) throw new Error(`${file}:${at}: a block without its "=> " line`);
        cases.push({ id: `${stem}#${at}`, kind: 'presentation', file, source, input: body.slice(0, arrow), expect: { text: body.slice(arrow + 4) } });
      }
    } catch (e) {
      failures.push({ id: stem, kind: 'presentation', file, reason: (e as Error).message });
    }
  }
  return { cases, failures };
}
