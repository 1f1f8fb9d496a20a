/**
 * What importing the library and starting the CLI loads (issue #19): the heavy libraries (pkijs
 * and asn1js for DANE-TA, @noble for the pure crypto backend, ~200 ms together) and the test
 * world load only when something needs them. Checked by module, not by time (timing is
 * bench/startup.ts's job).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildDist } from './support/build-dist.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HEAVY = /\/node_modules\/(pkijs|asn1js|@noble|@viz-js)\/|\/src\/testing\/|\/src\/cli\/graph\/(model|dot|output)\.ts/;

/** The module URLs a node process loads running `code` (ESM, from the repository root, through tsx unless `built`). */
function loadsOf(code: string, built = false): string[] {
  const r = spawnSync(process.execPath, [...(built ? [] : ['--import', 'tsx']), '--import', './test/support/record-loads.mjs', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr.slice(-2000)).to.equal(0);
  return r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
}

describe('start-up: what an import loads', function () {
  this.timeout(120_000);

  it("import { verifyDane } from 'dane-verify' loads no pkijs, asn1js, @noble, node:tls or test world", () => {
    const loaded = loadsOf("const { verifyDane } = await import('./src/index.ts'); if (typeof verifyDane !== 'function') process.exit(1);");
    expect(loaded.some((u) => u.endsWith('/src/dane/verify.ts'))).to.equal(true);
    expect(loaded.filter((u) => HEAVY.test(u))).to.deep.equal([]);
    // node:tls (~10 ms) waits for the first handshake.
    expect(loaded.filter((u) => u === 'node:tls')).to.deep.equal([]);
  });

  it('the built package (the esbuild bundle in dist/) keeps the lazy parts lazy: few files, no pkijs, asn1js, @noble, node:tls or test world', () => {
    buildDist();
    const loaded = loadsOf("const { verifyDane } = await import('./dist/index.js'); if (typeof verifyDane !== 'function') process.exit(1);", true);
    const ours = loaded.filter((u) => u.includes('/dist/'));
    expect(ours.some((u) => u.endsWith('/dist/index.js'))).to.equal(true);
    // Before the bundle: ~100 files of our own, each paid for by the ES module loader. esbuild
    // splits shared code by the set of entry points (and import() sites) that reach it, so the
    // count moves with the entry points; what matters is far fewer than one per module.
    expect(ours.length).to.be.lessThan(40);
    expect(loaded.filter((u) => /\/dist\/mail-policy\//.test(u)), 'dane-verify/mail-policy is its own entry').to.deep.equal([]);
    expect(loaded.filter((u) => HEAVY.test(u) || /\/dist\/(testing|cli)\//.test(u) || u === 'node:tls')).to.deep.equal([]);
    const help = loadsOf("process.argv.splice(1, process.argv.length, 'dane-verify', '--version'); await import('./dist/cli/main.js');", true);
    expect(help.filter((u) => u.includes('/dist/')).length, help.join('\n')).to.be.lessThan(9);
  });

  it('the CLI with --help or --version loads no command module', () => {
    for (const arg of ['--help', '--version']) {
      const loaded = loadsOf(`const { runCli } = await import('./src/cli/run.ts'); const o = await runCli(['${arg}']); if (o.exitCode !== 0) process.exit(1);`);
      expect(loaded.filter((u) => /\/src\/(dnssec|dane|resolver|smtp|testing)\//.test(u) || HEAVY.test(u)), arg).to.deep.equal([]);
    }
  });

  it('a DANE-TA match loads pkijs when it needs it (and a DANE-EE match does not)', () => {
    const setup = `
      const { createTestChain } = await import('./src/testing/certs.ts');
      const { tlsaAssociation } = await import('./src/dane/tlsa.ts');
      const c = createTestChain({ leafCN: 'mx.example', leafDnsNames: ['mx.example'] });
      const { matchChain } = await import('./src/dane/match.ts');`;
    const run = (usage: 2 | 3) => loadsOf(`${setup}
      const der = ${usage === 3 ? 'c.leaf.der' : 'c.intermediate.der'};
      const r = await matchChain({ chain: [c.leaf.der, c.intermediate.der], records: [{ certUsage: ${usage}, selector: 1, matchingType: 1, certificateAssociationData: Buffer.from(tlsaAssociation(der, 1, 1), 'hex') }], referenceIdentifiers: ['mx.example'] });
      if (!r.ok) process.exit(1);`);
    // The test world itself loads pkijs to make certificates, so what tells is whether the DANE-TA
    // modules of dane/ were loaded.
    expect(run(3).filter((u) => /\/src\/dane\/(chain|cert-names)\.ts/.test(u))).to.deep.equal([]);
    expect(run(2).filter((u) => /\/src\/dane\/(chain|cert-names)\.ts/.test(u))).to.have.length(2);
  });

  it('a scan loads BullMQ and ioredis only for --queue or --redis (a list of bad lines checks nothing)', () => {
    const scan = (extra: string) => loadsOf(`
      const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
      const dir = mkdtempSync('/tmp/dane-verify-scan-loads-');
      writeFileSync(dir + '/list', 'user@example.com\\n');
      const { runCli } = await import('./src/cli/run.ts');
      const o = await runCli(['scan', dir + '/list', '--out', dir + '/out', '--resolver', '127.0.0.1:9'${extra}]);
      rmSync(dir, { recursive: true, force: true });
      process.stdout.write(String(o.exitCode));`);
    const plain = scan('');
    expect(plain.some((u) => u.endsWith('/src/cli/scan-command.ts'))).to.equal(true);
    expect(plain.filter((u) => /\/node_modules\/(bullmq|ioredis)\//.test(u))).to.deep.equal([]);
    // --queue to a port nothing listens on: ioredis is loaded to try (BullMQ only once connected).
    const queued = scan(", '--queue', 'redis://127.0.0.1:9/0'");
    expect(queued.some((u) => /\/node_modules\/ioredis\//.test(u))).to.equal(true);
  });
});
