/**
 * `dane-verify <domain>` and `dane-verify --host <mx-host>`: the DANE verdict for a destination.
 * Exit codes: 0 every MX host authenticated, 1 DANE failed or bogus, 2 no DANE applies,
 * 3 temporary failure, 64 usage error.
 */
import { parseArgsExplained } from './suggest.ts';
import { verifyDane } from '../dane/verify.ts';
import { InvalidDomainError, parseDestination } from '../dane/destination.ts';
import { isUsageError, NETWORK_OPTIONS, networkOptions, positiveInt, UsageError } from './common-options.ts';
import { resultToJson, resultToText } from './report.ts';
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode, USAGE } from './usage.ts';
import { PLAIN, type Terminal } from './terminal.ts';
import { withStatusLine } from './status-line.ts';
import { buildValidator } from '../dane/validator-config.ts';
import type { LookupResult, Validator } from '../dnssec/validator.ts';
import { readInputFile } from './input-file.ts';

/** Most milliseconds --deadline may ask for (an hour). */
const MAX_DEADLINE_MS = 3_600_000;

export async function runCheckCommand(args: readonly string[], terminal: Terminal = PLAIN): Promise<CommandOutput> {
  try {
    const { values, positionals } = parseArgsExplained({
      args: [...args],
      options: {
        ...NETWORK_OPTIONS,
        host: { type: 'string' },
        port: { type: 'string' },
        'no-connect': { type: 'boolean' },
        'require-dane': { type: 'boolean' },
        'min-tls': { type: 'string' },
        deadline: { type: 'string' },
        graph: { type: 'string' },
        'mta-sts-ca': { type: 'string' },
        'mta-sts-port': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return { exitCode: ExitCode.OK, stdout: USAGE, stderr: '' };
    const host = values.host;
    const oneDestination = host === undefined ? positionals.length === 1 : positionals.length === 0;
    if (!oneDestination) {
      throw new UsageError('give exactly one destination: a domain, or --host <mx-host>');
    }
    const destination = host ?? positionals[0]!;
    // A mail address, a URL or a bad name throws InvalidDomainError (exit 64, below). U-labels are
    // taken (the library converts them again, and reports both forms).
    const parsed = parseDestination(destination, host === undefined ? 'domain' : 'host');
    // An address has no TLSA base domain (RFC 7672 §2.2.3). The library answers policy `none` for
    // it; on the command line it is more likely an MX host's address pasted for its name, and has
    // always been a usage error (docs/cli.md): kept.
    if (parsed.kind === 'address-literal') {
      throw new UsageError(`${JSON.stringify(destination)} is an IP address, which has no TLSA records: give a mail domain or an MX host name`);
    }
    const minTls = values['min-tls'];
    if (minTls !== undefined && !['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].includes(minTls)) throw new UsageError(`--min-tls expects TLSv1.2 or TLSv1.3 (or TLSv1, TLSv1.1), got ${JSON.stringify(minTls)}`);
    const o = await networkOptions(values);
    const port = positiveInt(values.port, 'port', 65535);
    const deadlineMs = positiveInt(values.deadline, 'deadline', MAX_DEADLINE_MS);
    const stsPort = positiveInt(values['mta-sts-port'], 'mta-sts-port', 65535);
    const stsCaFile = values['mta-sts-ca'];
    const stsCa = stsCaFile === undefined ? undefined : (await readInputFile(stsCaFile, '--mta-sts-ca')).toString('utf8');
    if (stsCa !== undefined && !stsCa.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--mta-sts-ca ${stsCaFile}: no PEM certificate in the file`);
    // --graph: the picture's module only when asked for (issue #19); a validator of this check
    // alone, made as verifyDane would make it, whose lookups are kept for the picture.
    const graph = values.graph === undefined ? undefined : await import('./graph/output.ts');
    const target = graph ? await graph.openGraphTarget(values.graph!) : undefined;
    let recorded: { validator: Validator; lookups: readonly LookupResult[] } | undefined;
    if (graph) {
      const { validator } = buildValidator({ ...(o.resolvers ? { resolvers: o.resolvers } : {}), ...(o.trustAnchors !== undefined ? { trustAnchors: o.trustAnchors } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
      recorded = { validator, lookups: graph.recordLookups(validator) };
    }
    // On a terminal, a status line says what a slow step waits for (never with --json).
    const result = await withStatusLine(o.json ? undefined : terminal.status, () => verifyDane(host ? { host } : destination, {
      ...(recorded ? { validator: recorded.validator } : {}),
      ...(o.resolvers ? { resolvers: o.resolvers } : {}),
      ...(o.trustAnchors !== undefined ? { trustAnchors: o.trustAnchors } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      ...(port ? { port } : {}),
      ...(deadlineMs ? { budget: { deadlineMs } } : {}),
      ...(minTls ? { minTlsVersion: minTls as 'TLSv1.2' } : {}),
      connect: values['no-connect'] !== true,
      requireDane: values['require-dane'] === true,
      tlsRpt: true, // the domain's TLS-RPT policy beside the verdict (RFC 8460 §3); not for --host
      // The domain's MTA-STS policy and which mechanism governs each host (RFC 8461 §2); not for --host.
      mtaSts: { ...(stsCa !== undefined ? { ca: stsCa } : {}), ...(stsPort ? { port: stsPort } : {}) },
    }));
    const stdout = o.json ? JSON.stringify(resultToJson(result, o.verbose), null, 2) + '\n' : resultToText(result, o.verbose, terminal.colour);
    const stderr = graph && target && recorded ? await graph.writeGraph(target, `${result.domain}: ${result.summary}`, recorded.lookups) : '';
    return { exitCode: result.exitCode, stdout, stderr };
  } catch (e) {
    // One line: the message already says what was given and what was expected.
    if (e instanceof InvalidDomainError) return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify: ${e.message}\n` };
    if (isUsageError(e)) {
      return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify: ${(e as Error).message}\n(see dane-verify --help)\n` };
    }
    throw e;
  }
}
