/**
 * Every bound on work that an input can multiply, in one catalogue (ARCHITECTURE.md invariant 3).
 *
 * Each bound is defined once, in the layer that enforces it (so that imports keep pointing down:
 * the DNS data layer cannot import from the validator); this module names them all in one place
 * for review, documentation and tests. Exceeding a bound is a typed error (data layer), a bogus
 * status naming the bound (validator), or a failure with a reason (resolver, SMTP, matching).
 */

// ---- DNS data (src/dns) ----------------------------------------------------------------------
/** Label and name lengths (RFC 1035 §2.3.4). */
export { MAX_LABEL_LENGTH, MAX_NAME_WIRE_LENGTH } from './dns/name.ts';
/** Message size, compression pointers per name, and how far back a pointer may reach. */
export { MAX_MESSAGE_LENGTH, MAX_POINTERS_PER_NAME, MAX_POINTER_TARGET } from './dns/wire.ts';
/** Type bitmap windows, NSEC3 hash and salt lengths, TXT character-strings, TTL field. */
export { MAX_WINDOW_OCTETS } from './dns/rdata/type-bitmap.ts';
export { MIN_HASH_LENGTH as MIN_NSEC3_HASH_LENGTH, MAX_HASH_LENGTH as MAX_NSEC3_HASH_LENGTH } from './dns/rdata/nsec3.ts';
export { MAX_SALT_LENGTH as MAX_NSEC3PARAM_SALT_LENGTH } from './dns/rdata/nsec3param.ts';
export { MAX_CHARACTER_STRING } from './dns/rdata/txt.ts';
export { MAX_TTL_FIELD } from './dns/text-fields.ts';

// ---- DNS client (src/resolver) ---------------------------------------------------------------
/** Upstreams, attempts, time, UDP payload sizes, TCP message size and pipelining, cache lifetimes, resolv.conf size. */
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_CACHE_ENTRIES,
  DEFAULT_CACHE_OCTETS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_UDP_PAYLOAD_SIZE,
  MAX_ATTEMPTS,
  MAX_CACHE_TTL_SECONDS,
  MAX_ID_DRAWS,
  MAX_NEGATIVE_TTL_SECONDS,
  MAX_RESOLV_CONF_BYTES,
  MAX_RESOLV_CONF_SERVERS,
  MAX_TCP_MESSAGE_BYTES,
  MAX_TCP_PENDING,
  MAX_UDP_PAYLOAD_SIZE,
  MAX_UPSTREAMS,
  MIN_UDP_PAYLOAD_SIZE,
} from './resolver/defaults.ts';

// ---- DNSSEC (src/dnssec) ---------------------------------------------------------------------
/** Proven answers a validator keeps (entries and estimated octets), by default. */
export { ANSWER_CACHE_ENTRIES, ANSWER_CACHE_OCTETS } from './dnssec/answer-cache.ts';
/** Zones whose proven keys (and DS steps) a validator keeps, by default (`zoneCache`). */
export { ZONE_CACHE_ENTRIES } from './dnssec/keychain.ts';
/** The shared answer store: time per operation, size of one entry, entries of the in-memory store. */
export { ANSWER_STORE_TIMEOUT_MS, MAX_STORED_ENTRY_OCTETS, MEMORY_STORE_ENTRIES } from './dnssec/answer-store.ts';
/** Keys tried per RRSIG (KeyTrap), RSA key sizes, the key cache, NSEC3 field limits. */
export {
  KEY_CACHE_ENTRIES,
  VERIFIED_SIGNATURE_ENTRIES,
  MAX_KEYS_PER_RRSIG,
  MAX_NSEC3_ITERATIONS_FIELD,
  MAX_NSEC3_SALT_OCTETS,
  MAX_RSA_EXPONENT_OCTETS,
  MAX_RSA_MODULUS_BITS,
  MIN_RSASHA512_MODULUS_BITS,
  MIN_RSA_MODULUS_BITS,
} from './dnssec/limits.ts';
/** Per lookup: signature checks (in all and per zone), RRSIGs per RRset, queries, zone cuts, CNAME links, denial records, NSEC3 iterations, cache lifetimes. */
export { DEFAULT_VALIDATOR_LIMITS, type ValidatorLimits } from './dnssec/validator-limits.ts';
/** NSEC3 proofs: hashes and SHA-1 work per proof, iteration limits (RFC 9276 §3.2). */
export { NSEC3_MAX_HASHES, NSEC3_MAX_HASH_WORK, NSEC3_MAX_ITERATIONS_BOGUS, NSEC3_MAX_ITERATIONS_INSECURE } from './dnssec/nsec3.ts';
export { MAX_DENIAL_RECORDS } from './dnssec/denial.ts';
/** Per call (verifyDane, resolveDanePolicy): deadline, queries, signature checks, SMTP sessions, certificate octets. */
export { DEFAULT_CALL_BUDGET, type CallBudgetLimits } from './dnssec/call-budget.ts';
/** DS digests computed while matching a DS RRset to a DNSKEY RRset; trust anchors read from one input. */
export { MAX_DS_DIGESTS } from './dnssec/ds-match.ts';
export { MAX_TRUST_ANCHORS, MAX_TRUST_ANCHOR_TEXT_LENGTH } from './dnssec/anchors.ts';

// ---- SMTP and DANE (src/smtp, src/dane) ------------------------------------------------------
/** SMTP reply size, certificates kept from the peer, per-step timeouts. */
export { MAX_REPLY_LINES, MAX_REPLY_LINE_LENGTH } from './smtp/reply.ts';
export { MAX_PEER_CHAIN, DEFAULT_SESSION_TIMEOUTS } from './smtp/session.ts';
/** Certificate path length and signature checks for DANE-TA, names read from a certificate, certificate size. */
export { MAX_CHAIN_CERTIFICATES, MAX_SIGNATURE_CHECKS as MAX_CHAIN_SIGNATURE_CHECKS, MAX_PRESENTED_NAMES } from './dane/cert-limits.ts';
export { MAX_CERTIFICATE_DER_LENGTH } from './dane/tlsa.ts';
/** Characters read from a destination (`verifyDane(domain)`, the CLI's `<domain>`) before IDNA. */
export { MAX_DESTINATION_LENGTH, PARSED_DESTINATION_ENTRIES } from './dane/destination.ts';
/** MX hosts considered per domain, addresses connected to per host. */
export { DEFAULT_MAX_MX_HOSTS } from './dane/policy.ts';
export { MAX_ADDRESSES_PER_HOST, SESSION_TIMEOUT_STEPS } from './dane/verify.ts';
/** verifyDane's and createDaneResolver's step timeout (DNS question, SMTP step) when none is given. */
export { DEFAULT_STEP_TIMEOUT_MS } from './dane/validator-config.ts';
/** Configurations whose validator verifyDane keeps between calls when given none. */
export { MAX_SHARED_VALIDATORS } from './dane/shared-validator.ts';

// ---- CLI (src/cli) ---------------------------------------------------------------------------
/** Octets read from one file named on the command line (--trust-anchor, --cert, --next). */
export { MAX_CLI_INPUT_BYTES } from './cli/input-file.ts';
/** The chain-of-trust picture (--graph): nodes, edges, characters per label line, records per RRset drawn, lookups kept. */
export { MAX_GRAPH_NODES, MAX_GRAPH_EDGES, MAX_GRAPH_LABEL_CHARS, MAX_GRAPH_RECORDS_PER_SET, MAX_GRAPH_LOOKUPS } from './cli/graph/limits.ts';

// ---- Mail policy (src/mail-policy) -----------------------------------------------------------
/** MTA-STS policy body size (RFC 8461 §3.3's example, 64 KiB) and the largest max_age, a cache lifetime (§3.2). */
export { MAX_MTA_STS_POLICY_BYTES, MAX_MTA_STS_MAX_AGE } from './mail-policy/mta-sts-policy.ts';

// ---- Conformance vectors (src/vectors) -------------------------------------------------------
/** Octets read from one vector file and files read from one suite folder (`dane-verify vectors --dir`). */
export { MAX_VECTOR_FILE_BYTES, MAX_VECTOR_FILES } from './vectors/suite-files.ts';
/** Time, output octets and parallel processes of an adapter (`dane-verify vectors --adapter`); `; include:` depth. */
export { ADAPTER_TIMEOUT_MS, MAX_ADAPTER_OUTPUT_BYTES } from './vectors/adapter-process.ts';
export { VECTOR_CASE_CONCURRENCY } from './vectors/run-suite.ts';
export { MAX_INCLUDE_DEPTH as MAX_VECTOR_INCLUDE_DEPTH } from './vectors/load-validator.ts';

// ---- Mail policy, continued: MTA-STS fetch and TLS-RPT reports ----------------------------------
/** MTA-STS fetch: time per address, response header octets, addresses tried; policies cached (domains). */
export { MTA_STS_FETCH_TIMEOUT_MS, MAX_MTA_STS_HEADER_BYTES, MAX_MTA_STS_ADDRESSES } from './mail-policy/mta-sts-fetch.ts';
export { MTA_STS_CACHE_ENTRIES } from './mail-policy/mta-sts-cache.ts';
/** TLS-RPT reports: groups a recorder keeps, one field's length, policy strings; the report command's input file and line. */
export { MAX_TLSRPT_GROUPS, MAX_TLSRPT_FIELD_LENGTH, MAX_TLSRPT_POLICY_STRINGS } from './mail-policy/tlsrpt-report.ts';
export { MAX_REPORT_INPUT_BYTES, MAX_REPORT_LINE_BYTES } from './cli/report-command.ts';

// ---- Scans (src/scan) ------------------------------------------------------------------------
/** A scan's list: octets read, domains taken, bad lines reported; checks in flight; a result line; summary reasons; queries a second per resolver. */
export { MAX_SCAN_LIST_BYTES, MAX_SCAN_DOMAINS, MAX_LIST_PROBLEMS_KEPT } from './scan/domain-list.ts';
export { MAX_SCAN_CONCURRENCY, SCAN_CONCURRENCY_PER_CPU } from './scan/run-pool.ts';
export { MAX_RESULT_LINE_OCTETS } from './scan/result-file.ts';
export { MAX_SUMMARY_REASONS, MAX_REASON_LENGTH } from './scan/summary.ts';
export { MAX_QUERIES_PER_SECOND } from './resolver/pacer.ts';
/** The distributed scan: attempts per job, jobs added and results read per call; Redis connect time. */
export { QUEUE_JOB_ATTEMPTS, QUEUE_ADD_BATCH, QUEUE_READ_BATCH } from './scan/queue.ts';
export { REDIS_CONNECT_TIMEOUT_MS } from './scan/redis-connection.ts';
