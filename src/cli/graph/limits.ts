/**
 * Bounds of the chain-of-trust picture (`--graph`), on their own so that `dane-verify/limits` can
 * name them without loading the picture's code. Names and record counts come from strangers' zones.
 */

/** Most nodes one picture draws (a DNSKEY RRset of a stranger's zone may hold hundreds of keys). */
export const MAX_GRAPH_NODES = 300;
/** Most edges one picture draws. */
export const MAX_GRAPH_EDGES = 600;
/** Most characters of one label line (a name is at most 253 characters, more when escaped). */
export const MAX_GRAPH_LABEL_CHARS = 72;
/** Most records of one RRset drawn (DS, DNSKEY, NSEC/NSEC3 of one proof); the rest are counted. */
export const MAX_GRAPH_RECORDS_PER_SET = 12;
/** Most lookups one picture is made from (a domain check makes about five per MX host). */
export const MAX_GRAPH_LOOKUPS = 100;
