/** Loads scenarios.json and checks every field, so that a typo in the table fails loudly. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import type { ExpectedHost, LookupStatus, Scenario, ScenarioLookup } from './types.ts';
import { HOST_OUTCOMES, LOOKUP_STATUSES, LOOKUP_TYPES, TLS_RPT_RESULTS } from './types.ts';

/** The table beside this folder. */
export const SCENARIOS_PATH = fileURLToPath(new URL('../scenarios.json', import.meta.url));

const PEERS = ['delv', 'unbound', 'posttls-finger'];

function fail(where: string, what: string): never {
  throw new Error(`scenarios.json: ${where}: ${what}`);
}

function isAbsoluteName(v: unknown): v is string {
  return typeof v === 'string' && v.endsWith('.') && v.length > 1;
}

function checkLookup(where: string, l: ScenarioLookup): void {
  if (!isAbsoluteName(l.name)) fail(where, `name ${String(l.name)} must be absolute (trailing dot)`);
  if (!LOOKUP_TYPES.includes(l.type)) fail(where, `type ${String(l.type)}`);
  if (!LOOKUP_STATUSES.includes(l.status)) fail(where, `status ${String(l.status)}`);
  for (const [peer, status] of Object.entries(l.peers ?? {})) {
    if (!PEERS.includes(peer)) fail(where, `unknown peer ${peer}`);
    if (!LOOKUP_STATUSES.includes(status as LookupStatus)) fail(where, `peer status ${String(status)}`);
    if (!l.note) fail(where, 'a known peer difference needs a note saying why');
  }
}

/** The peers a host verdict may name a known difference for. */
const HOST_PEERS = ['posttls-finger'];

function checkHost(where: string, h: ExpectedHost): void {
  if (!isAbsoluteName(h.host)) fail(where, `host ${String(h.host)} must be absolute`);
  if (!HOST_OUTCOMES.includes(h.outcome)) fail(where, `outcome ${String(h.outcome)}`);
  if (h.tlsRpt !== undefined && !TLS_RPT_RESULTS.includes(h.tlsRpt)) fail(where, `tlsRpt ${String(h.tlsRpt)}`);
  if (h.addresses !== undefined) {
    if (!Array.isArray(h.addresses) || h.addresses.length === 0) fail(where, `${h.host}: addresses must be a non-empty list`);
    for (const a of h.addresses) {
      if (isIP(String(a.address)) === 0) fail(where, `${h.host}: address ${String(a.address)} is not an IP address`);
      if (!HOST_OUTCOMES.includes(a.outcome)) fail(where, `${h.host}: address outcome ${String(a.outcome)}`);
    }
    if (new Set(h.addresses.map((a) => a.address)).size !== h.addresses.length) fail(where, `${h.host}: an address is listed twice`);
  }
  for (const [peer, v] of Object.entries(h.peers ?? {})) {
    if (!HOST_PEERS.includes(peer)) fail(where, `${h.host}: unknown host peer ${peer}`);
    if (!HOST_OUTCOMES.includes(v.outcome)) fail(where, `${h.host}: peer outcome ${String(v.outcome)}`);
    if (v.tlsRpt !== undefined && !TLS_RPT_RESULTS.includes(v.tlsRpt)) fail(where, `${h.host}: peer tlsRpt ${String(v.tlsRpt)}`);
    if (!h.note) fail(where, `${h.host}: a known peer difference needs a note saying why`);
  }
}

/** Reads and checks the table. */
export function loadScenarios(path: string = SCENARIOS_PATH): Scenario[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { scenarios?: Scenario[] };
  const scenarios = doc.scenarios;
  if (!Array.isArray(scenarios)) fail('top', 'no scenarios array');
  const ids = new Set<string>();
  for (const s of scenarios) {
    const where = String(s.id);
    if (typeof s.id !== 'string' || ids.has(s.id)) fail(where, 'id missing or repeated');
    ids.add(s.id);
    if (!isAbsoluteName(s.domain)) fail(where, `domain ${String(s.domain)} must be absolute`);
    if (typeof s.about !== 'string' || s.about === '') fail(where, 'about missing');
    if (!Array.isArray(s.lookups) || s.lookups.length === 0) fail(where, 'no lookups');
    s.lookups.forEach((l, i) => checkLookup(`${where} lookup ${i}`, l));
    if (!['ok', 'deferred', 'no-mail'].includes(s.mta?.mx)) fail(where, `mta.mx ${String(s.mta?.mx)}`);
    if (!Array.isArray(s.mta.hosts)) fail(where, 'mta.hosts missing');
    if (s.mta.mx !== 'ok' && s.mta.hosts.length > 0) fail(where, `a domain with mx ${s.mta.mx} has no hosts`);
    if (s.mta.mx === 'ok' && s.mta.hosts.length === 0) fail(where, 'mx ok needs its hosts');
    s.mta.hosts.forEach((h) => checkHost(where, h));
    // Postfix is probed at every host after the first with the "[host]" nexthop, which skips the
    // MX lookup: that stands for the host of an MX RRset only when the RRset is secure (an
    // insecure one would bring in smtp_tls_dane_insecure_mx_policy, which "[host]" never sees).
    const mx = s.lookups.find((l) => l.type === 'MX' && l.name === s.domain);
    if (s.mta.hosts.length > 1 && mx?.status !== 'secure') {
      fail(where, 'a scenario with several MX hosts needs its MX lookup in the table, secure');
    }
  }
  return scenarios;
}

/** The scenario with this id; throws naming it when scenarios.json has none. */
export function loadScenario(id: string): Scenario {
  const found = loadScenarios().find((x) => x.id === id);
  if (!found) throw new Error(`scenarios.json has no scenario ${id}`);
  return found;
}
