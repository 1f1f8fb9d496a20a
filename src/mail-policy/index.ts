/**
 * `dane-verify/mail-policy`: the rest of mail transport security beside DANE (issue #16): the
 * TLS-RPT policy of a domain and aggregate reports (RFC 8460), and MTA-STS (RFC 8461) records,
 * policies, fetch, cache and its precedence below DANE. An entry point of its own, so that
 * `import { verifyDane } from 'dane-verify'` does not load the report builder and delivery (issue
 * #19); verifyDane imports the MTA-STS lookup it uses with `mtaSts` (node:https loads at the first
 * fetch).
 */
export { parseMtaStsPolicy, formatMtaStsPolicy, policyLines, mxMatchesPolicy, matchingMxPattern, type MtaStsPolicy, type MtaStsMode, type MtaStsPolicyResult, type MtaStsPolicyError } from './mta-sts-policy.ts';
export { parseMtaStsRecord, selectMtaStsRecord, formatMtaStsRecord, type MtaStsRecord, type MtaStsSelection } from './mta-sts-record.ts';
export { fetchMtaStsPolicy, type MtaStsFetchOptions, type MtaStsFetchResult, type MtaStsFetchErrorCode } from './mta-sts-fetch.ts';
export { resolveMtaSts, lookupMtaStsRecord, resolveMtaStsHost, mtaStsHostVerdict, type MtaStsOptions, type MtaStsResult, type MtaStsRecordLookup, type MtaStsHostVerdict, type MtaStsPolicyInForce, type MtaStsFailure } from './mta-sts-lookup.ts';
export { MtaStsPolicyCache, type MtaStsCache, type CachedMtaStsPolicy } from './mta-sts-cache.ts';
export { governHost, type GoverningMechanism, type HostGovernance, type MtaStsCheckOptions } from '../dane/mta-sts-precedence.ts';
export { parseTlsRptRecord, selectTlsRptRecord, lookupTlsRptPolicy, type TlsRptLookupResult } from './tlsrpt-record.ts';
export { TlsRptRecorder, utcDay, type TlsRptAttempt, type TlsRptReport, type TlsRptReportOptions, type TlsRptFailureDetails, type TlsRptPolicyType } from './tlsrpt-report.ts';
export { tlsRptFileName, tlsRptMessage, gzipTlsRptReport, tlsRptJson, type TlsRptMessageOptions } from './tlsrpt-delivery.ts';
export { attemptsFromDaneResult, attemptFromVerdict, attemptFromSkipped, type AttemptContext } from '../dane/tlsrpt-outcomes.ts';
