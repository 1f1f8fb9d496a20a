/**
 * How a {@link DaneResult} is shown: text a postmaster reads at a glance, and the JSON documented
 * in docs/cli.md (tools outside this repo read `hosts[].host` and `hosts[].outcome`).
 */
import type { DaneResult, HostResult } from '../dane/verify.ts';
import type { ChainLink } from '../dnssec/keychain.ts';
import { chainLinkText } from './chain-text.ts';
import { terminalSafe } from './terminal-text.ts';
import { paint, type Colour } from './terminal.ts';

/**
 * A line of text output: strings (which may hold what a stranger sent, made terminal-safe when
 * the line is joined) and words of ours to colour. Colour escapes are added after the text is
 * made safe, so a stranger's text can neither carry one nor be mistaken for ours.
 */
type Line = string | readonly (string | { readonly text: string; readonly colour: Colour })[];

function joinLines(lines: readonly Line[], colour: boolean): string {
  const one = (l: Line) => (typeof l === 'string' ? terminalSafe(l) : l.map((p) => (typeof p === 'string' ? terminalSafe(p) : paint(terminalSafe(p.text), p.colour, colour))).join(''));
  return lines.map(one).join('\n') + '\n';
}

/** The colour of an outcome: green authenticated, red failed or bogus, yellow for the rest. */
function outcomeColour(outcome: string): Colour {
  return outcome === 'authenticated' ? 'green' : outcome === 'failed' || outcome === 'bogus' ? 'red' : 'yellow';
}

const EXIT_COLOUR: Record<DaneResult['exitCode'], Colour> = { 0: 'green', 1: 'red', 2: 'yellow', 3: 'yellow' };

/** JSON schema version; bump on any incompatible change (docs/cli.md). */
export const REPORT_SCHEMA_VERSION = 1;

export function resultToJson(r: DaneResult, verbose = false): Record<string, unknown> {
  return {
    schema: REPORT_SCHEMA_VERSION,
    domain: r.domain,
    ...(r.domainUnicode ? { domainUnicode: r.domainUnicode } : {}),
    exitCode: r.exitCode,
    connected: r.connected,
    summary: r.summary,
    // The chains of trust are for -v (they name every zone and key tag).
    mx: verbose ? r.policy.mx : withoutChain(r.policy.mx),
    action: r.policy.action,
    ...(r.policy.hostsNotChecked ? { hostsNotChecked: r.policy.hostsNotChecked } : {}),
    hosts: r.hosts.map((h) => ({
      host: h.host,
      preference: h.preference,
      outcome: h.outcome,
      ...(h.tlsrpt ? { tlsrpt: h.tlsrpt } : {}),
      reason: h.reason,
      policy: h.policy.policy,
      dnssec: { addresses: h.policy.addressStatus, ...(h.policy.tlsaStatus ? { tlsa: h.policy.tlsaStatus } : {}) },
      ...(h.policy.canonicalName ? { canonicalName: h.policy.canonicalName } : {}),
      ...(h.policy.tlsaBase ? { tlsaBase: h.policy.tlsaBase, tlsaName: h.policy.tlsaName } : {}),
      tlsa: h.policy.tlsa.map((t) => ({ record: t.text, params: t.params, usable: t.usable, ...(t.reason ? { reason: t.reason } : {}) })),
      ...(h.addressesNotTried ? { addressesNotTried: h.addressesNotTried } : {}),
      ...(h.governedBy ? { governedBy: h.governedBy, governance: h.governance } : {}),
      ...(h.mtaSts ? { mtaSts: h.mtaSts } : {}),
      addresses: h.addresses.map((a) => ({
        address: a.address,
        outcome: a.outcome,
        ...(a.tlsVersion ? { tlsVersion: a.tlsVersion, cipher: a.cipher } : {}),
        ...(a.matched ? { matched: a.matched } : {}),
        ...(a.tlsrpt ? { tlsrpt: a.tlsrpt } : {}),
        reason: a.reason,
        ...(a.records ? { records: a.records } : {}),
        ...(verbose && a.transcript ? { transcript: a.transcript } : {}),
      })),
      ...(verbose ? { reasons: h.policy.reasons, chain: h.policy.chain ?? [] } : {}),
    })),
    ...(r.tlsRpt ? { tlsRpt: tlsRptToJson(r.tlsRpt) } : {}),
    ...(r.mtaSts ? { mtaSts: mtaStsToJson(r.mtaSts) } : {}),
    budget: r.budget,
  };
}

/** The TLS-RPT policy as the JSON report gives it: where reports go, or why there is no policy. */
function tlsRptToJson(t: NonNullable<DaneResult['tlsRpt']>): Record<string, unknown> {
  return {
    name: t.name,
    outcome: t.outcome,
    dnssec: t.status,
    reason: t.reason,
    ...(t.outcome === 'policy' ? { rua: t.policy.rua.map((u) => u.uri) } : {}),
    ...(t.outcome === 'invalid' ? { error: t.error.code } : {}),
  };
}

/** The MTA-STS state as the JSON report gives it (docs/cli.md). */
function mtaStsToJson(m: NonNullable<DaneResult['mtaSts']>): Record<string, unknown> {
  const p = m.policy;
  return {
    outcome: m.outcome,
    record: { name: m.record.name, outcome: m.record.outcome, dnssec: m.record.status, ...(m.record.outcome === 'record' ? { id: m.record.record.id } : {}) },
    ...(p ? { policy: { id: p.id, source: p.source, mode: p.policy.mode, mx: p.policy.mx, maxAge: p.policy.maxAge, fetchedAt: p.fetchedAt.toISOString(), expiresAt: p.expiresAt.toISOString() } } : {}),
    ...(m.failure ? { failure: m.failure } : {}),
    reason: m.reason,
  };
}

/** One line on the MTA-STS policy in force, or why there is none. */
function mtaStsLine(m: NonNullable<DaneResult['mtaSts']>): string {
  const p = m.policy;
  const rec = `record ${m.record.status}`;
  if (p) return `  MTA-STS (${rec}): policy id ${p.id} mode ${p.policy.mode}${p.policy.mx.length ? `, mx ${p.policy.mx.join(', ')}` : ''} (${p.source === 'cache' ? 'cached' : 'fetched'}, until ${p.expiresAt.toISOString()})${m.failure ? `; ${m.failure.tlsrpt}: ${m.failure.reason}` : ''}`;
  return `  MTA-STS (${rec}): ${m.outcome === 'failed' ? `${m.failure?.tlsrpt}: ` : ''}${m.reason}`;
}

/** One line on the TLS-RPT policy: reports go somewhere, or no policy (which costs nothing but the reports). */
function tlsRptLine(t: NonNullable<DaneResult['tlsRpt']>): string {
  if (t.outcome === 'policy') return `  TLS-RPT (${t.status}): reports to ${t.policy.rua.map((u) => u.uri).join(', ')}`;
  return `  TLS-RPT: ${t.reason}`;
}

const VERDICT: Record<DaneResult['exitCode'], string> = {
  0: 'DANE authenticated: every MX host passed',
  1: 'DANE FAILED: do not deliver to the failing hosts',
  2: 'no DANE: TLS is opportunistic (or the domain takes no mail)',
  3: 'temporary failure: defer and try again later',
};

function hostLines(h: HostResult, verbose: boolean, governance = false): Line[] {
  const p = h.policy;
  const out: Line[] = [[`  ${String(h.preference).padStart(3)} ${h.host}  `, { text: h.outcome.toUpperCase(), colour: outcomeColour(h.outcome) }, h.tlsrpt ? ` (${h.tlsrpt})` : '']];
  const dns = [`addresses ${p.addressStatus}${p.addresses.length ? ` (${p.addresses.join(', ')})` : ''}`];
  if (p.canonicalName) dns.push(`CNAME -> ${p.canonicalName}`);
  if (p.tlsaName) dns.push(`TLSA ${p.tlsaName} ${p.tlsaStatus}`);
  out.push(`        DNSSEC: ${dns.join('; ')}`);
  for (const t of p.tlsa) out.push(`        TLSA ${t.params} ${t.usable ? 'usable' : `unusable: ${t.reason}`}`);
  for (const a of h.addresses) {
    const tls = a.tlsVersion ? `STARTTLS ${a.tlsVersion} ${a.cipher}` : 'no TLS';
    const what = a.matched ? `matched ${a.matched.record.split(/\s+/).slice(-4, -1).join(' ')} (${a.matched.usage}) at depth ${a.matched.depth}` : a.reason;
    out.push(`        ${a.address}: ${a.outcome}; ${tls}; ${what}`);
    // On a failure, or with -v: each usable record beside what this address presented for it.
    if (a.records && (verbose || a.outcome === 'failed')) out.push(...recordLines(a.records));
    if (verbose && a.transcript) for (const t of a.transcript) out.push(`          ${t.from === 'client' ? 'C:' : t.from === 'server' ? 'S:' : '--'} ${t.text}`);
  }
  out.push(`        ${h.reason}`);
  if (governance && h.governedBy) out.push(`        governed by ${h.governedBy === 'dane' ? 'DANE' : h.governedBy === 'mta-sts' ? 'MTA-STS' : 'neither'}${h.mtaSts && h.governedBy !== 'mta-sts' ? `; MTA-STS alone would ${h.mtaSts.allowed ? 'allow' : 'refuse'} it` : ''}: ${h.governance}`);
  for (const x of h.mtaSts?.sessions ?? []) out.push(`        MTA-STS ${x.address}: ${x.outcome}${x.tlsrpt ? ` (${x.tlsrpt})` : ''}; ${x.reason}`);
  if (verbose) {
    out.push(...chainLines(p.chain ?? [], '        '));
    for (const r of p.reasons) out.push(`        ; ${r.text}`);
  }
  return out;
}

/** One line per zone of a chain of trust, as `resolve -v` prints it. */
function chainLines(chain: readonly ChainLink[], indent: string): string[] {
  return chain.map((l) => `${indent}; chain: ${chainLinkText(l)}`);
}

function withoutChain<T extends { chain?: unknown }>(o: T): Omit<T, 'chain'> {
  const { chain: _chain, ...rest } = o;
  return rest;
}

/** A record's data and the presented digest for the same parameters, one line each (long data cut). */
function recordLines(records: NonNullable<HostResult['addresses'][number]['records']>): Line[] {
  const short = (hex: string) => (hex.length > 80 ? `${hex.slice(0, 72)}... (${hex.length / 2} octets)` : hex);
  const out: Line[] = [];
  for (const r of records) {
    out.push([`          TLSA ${r.params} ${short(r.data)}  `, r.matched ? { text: 'MATCHED', colour: 'green' } : { text: 'no match', colour: 'red' }]);
    const what = r.params.startsWith('3') ? "server's certificate" : 'issuer certificates';
    if (r.presented.length === 0) out.push(`            ${what}: none presented`);
    for (const p of r.presented) out.push(`            ${what} gives ${short(p)}${p === r.data ? ' (equal)' : ''}`);
    if (!r.matched) out.push(`            ${r.reason}`);
  }
  return out;
}

/** The verdict line of a policy-only check (`--no-connect`): nothing was authenticated. */
const POLICY_VERDICT: Record<DaneResult['exitCode'], string> = {
  0: 'DANE applies to every MX host (DNS policy only: not connected, nothing authenticated)',
  1: 'DANE FAILED in DNS (bogus): do not deliver to the failing hosts',
  2: 'no DANE for at least one MX host (DNS policy only: not connected)',
  3: 'temporary failure: defer and try again later',
};

/**
 * The text report, terminal-safe (every character a stranger could use to act on a terminal is
 * shown escaped); with `colour`, the verdict and outcomes in ANSI colours.
 */
export function resultToText(r: DaneResult, verbose = false, colour = false): string {
  const name = r.domainUnicode ? `${r.domain} (${r.domainUnicode})` : r.domain;
  const lines: Line[] = [[`${name}: `, { text: (r.connected ? VERDICT : POLICY_VERDICT)[r.exitCode], colour: EXIT_COLOUR[r.exitCode] }], `  MX ${r.policy.mx.kind} (${r.policy.mx.status}): ${r.policy.reason}`];
  if (verbose) lines.push(...chainLines(r.policy.mx.chain ?? [], '    '));
  // Which mechanism governs each host is worth a line only where MTA-STS is in play (or -v).
  const governance = r.mtaSts !== undefined && (verbose || r.mtaSts.outcome !== 'none');
  for (const h of r.hosts) lines.push(...hostLines(h, verbose, governance));
  if (r.mtaSts) lines.push(mtaStsLine(r.mtaSts));
  if (r.tlsRpt) lines.push(tlsRptLine(r.tlsRpt));
  return joinLines(lines, colour);
}
