/**
 * The list a scan reads (`dane-verify scan FILE`): one destination per line, as the domain check
 * takes it (A-labels or U-labels, dane/destination.ts), `#` starting a comment, blank lines
 * ignored. Each domain is checked once: a line naming a domain already listed (in any case, or
 * as the U-label form of an A-label given before) is counted as a duplicate. A line that is not
 * a mail domain (a mail address, a URL, an IP address, a bad name) is reported with its line
 * number and skipped: one bad line does not stop a scan of a million good ones.
 *
 * Bounds (a list may come from anyone): the octets read ({@link MAX_SCAN_LIST_BYTES}), the
 * domains kept ({@link MAX_SCAN_DOMAINS}) and the problems kept with their text
 * ({@link MAX_LIST_PROBLEMS_KEPT}; the rest are counted). A line longer than a destination may
 * be is refused by the destination parser before IDNA sees it.
 */
import { InvalidDomainError, parseDestination } from '../dane/destination.ts';

/** The most octets of a domain list read (64 MiB: about three million typical lines). */
export const MAX_SCAN_LIST_BYTES = 64 * 1024 * 1024;
/** The most distinct domains one scan takes. */
export const MAX_SCAN_DOMAINS = 1_000_000;
/** Bad lines reported with their text; beyond this they are only counted. */
export const MAX_LIST_PROBLEMS_KEPT = 100;

/** One domain to check. */
export interface ScanDomain {
  /** The destination as written on its line (what the check is given, so U-labels are reported in both forms). */
  readonly input: string;
  /** Its lower-case A-label form with the trailing dot: the identity of a domain in the scan and its output. */
  readonly key: string;
  /** 1-based line number. */
  readonly line: number;
}

export interface ListProblem {
  readonly line: number;
  readonly reason: string;
}

export interface DomainList {
  readonly domains: readonly ScanDomain[];
  /** Lines naming a domain listed before. */
  readonly duplicates: number;
  /** Bad lines, the first {@link MAX_LIST_PROBLEMS_KEPT}. */
  readonly problems: readonly ListProblem[];
  /** Every bad line, kept or not. */
  readonly invalid: number;
  /** Domains past {@link MAX_SCAN_DOMAINS}, not taken. */
  readonly overLimit: number;
}

/** The key of a domain given in any form the destination parser takes; undefined when it is not a mail domain. */
export function domainKey(text: string): string | undefined {
  try {
    const d = parseDestination(text, 'domain');
    return d.kind === 'domain' ? d.name.key() : undefined;
  } catch (e) {
    if (e instanceof InvalidDomainError) return undefined;
    throw e;
  }
}

/** Reads a list (see the module comment). Never throws for what the text holds. */
export function parseDomainList(text: string, maxDomains = MAX_SCAN_DOMAINS): DomainList {
  const domains: ScanDomain[] = [];
  const seen = new Set<string>();
  const problems: ListProblem[] = [];
  let duplicates = 0;
  let invalid = 0;
  let overLimit = 0;
  const bad = (line: number, reason: string) => {
    invalid++;
    if (problems.length < MAX_LIST_PROBLEMS_KEPT) problems.push({ line, reason });
  };
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const hash = raw.indexOf('#');
    const entry = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    if (entry === '') continue;
    if (/\s/.test(entry)) {
      bad(lineNo, `more than one word (${JSON.stringify(entry.slice(0, 80))}): one domain per line`);
      continue;
    }
    let key: string;
    try {
      const d = parseDestination(entry, 'domain');
      if (d.kind !== 'domain') {
        bad(lineNo, `${d.literal} is an IP address, which has no TLSA records: give a mail domain`);
        continue;
      }
      key = d.name.key();
    } catch (e) {
      if (!(e instanceof InvalidDomainError)) throw e;
      bad(lineNo, e.message);
      continue;
    }
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    if (domains.length >= maxDomains) {
      overLimit++;
      continue;
    }
    seen.add(key);
    domains.push({ input: entry, key, line: lineNo });
  }
  return { domains, duplicates, problems, invalid, overLimit };
}
