/**
 * dane-verify: DANE for SMTP (RFC 7672) with its own DNSSEC validator.
 *
 * This module is the public API and nothing else: every export is re-exported from the layer
 * that implements it.
 * @packageDocumentation
 */
export { Name } from './dns/name.ts';
export { DnsFormatError, type DnsFormatErrorCode } from './dns/errors.ts';
export { RRType, RRClass, rrTypeToString, rrTypeFromString } from './dns/iana/rr-types.ts';
export type * from './dns/record.ts';
export { isType } from './dns/record.ts';
