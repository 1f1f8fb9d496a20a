/**
 * The Japanese documentation keeps step with the English one (issue #15): every page of docs/ has
 * its page of the same name in docs/ja/ and the other way round, docs/ja/README.md (the index)
 * links every Japanese page, README.md links the index, and the commands in the fenced code blocks
 * of each pair are the same set in both languages (what a command is: test/support/fenced-commands.ts).
 *
 * The check is a function of a docs folder, so that the negative cases run it on a mutated copy.
 */
import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fencedCommands } from './support/fenced-commands.ts';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
/** The index of docs/ja/: it has no English page of its own (the English index is README.md). */
const INDEX = 'README.md';

const mdFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : []);

/** What is out of step between `docs` and `docs/ja` (and the `readme` link to the index), in words; empty when nothing is. */
function docsOutOfStep(docs: string, readme: string): string[] {
  const problems: string[] = [];
  const ja = join(docs, 'ja');
  const en = mdFiles(docs);
  const jp = mdFiles(ja).filter((f) => f !== INDEX);
  for (const f of en) if (!jp.includes(f)) problems.push(`docs/ja/${f} is missing (the Japanese page of docs/${f})`);
  for (const f of jp) if (!en.includes(f)) problems.push(`docs/ja/${f} has no English page docs/${f}`);
  const index = existsSync(join(ja, INDEX)) ? readFileSync(join(ja, INDEX), 'utf8') : undefined;
  if (index === undefined) problems.push(`docs/ja/${INDEX} (the index of the Japanese pages) is missing`);
  else for (const f of jp) if (!index.includes(`](${f})`)) problems.push(`docs/ja/${INDEX} does not link ${f}`);
  if (!readFileSync(readme, 'utf8').includes(`](docs/ja/${INDEX})`)) problems.push(`README.md does not link docs/ja/${INDEX}`);
  for (const f of en.filter((x) => jp.includes(x))) {
    const a = new Set(fencedCommands(readFileSync(join(docs, f), 'utf8')));
    const b = new Set(fencedCommands(readFileSync(join(ja, f), 'utf8')));
    for (const c of a) if (!b.has(c)) problems.push(`docs/ja/${f} lacks the command of docs/${f}: ${c}`);
    for (const c of b) if (!a.has(c)) problems.push(`docs/${f} lacks the command of docs/ja/${f}: ${c}`);
  }
  return problems;
}

describe('docs/ja keeps step with docs/', () => {
  it('every English page has its Japanese page, with the same commands; the index and README link them', () => {
    expect(docsOutOfStep(DOCS, README)).to.deep.equal([]);
    // Not vacuous: the pages hold commands, and the recipe page has its pair.
    expect(mdFiles(DOCS)).to.include.members(['cli.md', 'recipe.md', 'publishing-tlsa.md']);
    expect(fencedCommands(readFileSync(join(DOCS, 'ja', 'recipe.md'), 'utf8'))).to.include.members([
      'dane-verify tlsa --cert cert.pem --host mx1.example.net',
      'openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256',
      'dane-verify rollover mx1.example.net --next next.pem',
    ]);
  });

  it('reads commands from fenced blocks only, without prompts, comments or description columns', () => {
    const md = [
      'dane-verify outside a block',
      '```sh',
      '$ dane-verify example.net    # 説明',
      'dane-verify <domain> [options]            check a domain',
      '  openssl dgst -sha256',
      '  openssl x509 -noout\t-pubkey # a comment',
      '$ npm run demo',
      'example.net.: DANE authenticated',
      '```',
      '~~~',
      'dane-verify tlsa --cert cert.pem',
      '~~~',
      'openssl after the block',
    ].join('\n');
    expect(fencedCommands(md)).to.deep.equal(['dane-verify example.net', 'dane-verify <domain> [options]', 'openssl dgst -sha256', 'openssl x509 -noout -pubkey', 'npm run demo', 'dane-verify tlsa --cert cert.pem']);
  });

  describe('fails when the two fall out of step (on a copy of docs/)', () => {
    let dir: string;
    let docs: string;
    let readme: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'dane-verify-docs-ja-'));
      docs = join(dir, 'docs');
      cpSync(DOCS, docs, { recursive: true });
      readme = join(dir, 'README.md');
      cpSync(README, readme);
      expect(docsOutOfStep(docs, readme)).to.deep.equal([]);
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('a Japanese page missing', () => {
      unlinkSync(join(docs, 'ja', 'haraka.md'));
      expect(docsOutOfStep(docs, readme)).to.deep.equal(['docs/ja/haraka.md is missing (the Japanese page of docs/haraka.md)']);
    });

    it('an English page without its Japanese page, and a Japanese page without its English one', () => {
      writeFileSync(join(docs, 'new-guide.md'), '# New\n');
      writeFileSync(join(docs, 'ja', 'orphan.md'), '# 孤立\n');
      expect(docsOutOfStep(docs, readme)).to.have.members([
        'docs/ja/new-guide.md is missing (the Japanese page of docs/new-guide.md)',
        'docs/ja/orphan.md has no English page docs/orphan.md',
        'docs/ja/README.md does not link orphan.md',
      ]);
    });

    it('a command missing from the Japanese page', () => {
      const p = join(docs, 'ja', 'recipe.md');
      const text = readFileSync(p, 'utf8');
      const line = 'dane-verify rollover mx1.example.net --next next.pem\n';
      expect(text).to.contain(line);
      writeFileSync(p, text.replace(line, ''));
      expect(docsOutOfStep(docs, readme)).to.deep.equal(['docs/ja/recipe.md lacks the command of docs/recipe.md: dane-verify rollover mx1.example.net --next next.pem']);
    });

    it('a command that differs in one argument', () => {
      const p = join(docs, 'ja', 'recipe.md');
      const text = readFileSync(p, 'utf8');
      writeFileSync(p, text.replace('| openssl pkey -pubin -outform DER |', '| openssl rsa -pubin -outform DER |').replace('openssl pkey -in next.key', 'openssl rsa -in next.key'));
      const problems = docsOutOfStep(docs, readme);
      expect(problems).to.include('docs/ja/recipe.md lacks the command of docs/recipe.md: openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256');
      expect(problems).to.include('docs/recipe.md lacks the command of docs/ja/recipe.md: openssl rsa -in next.key -pubout -outform DER | openssl dgst -sha256');
    });

    it('the index or the README link missing', () => {
      rmSync(join(docs, 'ja', INDEX));
      writeFileSync(readme, readFileSync(readme, 'utf8').replaceAll('](docs/ja/README.md)', ']()'));
      expect(docsOutOfStep(docs, readme)).to.deep.equal(['docs/ja/README.md (the index of the Japanese pages) is missing', 'README.md does not link docs/ja/README.md']);
    });
  });
});
