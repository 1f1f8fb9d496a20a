/**
 * Options the network commands share (`--resolver`, `--trust-anchor`, `--timeout`, `--json`, `-v`),
 * parsed and checked in one place so every command reports bad arguments the same way.
 */
import { Name } from '../dns/name.ts';
import { TrustAnchorError } from '../dnssec/anchors.ts';
import { parseServerAddress } from '../resolver/server-address.ts';
import { MAX_UPSTREAMS } from '../resolver/defaults.ts';
import { readInputFile } from './input-file.ts';
import { UsageError } from './usage-error.ts';

export { UsageError };

export const NETWORK_OPTIONS = {
  json: { type: 'boolean' },
  resolver: { type: 'string', multiple: true },
  'trust-anchor': { type: 'string' },
  timeout: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface NetworkOptions {
  json: boolean;
  verbose: boolean;
  resolvers?: string[];
  trustAnchors?: string;
  timeoutMs?: number;
}

/** Most milliseconds a `--timeout` may ask for (ten minutes: anything longer is a typo). */
const MAX_TIMEOUT_MS = 600_000;

export function positiveInt(v: string | undefined, name: string, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(v) || Number(v) < 1 || Number(v) > max) throw new UsageError(`--${name} expects a whole number from 1 to ${max}, got ${JSON.stringify(v)}`);
  return Number(v);
}

/** Checks and loads the shared options (reads the trust anchor file). */
export async function networkOptions(values: Record<string, unknown>): Promise<NetworkOptions> {
  const resolvers = values.resolver as string[] | undefined;
  if (resolvers && resolvers.length > MAX_UPSTREAMS) throw new UsageError(`--resolver given ${resolvers.length} times: at most ${MAX_UPSTREAMS} resolvers`);
  for (const r of resolvers ?? []) {
    try {
      parseServerAddress(r);
    } catch (e) {
      throw new UsageError(`--resolver ${JSON.stringify(r)}: ${(e as Error).message}`);
    }
  }
  let trustAnchors: string | undefined;
  const file = values['trust-anchor'] as string | undefined;
  if (file !== undefined) {
    trustAnchors = (await readInputFile(file, '--trust-anchor')).toString('utf8');
    // An empty file is a mistake, never a request for the bundled IANA anchors.
    if (trustAnchors.trim() === '') throw new UsageError(`--trust-anchor ${file}: the file is empty (no trust anchor)`);
  }
  const timeoutMs = positiveInt(values.timeout as string | undefined, 'timeout', MAX_TIMEOUT_MS);
  return {
    json: values.json === true,
    verbose: values.verbose === true,
    ...(resolvers?.length ? { resolvers } : {}),
    ...(trustAnchors !== undefined ? { trustAnchors } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

/** A name argument, or a UsageError naming what it was for. */
export function nameArg(text: string, what: string): Name {
  try {
    return Name.parse(text);
  } catch (e) {
    throw new UsageError(`bad ${what} ${JSON.stringify(text)}: ${(e as Error).message}`);
  }
}

/** Whether an error is the user's (bad argument, bad trust anchor input): exit 64, not a bug. */
export function isUsageError(e: unknown): e is Error {
  // By name too: a module imported lazily may come from another instance of usage-error.ts (mocha
  // loads tests through tsx's CommonJS hook, lazy imports through its ESM loader).
  return e instanceof UsageError || (e as Error | undefined)?.name === 'UsageError' || e instanceof TrustAnchorError || ((e as { code?: unknown })?.code as string | undefined)?.startsWith?.('ERR_PARSE_ARGS') === true;
}
