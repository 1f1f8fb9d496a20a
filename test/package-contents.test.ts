/**
 * What the published tarball holds (issue #14 item 7), as `npm pack --dry-run --json` lists it:
 * the built entry points and their types, the docs the README links to, the vectors, README and
 * LICENSE; no sources or tests; source maps that carry their sources (the tarball has no src/);
 * and no script that npm runs when a consumer installs the package.
 *
 * `--ignore-scripts`: prepack would wipe and rebuild dist/ under any other process using it; the
 * test builds dist/ itself (`npm run build`, as test/cli/cli.test.ts does) and lists what npm
 * would take from it.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDist } from './support/build-dist.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

interface PackageJson {
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  scripts: Record<string, string>;
  repository?: { url?: string };
  homepage?: string;
  bugs?: { url?: string };
}

/** Every file under `dir` (relative to the repository), sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(new URL(`../${dir}`, import.meta.url), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath.slice(root.length)}/${e.name}`.replace(/^\/+/, ''))
    .sort();
}

describe('package contents (npm pack --dry-run)', function () {
  this.timeout(120_000);
  const pkg = JSON.parse(read('package.json')) as PackageJson;
  let files: Set<string>;

  before(() => {
    buildDist();
    expect(existsSync(new URL('../dist/index.js', import.meta.url)), 'dist/ built').to.equal(true);
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [tarball] = JSON.parse(out) as [{ files: { path: string }[] }];
    files = new Set(tarball.files.map((f) => f.path));
  });

  it('holds every entry point, binary and type declaration that package.json names', () => {
    // Subpath patterns (`./schemas/*`) have their own test below.
    const exact = Object.entries(pkg.exports).filter(([k]) => !k.includes('*')).map(([, e]) => e);
    const named = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...exact.flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))];
    expect(named).to.include.members(['./dist/index.js', './dist/index.d.ts', './dist/cli/main.js']);
    for (const p of named) expect(files.has(p.replace(/^\.\//, '')), p).to.equal(true);
  });

  it('holds a .d.ts beside every entry point of dist/ (the shared chunks of the bundle have none: nothing imports them by name)', () => {
    const js = [...files].filter((f) => f.startsWith('dist/') && f.endsWith('.js'));
    const [chunks, entries] = [js.filter((f) => f.startsWith('dist/chunks/')), js.filter((f) => !f.startsWith('dist/chunks/'))];
    expect(entries).to.include.members(['dist/index.js', 'dist/limits.js', 'dist/testing/index.js', 'dist/cli/main.js', 'dist/dnssec/crypto/pure.js']);
    expect(chunks.length, 'the bundle is split').to.be.greaterThan(3);
    for (const f of entries) expect(files.has(f.replace(/\.js$/, '.d.ts')), f).to.equal(true);
    // Every declaration the entry points' declarations import is there too.
    expect([...files].filter((f) => f.endsWith('.d.ts')).length).to.be.greaterThan(50);
  });

  it('is a bundle: no module of src/ as a file of its own beyond the entry points', () => {
    const js = [...files].filter((f) => f.startsWith('dist/') && f.endsWith('.js') && !f.startsWith('dist/chunks/'));
    expect(js.length).to.be.lessThan(12);
  });

  it('holds docs/, vectors/, README.md and LICENSE whole', () => {
    for (const f of [...filesUnder('docs'), ...filesUnder('vectors'), 'README.md', 'LICENSE', 'package.json']) expect(files.has(f), f).to.equal(true);
  });

  it('ships schemas/ whole and exports each schema as dane-verify/schemas/<file>', async () => {
    expect(pkg.exports['./schemas/*']).to.equal('./schemas/*');
    const schemas = filesUnder('schemas');
    expect(schemas).to.include.members(['schemas/check-v1.schema.json', 'schemas/resolve-v1.schema.json', 'schemas/tlsa-v1.schema.json', 'schemas/rollover-v1.schema.json']);
    // The package's own name resolves through its exports from inside it, as from a consumer's code.
    const require = (await import('node:module')).createRequire(import.meta.url);
    for (const f of schemas) {
      expect(files.has(f), f).to.equal(true);
      expect(require.resolve(`dane-verify/${f}`), f).to.equal(`${root}${f}`);
    }
  });

  it('holds every file a relative link in README.md points to', () => {
    const links = [...read('README.md').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l));
    expect(links).to.include('docs/cli.md');
    for (const l of links) expect(files.has(l.replace(/^\.\//, '')), l).to.equal(true);
  });

  it('holds nothing but dist/, docs/, vectors/, schemas/, README.md, LICENSE and package.json (no src/, test/, bench/)', () => {
    const other = [...files].filter((f) => !/^(dist|docs|vectors|schemas)\//.test(f) && !['README.md', 'LICENSE', 'package.json'].includes(f));
    expect(other).to.deep.equal([]);
    expect([...files].filter((f) => /^(src|test|bench)\//.test(f) || f.endsWith('.test.ts'))).to.deep.equal([]);
  });

  it('ships source maps that carry their sources, since src/ is not in the tarball', () => {
    const maps = [...files].filter((f) => f.endsWith('.js.map'));
    expect(maps.length).to.equal([...files].filter((f) => f.endsWith('.js')).length);
    for (const m of maps) {
      const map = JSON.parse(read(m)) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(map.sourcesContent?.length, m).to.equal(map.sources.length);
      expect(map.sourcesContent!.every((s) => typeof s === 'string' && s.length > 0), m).to.equal(true);
    }
  });

  it('runs nothing when a consumer installs it: no install scripts, no binding.gyp; the build runs at pack time', () => {
    // npm 11 also counts `prepare` as an install script for a package from a tarball file or git,
    // and lists it for approval (allowScripts), though it runs it only for git.
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts, s).to.not.have.property(s);
    // npm runs `node-gyp rebuild` on install for a package with a binding.gyp and no install script.
    expect([...files].filter((f) => f.endsWith('binding.gyp'))).to.deep.equal([]);
    expect(pkg.scripts.prepack).to.equal('npm run build');
    // `npm ci` in the repository still builds dist/ (README: `npm ci && npm run demo`): npm runs the
    // root project's `dependencies` script after node_modules changed, and never a dependency's.
    expect(pkg.scripts.dependencies).to.equal('npm run build');
  });

  it('says where it comes from: repository, homepage and bugs', () => {
    expect(pkg.repository?.url).to.match(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
    expect(pkg.homepage).to.match(/^https:\/\//);
    expect(pkg.bugs?.url).to.match(/^https:\/\/.*\/issues$/);
  });
});
