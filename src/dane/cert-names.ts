/**
 * Server names in a certificate, and whether they match a reference identifier, for DANE-TA
 * (RFC 7672 §3.2.2-3.2.3, RFC 6125 §6.4).
 *
 * Rules enforced:
 * - the presented identifiers are the subjectAltName dNSName entries; the subject CommonName is
 *   used only when the certificate has no dNSName at all (RFC 6125 §6.4.4, RFC 7672 §3.2.3);
 * - comparison is ASCII case-insensitive, one trailing dot ignored on either side;
 * - a wildcard is accepted only as the complete left-most label (`*.example.com`, never
 *   `f*.example.com` or `*.*.example.com`), it covers exactly one non-empty label, and never
 *   sits directly on a public-looking single label (`*.com` is refused) (RFC 7672 §3.2.3).
 *
 * Limitation: names are compared as ASCII (A-labels). A presented name with bytes outside
 * printable ASCII matches nothing.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID_SAN = '2.5.29.17';
const OID_CN = '2.5.4.3';
const GENERAL_NAME_DNS = 2;
import { MAX_PRESENTED_NAMES } from './cert-limits.ts';

export { MAX_PRESENTED_NAMES };

/** The DNS names a certificate presents, and where they came from. */
export interface PresentedNames {
  source: 'san' | 'cn' | 'none';
  names: string[];
}

/** Lower-cases ASCII and drops one trailing dot; `undefined` for anything not printable ASCII. */
export function normalizeDnsName(name: string): string | undefined {
  let n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253 || !/^[\x21-\x7e]+$/.test(n)) return undefined;
  n = n.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (n.split('.').some((l) => l.length === 0 || l.length > 63)) return undefined;
  return n;
}

function stringValue(v: unknown): string | undefined {
  if (v instanceof asn1js.BaseStringBlock) return v.valueBlock.value;
  return undefined;
}

/** Reads the presented DNS identifiers from a parsed certificate. */
export function presentedNames(cert: pkijs.Certificate): PresentedNames {
  const sanNames: string[] = [];
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID !== OID_SAN) continue;
    const san = ext.parsedValue;
    if (!(san instanceof pkijs.AltName)) continue;
    for (const gn of san.altNames) {
      if (gn.type === GENERAL_NAME_DNS && typeof gn.value === 'string') sanNames.push(gn.value);
      if (sanNames.length >= MAX_PRESENTED_NAMES) break;
    }
  }
  // RFC 6125 §6.4.4: the CN is consulted only when there is no dNSName subjectAltName.
  if (sanNames.length > 0) return { source: 'san', names: sanNames };
  const cns: string[] = [];
  for (const tv of cert.subject.typesAndValues) {
    if (tv.type !== OID_CN) continue;
    const v = stringValue(tv.value);
    if (v !== undefined) cns.push(v);
  }
  return cns.length > 0 ? { source: 'cn', names: cns } : { source: 'none', names: [] };
}

/**
 * True when one presented identifier covers one reference identifier. `*.example.com` covers
 * `mx.example.com`, not `example.com`, not `a.mx.example.com`.
 */
export function dnsNameMatches(presented: string, reference: string): boolean {
  const p = normalizeDnsName(presented);
  const r = normalizeDnsName(reference);
  // A reference identifier is a host name, never a pattern.
  if (p === undefined || r === undefined || r.includes('*')) return false;
  if (!p.includes('*')) return p === r;
  // RFC 7672 §3.2.3: "*" must be the whole left-most label and nowhere else.
  if (!p.startsWith('*.') || p.indexOf('*', 1) !== -1) return false;
  const rest = p.slice(2);
  if (!rest.includes('.')) return false; // refuse "*.com"
  const dot = r.indexOf('.');
  if (dot <= 0) return false;
  return r.slice(dot + 1) === rest;
}

/** The first reference identifier that a presented name covers, with that name. */
export function matchReferenceIdentifiers(
  presented: PresentedNames,
  references: readonly string[],
): { reference: string; presented: string } | undefined {
  for (const ref of references) {
    for (const name of presented.names) {
      if (dnsNameMatches(name, ref)) return { reference: ref, presented: name };
    }
  }
  return undefined;
}
