/** Comparing verdicts, and saying clearly how two of them differ. */
import type { ExpectedMta, HostVerdict, LookupStatus, MtaVerdict, PeerName, ScenarioLookup } from './types.ts';

/** The status the table expects a given peer to report for a lookup (its known difference, if any). */
export function expectedStatusFor(lookup: ScenarioLookup, peer: PeerName): LookupStatus {
  return lookup.peers?.[peer] ?? lookup.status;
}

/**
 * The MTA verdict the table expects of a peer: the table's, with that peer's known host
 * differences in place of the table's host verdicts (their per-address verdicts then not compared).
 */
export function expectedMtaFor(mta: ExpectedMta, peer: 'posttls-finger'): MtaVerdict {
  return {
    mx: mta.mx,
    hosts: mta.hosts.map(({ peers, note: _note, ...h }) => {
      const p = peers?.[peer];
      return p ? { host: h.host, outcome: p.outcome, ...(p.tlsRpt ? { tlsRpt: p.tlsRpt } : {}) } : h;
    }),
  };
}

/** The notes of the table's known host differences for a peer, one line each. */
export function hostNotes(mta: ExpectedMta, peer: 'posttls-finger'): string[] {
  return mta.hosts.flatMap((h) => (h.peers?.[peer] && h.note ? [`${h.host}: ${h.note}`] : []));
}

function addressLines(h: HostVerdict): string[] {
  return (h.addresses ?? []).map((a) => `${a.address} ${a.outcome}`).sort();
}

function hostLine(h: HostVerdict): string {
  const at = h.addresses ? ` [${addressLines(h).join(', ')}]` : '';
  return `${h.host} ${h.outcome}${h.tlsRpt ? ` (${h.tlsRpt})` : ''}${at}`;
}

/** A one-line rendering of an MTA verdict. */
export function formatMta(v: MtaVerdict): string {
  if (v.mx === 'deferred') return 'MX lookup failed: domain deferred';
  if (v.mx === 'no-mail') return 'null MX: no mail';
  return v.hosts.length === 0 ? 'no hosts' : v.hosts.map(hostLine).join('; ');
}

/**
 * The differences between an expected and an actual MTA verdict, empty when they agree. Hosts are
 * compared by name and outcome, in order; a TLS-RPT result type is compared only when both sides
 * name one (not every tool reports one, and the table names one only where it is certain);
 * per-address verdicts only when the expected side names them (as a set: address and outcome).
 */
export function diffMta(expected: MtaVerdict, actual: MtaVerdict): string[] {
  const diffs: string[] = [];
  if (expected.mx !== actual.mx) diffs.push(`mx: expected ${expected.mx}, got ${actual.mx}`);
  if (expected.hosts.length !== actual.hosts.length) {
    diffs.push(`hosts: expected ${expected.hosts.length}, got ${actual.hosts.length}`);
  }
  const n = Math.min(expected.hosts.length, actual.hosts.length);
  for (let i = 0; i < n; i++) {
    const e = expected.hosts[i];
    const a = actual.hosts[i];
    if (!e || !a) continue;
    if (e.host.toLowerCase() !== a.host.toLowerCase()) diffs.push(`host ${i}: expected ${e.host}, got ${a.host}`);
    if (e.outcome !== a.outcome) diffs.push(`${e.host}: expected ${e.outcome}, got ${a.outcome}`);
    if (e.tlsRpt && a.tlsRpt && e.tlsRpt !== a.tlsRpt) {
      diffs.push(`${e.host}: expected TLS-RPT ${e.tlsRpt}, got ${a.tlsRpt}`);
    }
    if (e.addresses) {
      const want = addressLines(e).join(', ');
      const got = a.addresses ? addressLines(a).join(', ') : 'no per-address verdicts';
      if (want !== got) diffs.push(`${e.host} addresses: expected ${want}, got ${got}`);
    }
  }
  return diffs;
}

/** Upper bound on the characters of one tool's output quoted in a failure message. */
export const QUOTED_OUTPUT_LIMIT = 6000;

/** A tool's output, indented and cut to QUOTED_OUTPUT_LIMIT, for a failure message. */
export function quote(label: string, output: string): string {
  const cut = output.length > QUOTED_OUTPUT_LIMIT ? `${output.slice(0, QUOTED_OUTPUT_LIMIT)}\n[... cut]` : output;
  return `--- ${label}:\n${cut.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}`;
}
