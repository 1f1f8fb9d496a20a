/**
 * dane-verify: DANE for SMTP (RFC 7672) with its own DNS client and DNSSEC validator.
 *
 * This module is the public API and nothing else: every export is re-exported from the layer
 * that implements it. The test world (signed DNS hierarchy, DNS and SMTP servers) is a separate
 * entry point, `dane-verify/testing`.
 * @packageDocumentation
 */

// ---- DANE for SMTP ---------------------------------------------------------------------------
export {
  verifyDane,
  resolveDanePolicy,
  type DaneOptions,
  type DaneResult,
  type DaneOutcome,
  type HostResult,
  type AddressResult,
} from './dane/verify.ts';
export { clearSharedValidators } from './dane/shared-validator.ts';
export { createDaneResolver, DaneResolverClosedError, type DaneResolver, type DaneResolverOptions, type DaneCallOptions, type DaneResolverStats } from './dane/dane-resolver.ts';
export type { CacheConfig } from './dane/validator-config.ts';
export { DIAGNOSTICS_CHANNELS, type DnsQueryMessage, type LookupMessage, type SmtpSessionMessage, type MatchMessage, type DnsQueryStartMessage, type SmtpSessionStartMessage } from './diagnostics.ts';
export { parseDestination, InvalidDomainError, type Destination, type DomainDestination, type AddressLiteralDestination, type DestinationRole, type InvalidDomainProblem } from './dane/destination.ts';
export { resolveDanePolicyWith, resolveHostPolicy, referenceIdentifiers, secureNextHop, type DanePolicy, type HostPolicy, type HostPolicyKind, type MxInfo, type TlsaRecordInfo, type PolicyOptions } from './dane/policy.ts';
export { tlsaAssociation, classifyTlsa, type TlsaClassification, type TlsaUnusableCode, type UsableTlsa } from './dane/tlsa.ts';
export { matchChain, type MatchInput, type MatchResult, type MatchFailureCode, type RecordOutcome } from './dane/match.ts';
export { checkDaneIdentity, daneTlsOptions, verifyDanePeer, DaneVerificationError, type DanePeerPolicy } from './dane/identity.ts';
export { connectPlan, DaneRequiredError, type ConnectPlan, type ConnectPlanOptions, type ConnectTarget, type TargetTlsOptions, type TargetVerdict, type SkippedHost } from './dane/connect-plan.ts';
export { type TlsRptResultType, isTlsRptResultType, tlsRptForSessionFailure } from './dane/tlsrpt.ts';
export { tlsRptForError } from './dane/tlsrpt-errors.ts';
export { startTlsSession, type StartTlsOptions, type StartTlsResult, type SessionFailure, type SessionStep } from './smtp/session.ts';

// ---- DNSSEC ----------------------------------------------------------------------------------
export { Validator, type ValidatorOptions, type ValidatorCacheStats, type LookupResult, type AnswerKind } from './dnssec/validator.ts';
export { ANSWER_CACHE_ENTRIES, ANSWER_CACHE_OCTETS, type AnswerCacheLimits, type AnswerCacheStats } from './dnssec/answer-cache.ts';
export { MemoryAnswerStore, type AnswerStore, type AnswerStoreOptions } from './dnssec/answer-store.ts';
export { redisAnswerStore, type RedisLikeClient } from './dnssec/redis-answer-store.ts';
export { DEFAULT_VALIDATOR_LIMITS, type ValidatorLimits } from './dnssec/validator-limits.ts';
export { DEFAULT_CALL_BUDGET, type CallBudgetLimits, type BudgetReport } from './dnssec/call-budget.ts';
export type { SecurityStatus, Reason, ReasonCode } from './dnssec/status.ts';
export type { ChainLink } from './dnssec/keychain.ts';
export { ianaRootAnchors, parseTrustAnchors, parseTrustAnchorXml, parseTrustAnchorText, TrustAnchorError, type TrustAnchor } from './dnssec/anchors.ts';
export { verifyRRset, type VerifyRRsetInput, type RRsetVerifyResult, type RRsetVerifyCode } from './dnssec/rrsig.ts';
export { computeDS, dsMatchesDnskey } from './dnssec/ds.ts';
export { keyTag } from './dnssec/keytag.ts';
export { nsec3Hash } from './dnssec/nsec3-hash.ts';
export { algorithmStatus, type CryptoPolicy } from './dnssec/algorithms.ts';

// ---- DNS client ------------------------------------------------------------------------------
export { StubResolver, type StubResolverOptions, type ResolverStats } from './resolver/stub.ts';
export type { Resolver, QueryResult, QueryAnswer, QueryFailure, QueryOptions, Attempt, FailureCode } from './resolver/result.ts';
export { parseServerAddress } from './resolver/server-address.ts';

// ---- DNS data --------------------------------------------------------------------------------
export { Name } from './dns/name.ts';
export { DnsFormatError, type DnsFormatErrorCode } from './dns/errors.ts';
export { RRType, RRClass, rrTypeToString, rrTypeFromString } from './dns/iana/rr-types.ts';
export { Rcode, rcodeToString } from './dns/iana/rcodes.ts';
export type * from './dns/record.ts';
export { isType } from './dns/record.ts';
export { parseRR, formatRR, parseZone } from './dns/presentation.ts';
export { createRR, recordFromRdata, decodeRdata, encodeRdata } from './dns/rdata/index.ts';
export { decodeMessage, encodeMessage, createQuery, type Message, type Question, type Edns, type MessageFlags } from './dns/message.ts';
export { canonicalRdata, canonicalRRset } from './dns/canonical.ts';

// Mail policy (MTA-STS, RFC 8461; TLS-RPT policies and reports, RFC 8460): `dane-verify/mail-policy`
// (src/mail-policy/index.ts), an entry point of its own so that this one does not load it.
