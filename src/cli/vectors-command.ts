/**
 * `dane-verify vectors [--kind K]... [--json] [--no-sha1] [--dir DIR] [--adapter CMD] [-v]`: runs
 * the conformance suite shipped in the package's vectors/ folder against this package (or, with
 * `--adapter`, against another implementation; vectors/README.md gives the protocol) and prints
 * pass/fail per kind with the failing ids. A check of the platform (Node, its OpenSSL) for CI.
 * Exit codes: 0 every vector passed (skipped ones do not fail), 1 a vector failed, 64 usage error.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgsExplained } from './suggest.ts';
import { isUsageError, UsageError } from './common-options.ts';
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode } from './usage.ts';
import { terminalSafe } from './terminal-text.ts';
import { packageVersion } from '../package-files.ts';
import { VECTOR_KINDS, type VectorKind } from '../vectors/case.ts';
import { parseAdapterCommand } from '../vectors/adapter-process.ts';
import { runSuite } from '../vectors/run-suite.ts';
import { formatSuiteReport } from '../vectors/report-text.ts';

const USAGE = `usage: dane-verify vectors [--kind K]... [--json] [--no-sha1] [--dir DIR] [--adapter CMD] [-v]
  --kind K       run only this kind (repeatable): ${VECTOR_KINDS.join(', ')}
  --json         the report as JSON (schema: vectors/schemas/run-report.schema.json)
  --no-sha1      set aside vectors signed with RSASHA1 / RSASHA1-NSEC3-SHA1 (RFC 8624), as skipped
  --dir DIR      another vectors/ folder (default: the one shipped with this package)
  --adapter CMD  check another implementation: a command that answers one vector per run
                 (JSON on stdin and stdout; see vectors/README.md), split at spaces, no shell
  -v, --verbose  list every skipped vector with its reason
`;

const OPTIONS = {
  kind: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  'no-sha1': { type: 'boolean' },
  dir: { type: 'string' },
  adapter: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runVectorsCommand(args: readonly string[]): Promise<CommandOutput> {
  try {
    const { values, positionals } = parseArgsExplained({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help) return { exitCode: ExitCode.OK, stdout: USAGE, stderr: '' };
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const kinds = (values.kind ?? []).map((k) => {
      if (!(VECTOR_KINDS as readonly string[]).includes(k)) throw new UsageError(`unknown kind ${JSON.stringify(k)} (kinds: ${VECTOR_KINDS.join(', ')})`);
      return k as VectorKind;
    });
    let dir: string | undefined;
    if (values.dir !== undefined) {
      dir = resolve(values.dir);
      let isDir = false;
      try {
        isDir = statSync(dir).isDirectory();
      } catch {
        // reported below
      }
      if (!isDir) throw new UsageError(`--dir ${values.dir}: not a folder`);
    }
    if (values.adapter !== undefined && values.adapter.trim() === '') throw new UsageError('--adapter needs a command');
    const adapter = values.adapter !== undefined ? parseAdapterCommand(values.adapter) : undefined;
    const report = await runSuite({
      ...(dir ? { dir } : {}),
      ...(kinds.length ? { kinds } : {}),
      ...(adapter ? { adapter } : {}),
      ...(values['no-sha1'] ? { policy: { allowSha1: false } } : {}),
      implementation: values.adapter !== undefined ? `adapter: ${values.adapter}` : `dane-verify ${packageVersion()} (Node ${process.versions.node}, OpenSSL ${process.versions.openssl})`,
    });
    const stdout = values.json ? `${JSON.stringify(report, null, 2)}\n` : terminalSafe(formatSuiteReport(report, values.verbose === true));
    return { exitCode: report.passed ? ExitCode.OK : ExitCode.FAILED, stdout, stderr: '' };
  } catch (e) {
    if (isUsageError(e)) {
      return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify vectors: ${(e as Error).message}\n${USAGE}` };
    }
    throw e;
  }
}
