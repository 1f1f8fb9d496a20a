/** One link of a chain of trust in words, as `resolve -v` and the domain check's `-v` print it. */
import type { ChainLink } from '../dnssec/keychain.ts';

export function chainLinkText(l: ChainLink): string {
  return `${l.zone} ${l.status} via ${l.via}${l.dsKeyTags.length ? ` (DS ${l.dsKeyTags.join(' ')})` : ''}${l.keyTags.length ? ` keys ${l.keyTags.join(' ')}` : ''}${l.reason ? `: ${l.reason}` : ''}`;
}
