/**
 * The chain-of-trust picture (model.ts) as Graphviz DOT text. Every identifier is one the model
 * made (`z0`, `n12`); every text from the lookups (names, reasons, record fields) goes only into
 * a quoted label, escaped by {@link dotString}, so that no zone can add attributes, nodes or
 * Graphviz escape sequences (`\N`, `\G`, `\l`) of its own.
 *
 * Colours follow DNSViz: secure blue, insecure black, bogus red, indeterminate orange, and grey
 * dashed for what is present but not relied on.
 */
import type { GraphModel, Tone } from './model.ts';

export const TONE_COLOURS: Readonly<Record<Tone, string>> = Object.freeze({
  secure: '#1a5fb4',
  insecure: '#000000',
  bogus: '#d40000',
  indeterminate: '#c16c00',
  unused: '#9a9a9a',
});

/**
 * A DOT quoted string holding `text` literally: backslashes doubled (so Graphviz's label escapes
 * never apply), quotes escaped, line breaks and other control characters replaced by a space
 * (a label's own lines are joined with {@link dotLines}).
 */
export function dotString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Label lines as one quoted DOT string, each line centred (`\n` is Graphviz's line break). */
export function dotLines(lines: readonly string[]): string {
  return `"${lines.map((l) => dotString(l).slice(1, -1)).join('\\n')}"`;
}

/** Identifiers are the model's own (`z0`, `n12`): anything else is a caller's mistake, never written. */
const ID = /^[zn][0-9]{1,6}$/;
function checkId(id: string): string {
  if (!ID.test(id)) throw new TypeError(`expected a graph model id like n12, got ${JSON.stringify(id).slice(0, 40)}`);
  return id;
}

const SHAPES: Record<GraphModel['nodes'][number]['kind'], string> = {
  anchor: 'shape=doubleoctagon',
  dnskey: 'shape=ellipse',
  ds: 'shape=ellipse, style=dashed',
  rrset: 'shape=rectangle',
  denial: 'shape=rectangle, style=rounded',
  missing: 'shape=ellipse, style=dotted',
  note: 'shape=note',
};

/** The DOT text of a model; zones are clusters, arrows point from signed data to its signer (drawn upward). */
export function toDot(m: GraphModel): string {
  const out = [
    'digraph "chain of trust" {',
    '  graph [rankdir=BT, compound=true, fontname="Helvetica", fontsize=12, labelloc=t, nodesep=0.3, ranksep=0.5];',
    `  label=${dotLines([m.title, ...(m.omitted > 0 ? [`(${m.omitted} more nodes and edges not drawn)`] : [])])};`,
    '  node [fontname="Helvetica", fontsize=10, penwidth=1.5];',
    '  edge [fontname="Helvetica", fontsize=9, penwidth=1.5];',
  ];
  const nodeLine = (n: GraphModel['nodes'][number], indent: string) => {
    const c = TONE_COLOURS[n.tone];
    return `${indent}${checkId(n.id)} [id="${n.id}", class="${n.kind} ${n.tone}", ${SHAPES[n.kind]}, label=${dotLines(n.label)}, color="${c}", fontcolor="${c}"${n.tone === 'bogus' ? ', penwidth=3' : ''}];`;
  };
  // Outside every zone: what no chain of trust reached (no trust anchor, a failed lookup).
  for (const n of m.nodes.filter((x) => x.zone === '')) out.push(nodeLine(n, '  '));
  for (const z of m.zones) {
    const colour = TONE_COLOURS[z.status];
    out.push(`  subgraph cluster_${checkId(z.id)} {`);
    out.push(`    id="${z.id}"; class="zone ${z.status}"; labelloc=b; label=${dotLines([z.name === '.' ? '. (root)' : z.name, ...(z.status === 'secure' ? [] : [`${z.status}${z.reason ? `: ${z.reason}` : ''}`])])}; color="${colour}"; fontcolor="${colour}"; penwidth=${z.status === 'bogus' ? 3 : 1.5};`);
    for (const n of m.nodes.filter((x) => x.zone === z.id)) out.push(nodeLine(n, '    '));
    out.push('  }');
  }
  m.edges.forEach((e, i) => {
    const c = TONE_COLOURS[e.tone];
    out.push(`  ${checkId(e.from)} -> ${checkId(e.to)} [id="e${i}", class="${e.tone}", label=${dotString(e.label)}, color="${c}", fontcolor="${c}"${e.dashed || e.tone === 'unused' ? ', style=dashed' : ''}${e.tone === 'bogus' ? ', penwidth=3' : ''}];`);
  });
  out.push('}');
  return out.join('\n') + '\n';
}
