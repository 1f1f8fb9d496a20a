/**
 * The chain-of-trust picture (`--graph`), as data: zones from the trust anchor down, their DS and
 * DNSKEY records, which DS matched which key, the RRSIG (signer key tag) that proved each RRset,
 * the NSEC/NSEC3 records of each denial, and the link that failed, in the manner of DNSViz.
 *
 * A pure function of lookup results (LookupResult, with the proof details of proof-info.ts); it
 * decides nothing: every colour repeats a status the validator gave. Signed data points at the key
 * that signed it, a DS at the key it names, so the arrows run up the chain toward the anchor.
 *
 * Bounded: names and texts come from strangers' zones, so every label is cut to
 * {@link MAX_GRAPH_LABEL_CHARS} characters, and at most {@link MAX_GRAPH_NODES} nodes and
 * {@link MAX_GRAPH_EDGES} edges are drawn (`omitted` counts the rest); DOT escaping is dot.ts's job.
 */
import { Name } from '../../dns/name.ts';
import { rrTypeToString } from '../../dns/iana/rr-types.ts';
import { dnssecAlgorithmToString } from '../../dns/iana/dnssec-algorithms.ts';
import type { LookupResult } from '../../dnssec/validator.ts';
import type { ChainLink } from '../../dnssec/keychain.ts';
import type { DenialInfo, KeyInfo } from '../../dnssec/proof-info.ts';
import type { SecurityStatus } from '../../dnssec/status.ts';
import { MAX_GRAPH_EDGES, MAX_GRAPH_LABEL_CHARS, MAX_GRAPH_NODES, MAX_GRAPH_RECORDS_PER_SET } from './limits.ts';

export { MAX_GRAPH_EDGES, MAX_GRAPH_LABEL_CHARS, MAX_GRAPH_NODES, MAX_GRAPH_RECORDS_PER_SET };

/** How a node or edge is drawn: a status of the validator, or `unused` (present, not relied on). */
export type Tone = SecurityStatus | 'unused';

export interface GraphZone {
  readonly id: string;
  readonly name: string;
  readonly status: SecurityStatus;
  /** Why the zone is not secure, cut to a label line. */
  readonly reason?: string;
}

export interface GraphNode {
  readonly id: string;
  /** The id of the zone (cluster) it is drawn in; empty for none (an answer no chain of trust reached). */
  readonly zone: string;
  readonly kind: 'anchor' | 'dnskey' | 'ds' | 'rrset' | 'denial' | 'missing' | 'note';
  /** Label lines (each at most MAX_GRAPH_LABEL_CHARS characters, raw text: escape before use). */
  readonly label: readonly string[];
  readonly tone: Tone;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly tone: Tone;
  /** Dashed: present but not what the proof relied on. */
  readonly dashed: boolean;
}

export interface GraphModel {
  readonly title: string;
  readonly zones: readonly GraphZone[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Nodes and edges left out by the bounds. */
  readonly omitted: number;
}

const RANK: Record<Tone, number> = { bogus: 0, indeterminate: 1, insecure: 2, secure: 3, unused: 4 };
const worse = (a: Tone, b: Tone): Tone => (RANK[a] <= RANK[b] ? a : b);

/** A label line of at most MAX_GRAPH_LABEL_CHARS characters (code points, so no surrogate is split). */
export function cut(text: string): string {
  const chars = Array.from(text.length > MAX_GRAPH_LABEL_CHARS * 2 ? text.slice(0, MAX_GRAPH_LABEL_CHARS * 2) : text);
  return chars.length > MAX_GRAPH_LABEL_CHARS ? `${chars.slice(0, MAX_GRAPH_LABEL_CHARS - 1).join('')}…` : chars.join('');
}

function keyLabel(k: KeyInfo): string[] {
  const role = (k.flags & 0x0001) !== 0 ? 'KSK (SEP)' : 'ZSK';
  return [`DNSKEY id=${k.keyTag}`, `alg=${k.algorithm} (${dnssecAlgorithmToString(k.algorithm)}) ${role}${(k.flags & 0x0080) !== 0 ? ' REVOKED' : ''}`];
}

function parseName(text: string): Name | undefined {
  try {
    return Name.parse(text);
  } catch {
    return undefined;
  }
}

const PROVES: Record<DenialInfo['proves'], string> = { nxdomain: 'proves NXDOMAIN', nodata: 'proves no data', 'no-ds': 'proves no DS (insecure delegation)', wildcard: 'proves the wildcard applies' };

class Builder {
  private readonly zones = new Map<string, { id: string; name: string; status: SecurityStatus; reason?: string; keys: Map<number, string> }>();
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  omitted = 0;

  zone(name: string, status: SecurityStatus, reason?: string) {
    const key = name.toLowerCase();
    let z = this.zones.get(key);
    if (!z) {
      if (this.zones.size >= MAX_GRAPH_NODES) return undefined;
      z = { id: `z${this.zones.size}`, name, status, keys: new Map() };
      this.zones.set(key, z);
    }
    if (worse(status, z.status) !== z.status) z.status = status;
    if (reason && z.status === status && z.reason === undefined) z.reason = cut(reason);
    return z;
  }

  /** The deepest known zone strictly above `name` (or at it, with `orSelf`). */
  enclosing(name: string, orSelf: boolean) {
    const n = parseName(name);
    if (!n) return undefined;
    let best: { z: ReturnType<Builder['zone']>; labels: number } | undefined;
    for (const z of this.zones.values()) {
      const zn = parseName(z.name);
      if (!zn || !n.isSubdomainOf(zn) || (!orSelf && zn.equals(n))) continue;
      if (!best || zn.labelCount > best.labels) best = { z, labels: zn.labelCount };
    }
    return best?.z;
  }

  node(key: string, zone: string, kind: GraphNode['kind'], label: readonly string[], tone: Tone): string | undefined {
    const known = this.nodes.get(key);
    if (known) {
      if (worse(tone, known.tone) !== known.tone) this.nodes.set(key, { ...known, tone });
      return known.id;
    }
    if (this.nodes.size >= MAX_GRAPH_NODES) {
      this.omitted++;
      return undefined;
    }
    const id = `n${this.nodes.size}`;
    this.nodes.set(key, { id, zone, kind, label: label.map(cut), tone });
    return id;
  }

  edge(from: string | undefined, to: string | undefined, label: string, tone: Tone, dashed = false): void {
    if (from === undefined || to === undefined) return;
    const key = `${from}>${to}>${label}`;
    const known = this.edges.get(key);
    if (known) {
      if (worse(tone, known.tone) !== known.tone) this.edges.set(key, { ...known, tone, dashed: dashed && known.dashed });
      return;
    }
    if (this.edges.size >= MAX_GRAPH_EDGES) {
      this.omitted++;
      return;
    }
    this.edges.set(key, { from, to, label: cut(label), tone, dashed });
  }

  /** The node of a zone's key `tag`, or one for a key the zone does not publish. */
  keyNode(zone: NonNullable<ReturnType<Builder['zone']>>, tag: number, tone: Tone): string | undefined {
    return zone.keys.get(tag) ?? this.node(`missing|${zone.id}|${tag}`, zone.id, 'missing', [`DNSKEY id=${tag}`, 'not in the DNSKEY RRset'], tone);
  }

  model(title: string): GraphModel {
    return {
      title: cut(title),
      zones: [...this.zones.values()].map((z) => ({ id: z.id, name: cut(z.name), status: z.status, ...(z.reason ? { reason: z.reason } : {}) })),
      nodes: [...this.nodes.values()],
      edges: [...this.edges.values()],
      omitted: this.omitted,
    };
  }

  addLink(l: ChainLink): void {
    const z = this.zone(l.zone, l.status, l.reason);
    if (!z) return;
    const parent = l.via === 'ds' ? this.enclosing(l.zone, false) : undefined;
    const keyTone: Tone = l.status === 'secure' ? 'secure' : l.status === 'insecure' ? 'insecure' : 'unused';
    for (const k of (l.keys ?? []).slice(0, MAX_GRAPH_RECORDS_PER_SET)) {
      const id = this.node(`key|${z.id}|${k.keyTag}|${k.algorithm}|${k.flags}`, z.id, 'dnskey', keyLabel(k), keyTone);
      if (id && !z.keys.has(k.keyTag)) z.keys.set(k.keyTag, id);
    }
    this.omitted += Math.max(0, (l.keys?.length ?? 0) - MAX_GRAPH_RECORDS_PER_SET);
    const anchorId = l.via === 'trust-anchor' ? this.node(`anchor|${z.id}`, z.id, 'anchor', ['trust anchor', l.zone], l.status === 'secure' ? 'secure' : l.status) : undefined;
    const failed = l.status === 'bogus' || l.status === 'indeterminate';
    const anyMatch = (l.ds ?? []).some((d) => d.matchedKeyTag !== undefined);
    // DS -> DNSKEY: the digest link. Red where the zone broke there (no DS matched a key).
    const dsIds: string[] = [];
    for (const d of (l.ds ?? []).slice(0, MAX_GRAPH_RECORDS_PER_SET)) {
      const tone: Tone = d.matchedKeyTag !== undefined ? (failed ? 'unused' : 'secure') : !d.usable ? 'unused' : failed && !anyMatch ? l.status : 'unused';
      const id = this.node(`ds|${z.id}|${d.keyTag}|${d.algorithm}|${d.digestType}`, z.id, 'ds', [`${l.via === 'trust-anchor' ? 'trust anchor ' : ''}DS id=${d.keyTag}`, `alg=${d.algorithm} digest=${d.digestType}${d.usable ? '' : ' (not used)'}`], tone);
      if (!id) continue;
      dsIds.push(id);
      if (anchorId) this.edge(id, anchorId, 'configured', 'secure', true);
      if (d.matchedKeyTag !== undefined) this.edge(id, this.keyNode(z, d.matchedKeyTag, 'unused'), 'digest matches', failed && l.failedAt === 'dnskey' && anyMatch ? 'secure' : tone);
      else if (d.usable) this.edge(id, this.keyNode(z, d.keyTag, tone), z.keys.has(d.keyTag) ? 'digest does not match' : 'no such key', tone, tone === 'unused');
    }
    this.omitted += Math.max(0, (l.ds?.length ?? 0) - MAX_GRAPH_RECORDS_PER_SET);
    // The RRSIG over the DNSKEY RRset: each key points at the key that signed the set. Red when the
    // set's signature failed although a DS named a key (failedAt dnskey, a match).
    if (l.keysSignedBy !== undefined) {
      for (const id of new Set(z.keys.values())) this.edge(id, this.keyNode(z, l.keysSignedBy, 'secure'), 'RRSIG DNSKEY', 'secure');
    } else if (failed && l.failedAt === 'dnskey' && anyMatch) {
      for (const d of l.ds ?? []) {
        if (d.matchedKeyTag === undefined) continue;
        const signer = z.keys.get(d.matchedKeyTag);
        for (const id of new Set(z.keys.values())) this.edge(id, signer, 'RRSIG DNSKEY does not verify', l.status);
      }
    }
    if (parent) {
      // The DS RRset is the parent's data, signed by a parent key; a DS step that failed is red.
      if (l.dsSignedBy !== undefined) for (const id of dsIds) this.edge(id, this.keyNode(parent, l.dsSignedBy, 'secure'), `RRSIG DS by ${parent.name}`, 'secure');
      if (l.failedAt === 'ds') {
        const bad = this.node(`dsfail|${z.id}`, z.id, 'missing', [`DS ${l.zone}`, l.reason ?? l.status], l.status);
        for (const id of parentSigners(parent)) this.edge(bad, id, 'DS answer fails', l.status);
      }
      if (l.denial) this.addDenial(l.denial, this.node(`nods|${z.id}`, z.id, 'note', [`${l.zone}`, 'unsigned delegation'], 'insecure'), 'insecure', 'secure');
    }
  }

  /** A denial's NSEC/NSEC3 records, in the zone that signed them, pointing at its keys; `from` points at them. */
  addDenial(d: DenialInfo, from: string | undefined, tone: Tone, recordTone: Tone = tone): void {
    const z = this.zone(d.zone, 'secure');
    if (!z) return;
    for (const r of d.records.slice(0, MAX_GRAPH_RECORDS_PER_SET)) {
      const label = [`${r.type} ${r.owner}`, `next ${r.next}`, `types ${r.types.join(' ') || '(none)'}`];
      if (r.type === 'NSEC3') label.push(`iterations ${r.iterations ?? 0}${r.optOut ? ', opt-out' : ''}`);
      const id = this.node(`denial|${z.id}|${r.type}|${r.owner}`, z.id, 'denial', label, recordTone);
      this.edge(from, id, `${PROVES[d.proves]} for ${d.name} ${d.type}`, tone);
      for (const tag of d.signerKeyTags) this.edge(id, this.keyNode(z, tag, recordTone), `RRSIG ${r.type}`, recordTone === 'bogus' ? 'bogus' : 'secure');
    }
    this.omitted += Math.max(0, d.records.length - MAX_GRAPH_RECORDS_PER_SET);
  }

  addLookup(r: LookupResult): void {
    for (const l of r.chain) this.addLink(l);
    // The answer fails where the chain holds: a broken link is drawn (with its reason) at the link instead.
    const chainFailed = r.chain.some((l) => l.status === 'bogus' || l.status === 'indeterminate');
    const tone: Tone = chainFailed && r.status !== 'secure' ? 'unused' : r.status;
    const name = r.name.toString();
    const what = r.kind === 'nxdomain' ? 'NXDOMAIN' : r.kind === 'nodata' ? 'no data' : r.kind === 'answer' && r.rrset.length > 0 ? `${r.rrset.length} record${r.rrset.length === 1 ? '' : 's'}` : 'answer';
    // Aliases first: each CNAME/DNAME in the zone that holds it, linked in order to the answer.
    let prev: string | undefined;
    for (const a of r.aliases.slice(0, MAX_GRAPH_RECORDS_PER_SET)) {
      const z = this.enclosing(a.name.toString(), true);
      if (!z) continue;
      const id = this.node(`alias|${a.name.key()}|${a.type}`, z.id, 'rrset', [`${a.name} ${rrTypeToString(a.type)}`], r.status === 'secure' || r.status === 'insecure' ? r.status : 'unused');
      this.edge(prev, id, 'then', 'unused', true);
      prev = id;
    }
    const signer = r.rrsigs[0]?.data.signerName.toString() ?? r.denial?.zone;
    const z = (signer !== undefined ? this.zones.get(signer.toLowerCase()) : undefined) ?? this.enclosing(name, true);
    const answer = this.node(`rrset|${r.name.key()}|${r.type}`, z?.id ?? '', 'rrset', [`${name} ${rrTypeToString(r.type)}`, `${what} (${r.status})`, ...(r.status === 'secure' || tone === 'unused' ? [] : [r.reason])], r.status);
    this.edge(prev, answer, rrTypeToString(r.type), 'unused', true);
    const answerTone: Tone = r.status === 'secure' ? 'secure' : tone;
    for (const s of r.rrsigs.slice(0, MAX_GRAPH_RECORDS_PER_SET)) {
      const sz = this.zones.get(s.data.signerName.toString().toLowerCase());
      if (!sz) continue;
      this.edge(answer, this.keyNode(sz, s.data.keyTag, answerTone), `RRSIG ${rrTypeToString(r.type)}${answerTone === 'bogus' ? ' fails' : ''}`, answerTone);
    }
    if (r.denial) this.addDenial(r.denial, answer, answerTone === 'unused' ? 'unused' : answerTone);
  }
}

/** Where a failed DS answer points: the parent's first two key nodes (which key was to sign it is unknown). */
function parentSigners(z: { keys: Map<number, string> }): string[] {
  return [...new Set(z.keys.values())].slice(0, 2);
}

/** The picture of one or more lookups (a `resolve`, or every lookup of a domain check). */
export function graphModel(title: string, lookups: readonly LookupResult[]): GraphModel {
  const b = new Builder();
  for (const r of lookups) b.addLookup(r);
  return b.model(title);
}
