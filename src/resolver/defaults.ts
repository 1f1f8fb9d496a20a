/**
 * Every default and bound of the stub resolver, in one place (ARCHITECTURE.md invariant 3).
 *
 * Times are in milliseconds unless the name says seconds. Defaults are frozen; callers override
 * them through {@link StubResolverOptions}, never by editing these.
 */

/** Advertised EDNS0 UDP payload size: the DNS Flag Day 2020 value, which avoids IP fragmentation. */
export const DEFAULT_UDP_PAYLOAD_SIZE = 1232;
/** RFC 6891 §6.2.5: a payload size below 512 is treated as 512; without EDNS the limit is 512 (RFC 1035 §4.2.1). */
export const MIN_UDP_PAYLOAD_SIZE = 512;
/** The largest UDP payload we advertise or accept as an option (a 16-bit field, RFC 6891 §6.1.2). */
export const MAX_UDP_PAYLOAD_SIZE = 65_535;

/** Time one try (one upstream, one transport) may take before the next is tried. */
export const DEFAULT_TIMEOUT_MS = 2_000;
/** How many rounds over the upstream list a query makes before it gives up. */
export const DEFAULT_ATTEMPTS = 2;
/** Time a whole query may take, across every try and upstream. */
export const DEFAULT_DEADLINE_MS = 10_000;
/** Upper bound on `attempts` that a caller may ask for. */
export const MAX_ATTEMPTS = 10;
/** Upper bound on the number of upstreams one resolver uses. */
export const MAX_UPSTREAMS = 16;

/** glibc reads at most 3 `nameserver` lines (MAXNS in resolv.h); we do the same. */
export const MAX_RESOLV_CONF_SERVERS = 3;
/** resolv.conf is a small file; anything larger is not read past this many bytes. */
export const MAX_RESOLV_CONF_BYTES = 64 * 1024;

/** Entries the answer cache holds before it evicts the least recently used. */
export const DEFAULT_CACHE_ENTRIES = 10_000;
/**
 * Octets the answer cache holds (each message counted with everything it keeps alive, dns/detach.ts)
 * before it evicts the least recently used: without it, 10,000 answers padded to 64 KiB over TCP
 * by a hostile zone would hold 640 MiB.
 */
export const DEFAULT_CACHE_OCTETS = 32 * 1024 * 1024;
/** A positive answer is cached no longer than this, whatever its TTL (Unbound's cache-max-ttl). */
export const MAX_CACHE_TTL_SECONDS = 86_400;
/** RFC 2308 §5: negative answers are cached no longer than this (it suggests one to three hours). */
export const MAX_NEGATIVE_TTL_SECONDS = 10_800;

/** RFC 7766 §6.2.3: an idle TCP connection to an upstream is closed after this long. */
export const TCP_IDLE_TIMEOUT_MS = 2_000;
/** Queries one TCP connection may have outstanding at once (RFC 7766 §6.2.1.1 pipelining). */
export const MAX_TCP_PENDING = 64;
/** A DNS message over TCP carries a 16-bit length (RFC 1035 §4.2.2, RFC 7766 §8). */
export const MAX_TCP_MESSAGE_BYTES = 65_535;
/** Draws of a fresh random ID before giving up on finding one unused on a TCP connection. */
export const MAX_ID_DRAWS = 16;
