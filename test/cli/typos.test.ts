/**
 * Mistyped options and commands get a suggestion (issue #15, item 6), still exit 64 in one line;
 * an unknown word that is not near any name gets none, and a real domain is never taken for a typo.
 */
import { expect } from 'chai';
import { runCli } from '../../src/cli/run.ts';
import { closest } from '../../src/cli/suggest.ts';

describe('dane-verify CLI: typos', () => {
  it('suggests the closest option of the command', async () => {
    for (const [argv, hint] of [
      [['example.com', '--jsn'], 'unknown option --jsn (did you mean --json?)'],
      [['resolve', 'example.com', 'A', '--resolvr', '127.0.0.1'], 'unknown option --resolvr (did you mean --resolver?)'],
      [['rollover', 'mx.example.com', '--nxt', 'x.pem'], 'unknown option --nxt (did you mean --next?)'],
      [['example.com', '--no-conect'], 'unknown option --no-conect (did you mean --no-connect?)'],
    ] as const) {
      const r = await runCli(argv);
      expect(r.exitCode, argv.join(' ')).to.equal(64);
      expect(r.stderr).to.contain(hint);
    }
  });

  it('an option near nothing gets no suggestion', async () => {
    const r = await runCli(['example.com', '--bogusoption']);
    expect(r.exitCode).to.equal(64);
    expect(r.stderr).to.contain('unknown option --bogusoption');
    expect(r.stderr).to.not.contain('did you mean');
  });

  it('suggests a command for a near miss without a dot; a domain is never a typo', async () => {
    const r = await runCli(['tlsaa', '--cert', 'x.pem']);
    expect(r.exitCode).to.equal(64);
    expect(r.stderr).to.contain('unknown command "tlsaa" (did you mean tlsa?)');
    expect(closest('tlsa.example', ['tlsa', 'resolve'])).to.equal(undefined);
    expect(closest('resolv', ['tlsa', 'resolve', 'rollover', 'demo'])).to.equal('resolve');
    expect(closest('xyz', ['tlsa', 'resolve', 'rollover', 'demo'])).to.equal(undefined);
  });
});

describe('dane-verify demo: arguments', () => {
  it('demo --help prints its usage instead of running the demo; an unknown argument is exit 64', async () => {
    const help = await runCli(['demo', '--help']);
    expect(help.exitCode).to.equal(0);
    expect(help.stdout).to.match(/^usage: dane-verify demo \[--json \| --serve\]/);
    const bad = await runCli(['demo', '--serve-forever']);
    expect(bad.exitCode).to.equal(64);
    expect(bad.stderr).to.contain('unknown argument "--serve-forever"');
  });
});
