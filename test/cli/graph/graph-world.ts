/**
 * A test world for the chain-of-trust pictures: a secure domain with a DANE mail server, a zone
 * whose DS matches no key, one with a corrupt signature on an address, an unsigned delegation and
 * an NSEC3 zone; and the CLI runs that draw each (used by the CLI and the browser tests).
 */
import { cliWorld, type CliWorld } from '../../support/cli-world.ts';
import { runCli } from '../../../src/cli/run.ts';
import type { CommandOutput } from '../../../src/cli/tlsa-command.ts';

export async function graphWorld(): Promise<CliWorld> {
  return cliWorld({
    zones: {
      'example.': {},
      'good.example.': { records: ['@ MX 10 mx'] },
      'n3.example.': { denial: { nsec3: { salt: 'ab', iterations: 1 } }, records: ['mx A 127.0.0.2'] },
      'dsbad.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.4'], break: [{ kind: 'ds-mismatch' }] },
      'plain.example.': { unsigned: true, records: ['@ MX 10 mx', 'mx A 127.0.0.3'] },
      'corrupt.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.4'], break: [{ kind: 'corrupt-signature', type: 'A' }] },
    },
    mailServers: { 'mx.good.example.': { tlsa: ['3 1 1'] } },
  }, { prefix: 'dane-verify-graph-' });
}

/** The four pictures the issue asks for, as CLI arguments (the network ones added by {@link drawWith}). */
export const PICTURES = {
  secure: ['good.example.'],
  bogus: ['dsbad.example.', '--no-connect'],
  badSignature: ['resolve', 'mx.corrupt.example.', 'A'],
  insecure: ['resolve', 'mx.plain.example.', 'A'],
  nxdomain: ['resolve', 'nope.n3.example.', 'A'],
} as const;

/** Runs the CLI with the world's network arguments (no --port for resolve) and `--graph file`. */
export function drawWith(w: CliWorld, args: readonly string[], file?: string): Promise<CommandOutput> {
  const net = args[0] === 'resolve' ? w.net.filter((x, i, all) => x !== '--port' && all[i - 1] !== '--port') : w.net;
  return runCli([...args, ...net, ...(file ? ['--graph', file] : [])]);
}
