/**
 * `dane-verify resolve <name> <type>`: a validated lookup, like BIND's `delv`. Prints the status,
 * the records and, with `-v`, the chain of trust and every reason.
 * Exit codes: 0 secure, 1 bogus, 2 insecure, 3 indeterminate, 64 usage error.
 */
import { parseArgsExplained } from './suggest.ts';
import { rrTypeFromString, rrTypeToString } from '../dns/iana/rr-types.ts';
import { formatRR } from '../dns/presentation.ts';
import { Validator, type LookupResult } from '../dnssec/validator.ts';
import { StubResolver } from '../resolver/stub.ts';
import type { SecurityStatus } from '../dnssec/status.ts';
import { isUsageError, nameArg, NETWORK_OPTIONS, networkOptions, UsageError } from './common-options.ts';
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode } from './usage.ts';
import { terminalSafe } from './terminal-text.ts';
import { chainLinkText } from './chain-text.ts';
import { paint, PLAIN, type Colour, type Terminal } from './terminal.ts';
import { withStatusLine } from './status-line.ts';

const USAGE = 'usage: dane-verify resolve <name> <type> [--json] [-v] [--graph file.svg|file.dot] [--resolver addr[:port]]... [--trust-anchor file] [--timeout ms]\n';

export const RESOLVE_EXIT: Readonly<Record<SecurityStatus, number>> = Object.freeze({ secure: 0, bogus: 1, insecure: 2, indeterminate: 3 });

/** JSON schema version of `resolve --json` (schemas/resolve-v1.schema.json); bump on any incompatible change. */
export const RESOLVE_SCHEMA_VERSION = 1;

/** The JSON form of a lookup result (documented in docs/cli.md). */
export function lookupToJson(r: LookupResult): Record<string, unknown> {
  return {
    schema: RESOLVE_SCHEMA_VERSION,
    name: r.name.toString(),
    type: rrTypeToString(r.type),
    status: r.status,
    kind: r.kind,
    records: r.rrset.map((rr) => formatRR(rr)),
    rrsigs: r.rrsigs.map((rr) => formatRR(rr)),
    aliases: r.aliases.map((rr) => formatRR(rr)),
    chain: r.chain,
    reason: r.reason,
    reasons: r.reasons,
  };
}

const HEADLINE: Record<SecurityStatus, string> = {
  secure: 'fully validated',
  insecure: 'unsigned answer (insecure)',
  bogus: 'validation failed (bogus)',
  indeterminate: 'resolution failed (indeterminate)',
};

const STATUS_COLOUR: Record<LookupResult['status'], Colour> = { secure: 'green', insecure: 'yellow', bogus: 'red', indeterminate: 'yellow' };

/**
 * The text form, terminal-safe; with `colour`, the status line (our own words only) in colour.
 */
export function lookupToText(r: LookupResult, verbose: boolean, colour = false): string {
  const [head, ...rest] = terminalSafe(lookupText(r, verbose)).split('\n');
  return [paint(head!, STATUS_COLOUR[r.status], colour), ...rest].join('\n');
}

function lookupText(r: LookupResult, verbose: boolean): string {
  const lines = [`; ${HEADLINE[r.status]}${r.kind === 'nxdomain' ? ', NXDOMAIN' : r.kind === 'nodata' ? ', no data' : ''}`];
  if (r.status !== 'secure' || verbose) lines.push(`; ${r.reason}`);
  for (const rr of r.aliases) lines.push(formatRR(rr));
  for (const rr of r.rrset) lines.push(formatRR(rr));
  if (verbose) {
    for (const rr of r.rrsigs) lines.push(formatRR(rr));
    for (const l of r.chain) {
      lines.push(`;; chain: ${chainLinkText(l)}`);
    }
    for (const x of r.reasons.slice(1)) lines.push(`;; also: ${x.text}`);
  }
  return lines.join('\n') + '\n';
}

export async function runResolveCommand(args: readonly string[], terminal: Terminal = PLAIN): Promise<CommandOutput> {
  try {
    const { values, positionals } = parseArgsExplained({ args: [...args], options: { ...NETWORK_OPTIONS, graph: { type: 'string' } }, allowPositionals: true, strict: true });
    if (values.help) return { exitCode: ExitCode.OK, stdout: USAGE, stderr: '' };
    if (positionals.length !== 2) throw new UsageError(`expected <name> <type>, got ${positionals.length} argument(s)`);
    const name = nameArg(positionals[0]!, 'name');
    const type = rrTypeFromString(positionals[1]!);
    if (type === undefined) throw new UsageError(`unknown record type ${JSON.stringify(positionals[1])}`);
    const o = await networkOptions(values);
    // The picture's module (and its renderer) is loaded only when asked for (issue #19).
    const graph = values.graph === undefined ? undefined : await import('./graph/output.ts');
    const target = graph ? await graph.openGraphTarget(values.graph!) : undefined;
    const upstream = new StubResolver({ ...(o.resolvers ? { servers: o.resolvers } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
    const validator = new Validator({ upstream, ...(o.trustAnchors !== undefined ? { trustAnchors: o.trustAnchors } : {}) });
    const r = await withStatusLine(o.json ? undefined : terminal.status, () => validator.lookup(name, type));
    const stdout = o.json ? JSON.stringify(lookupToJson(r), null, 2) + '\n' : lookupToText(r, o.verbose, terminal.colour);
    const stderr = graph && target ? await graph.writeGraph(target, `${r.name} ${rrTypeToString(r.type)}: ${r.status}`, [r]) : '';
    return { exitCode: RESOLVE_EXIT[r.status], stdout, stderr };
  } catch (e) {
    if (isUsageError(e)) {
      return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify resolve: ${(e as Error).message}\n${USAGE}` };
    }
    throw e;
  }
}
