/**
 * `dane-verify rollover <host> --next next.pem`: before a key or certificate change, checks that the
 * published, DNSSEC-validated TLSA RRset already matches both the certificate the server presents
 * now and the next one (RFC 7671 §8.1, RFC 7672 §9.2: publish the new record first, wait at least
 * the TLSA TTL, then swap the key). Exit codes: 0 safe to swap, 1 not safe, 3 temporary failure,
 * 64 usage error.
 */
import { readInputFile } from './input-file.ts';
import { parseArgsExplained } from './suggest.ts';
import { Name } from '../dns/name.ts';
import { Validator } from '../dnssec/validator.ts';
import { StubResolver } from '../resolver/stub.ts';
import { startTlsSession } from '../smtp/session.ts';
import { matchChain, type MatchResult } from '../dane/match.ts';
import { referenceIdentifiers, resolveHostPolicy } from '../dane/policy.ts';
import { pemToDerCertificates, tlsaAssociation } from '../dane/tlsa.ts';
import { isUsageError, nameArg, NETWORK_OPTIONS, networkOptions, positiveInt, UsageError } from './common-options.ts';
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode } from './usage.ts';
import { terminalSafe } from './terminal-text.ts';
import { PLAIN, type Terminal } from './terminal.ts';
import { withStatusLine } from './status-line.ts';
import { planText, rolloverPlan, type RolloverStep } from './rollover-plan.ts';

const USAGE = 'usage: dane-verify rollover <host> --next next.pem [--port 25] [--json] [--resolver addr[:port]]... [--trust-anchor file] [--timeout ms]\n';

/** JSON schema version of `rollover --json`; bump on any incompatible change. */
export const ROLLOVER_SCHEMA_VERSION = 1 as const;

export interface RolloverReport {
  readonly schema: typeof ROLLOVER_SCHEMA_VERSION;
  readonly host: string;
  readonly safe: boolean;
  readonly exitCode: 0 | 1 | 3;
  readonly tlsaName?: string;
  readonly published: readonly string[];
  /** Per server address: does the published RRset match what it presents now? */
  readonly current: readonly { address: string; matched: boolean; reason: string }[];
  /** Whether the published records match the next certificate; `checked` false when there was nothing to check it against. */
  readonly next: { matched: boolean; checked: boolean; reason: string };
  /** A `3 1 1` record for the next key (`3 1 2` where SHA2-512 is published), to publish when it is missing. */
  readonly suggestion: string;
  /** Seconds a resolver may keep the TLSA RRset (its signature's original TTL). */
  readonly tlsaTtl?: number;
  /** What to do, in order, with exact zone-file lines and the TTL waits (empty when not known). */
  readonly steps: readonly RolloverStep[];
  readonly reason: string;
}

/** Checks a planned rollover. Never throws for network behaviour; returns the report. */
export async function checkRollover(host: string, nextPem: string, o: { resolvers?: string[]; trustAnchors?: string; timeoutMs?: number; port?: number; now?: Date }): Promise<RolloverReport> {
  const nextChain = pemToDerCertificates(nextPem);
  const upstream = new StubResolver({ ...(o.resolvers ? { servers: o.resolvers } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
  const validator = new Validator({ upstream, ...(o.trustAnchors !== undefined ? { trustAnchors: o.trustAnchors } : {}) });
  const port = o.port ?? 25;
  const p = await resolveHostPolicy(validator, Name.parse(host), 0, { port });
  const tlsaName = p.tlsaName ?? `_${port}._tcp.${Name.parse(host)}`;
  // The next key's record with the strongest matching type published for DANE-EE SPKI: a weaker
  // one beside it would be ignored by senders (RFC 7671 §9), and the swap would break delivery.
  const mtype = p.tlsa.some((t) => t.usable && t.data.certUsage === 3 && t.data.selector === 1 && t.data.matchingType === 2) ? 2 : 1;
  const rdataFor = (der: Uint8Array) => `3 1 ${mtype} ${tlsaAssociation(der, 1, mtype)}`;
  const suggestion = `${tlsaName} IN TLSA ${rdataFor(nextChain[0]!)}`;
  const base = { schema: ROLLOVER_SCHEMA_VERSION, host: p.host, published: p.tlsa.map((t) => t.text), suggestion, ...(p.tlsaName ? { tlsaName: p.tlsaName } : {}), ...(p.tlsaTtl !== undefined ? { tlsaTtl: p.tlsaTtl } : {}) };
  if (p.policy === 'no-delivery') return { ...base, safe: false, exitCode: p.bogus ? 1 : 3, current: [], next: { matched: false, checked: false, reason: `not checked: ${p.reason}` }, steps: [], reason: p.reason };
  if (p.policy !== 'dane') return { ...base, safe: false, exitCode: 1, current: [], next: { matched: false, checked: false, reason: 'not checked: there are no usable DANE TLSA records to check it against' }, steps: [], reason: `no usable DANE TLSA records: ${p.reason}` };
  const records = p.tlsa.map((t) => t.data);
  const match = (chain: readonly Uint8Array[]) => matchChain({ chain, records, referenceIdentifiers: referenceIdentifiers(p), ...(o.now ? { now: o.now } : {}) });
  const nextMatch: MatchResult = await match(nextChain);
  const current = await Promise.all(p.addresses.map(async (address) => {
    const s = await startTlsSession({ address, port, servername: p.tlsaBase ?? p.host, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
    if (!s.ok) return { address, matched: false, reason: `no TLS session: ${s.reason}`, temporary: true, leaf: undefined, matchedRecords: [] as number[] };
    const m = await match(s.chain);
    return { address, matched: m.ok, reason: m.reason, temporary: false, leaf: s.chain[0], matchedRecords: m.records.filter((r) => r.matched).map((r) => r.index) };
  }));
  const curOk = current.length > 0 && current.every((c) => c.matched);
  const safe = curOk && nextMatch.ok;
  const temporary = current.some((c) => c.temporary);
  const reason = safe ? 'safe: the published TLSA RRset matches the current and the next certificate; swap the key when the TLSA TTL has passed since publication'
    : !nextMatch.ok ? `not safe: no published TLSA record matches the next certificate (${nextMatch.reason}); publish ${suggestion} first`
    : `not safe: the current server certificate does not match the published records`;
  const answered = current.filter((c) => !c.temporary);
  const leaf = answered.find((c) => !c.matched)?.leaf ?? answered[0]?.leaf;
  const steps = temporary ? [] : rolloverPlan({
    host: p.host,
    tlsaName,
    ...(p.tlsaTtl !== undefined ? { ttl: p.tlsaTtl } : {}),
    records: p.tlsa.map((t, i) => ({
      rdata: `${t.params} ${Buffer.from(t.data.certificateAssociationData).toString('hex')}`,
      usable: t.usable,
      matchesCurrent: answered.length > 0 && answered.every((c) => c.matchedRecords.includes(i)),
      matchesNext: nextMatch.records.some((r) => r.index === i && r.matched),
    })),
    ...(leaf ? { currentRdata: rdataFor(leaf) } : {}),
    nextRdata: rdataFor(nextChain[0]!),
    currentMatched: curOk,
    nextMatched: nextMatch.ok,
    port,
  });
  return { ...base, safe, exitCode: safe ? 0 : temporary && nextMatch.ok ? 3 : 1, current: current.map(({ temporary: _t, leaf: _l, matchedRecords: _m, ...c }) => c), next: { matched: nextMatch.ok, checked: true, reason: nextMatch.reason }, steps, reason };
}

export async function runRolloverCommand(args: readonly string[], terminal: Terminal = PLAIN): Promise<CommandOutput> {
  try {
    const { values, positionals } = parseArgsExplained({ args: [...args], options: { ...NETWORK_OPTIONS, next: { type: 'string' }, port: { type: 'string' } }, allowPositionals: true, strict: true });
    if (values.help) return { exitCode: ExitCode.OK, stdout: USAGE, stderr: '' };
    if (positionals.length !== 1) throw new UsageError('expected exactly one <host>');
    if (!values.next) throw new UsageError('--next <pem> is required');
    nameArg(positionals[0]!, 'host');
    const pem = (await readInputFile(values.next, '--next')).toString('utf8');
    try {
      // A PEM block that is not a certificate is a bad argument, not an internal error.
      tlsaAssociation(pemToDerCertificates(pem)[0]!, 1, 1);
    } catch (e) {
      throw new UsageError(`--next ${values.next}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const o = await networkOptions(values);
    const port = positiveInt(values.port, 'port', 65535);
    const r = await withStatusLine(o.json ? undefined : terminal.status, () => checkRollover(positionals[0]!, pem, { ...o, ...(port ? { port } : {}) }));
    const text = [
      `${r.host}: ${r.reason}`,
      ...r.published.map((t) => `  published: ${t}`),
      ...r.current.map((c) => `  current ${c.address}: ${c.matched ? 'matches' : 'does NOT match'} (${c.reason})`),
      r.next.checked ? `  next certificate: ${r.next.matched ? 'matches' : 'does NOT match'} (${r.next.reason})` : `  next certificate: ${r.next.reason}`,
      ...(r.next.matched || r.steps.length > 0 ? [] : [`  publish: ${r.suggestion}`]),
      ...(r.steps.length > 0 ? ['  steps:', ...planText(r.steps)] : []),
    ].join('\n') + '\n';
    return { exitCode: r.exitCode, stdout: o.json ? JSON.stringify(r, null, 2) + '\n' : terminalSafe(text), stderr: '' };
  } catch (e) {
    if (isUsageError(e)) {
      return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify rollover: ${(e as Error).message}\n${USAGE}` };
    }
    throw e;
  }
}
