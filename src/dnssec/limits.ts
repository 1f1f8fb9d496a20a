/**
 * Every bound of the DNSSEC layer in one place (ARCHITECTURE.md invariant 3).
 *
 * The crypto work owns the first block; the validator adds its own below it.
 */

// ---- Cryptography (src/dnssec/rrsig.ts, algorithms.ts, crypto/) -------------------------------

/**
 * Most signature verifications one RRSIG may cost: keys that share the RRSIG's key tag and
 * algorithm are tried in turn, and a set built to collide (KeyTrap, CVE-2023-50387) stops here with
 * a reason instead of burning CPU. Legitimate tag collisions in one DNSKEY RRset are rare and
 * involve two or three keys; Unbound and BIND settled on small single-digit budgets too.
 */
export const MAX_KEYS_PER_RRSIG = 4;

/** RFC 3110 §2 and RFC 5702 §2: RSA moduli are 512 to 4096 bits. Larger keys are refused (cost). */
export const MIN_RSA_MODULUS_BITS = 512;
export const MAX_RSA_MODULUS_BITS = 4096;
/** RFC 5702 §2: RSASHA512 keys are at least 1024 bits. */
export const MIN_RSASHA512_MODULUS_BITS = 1024;
/**
 * Longest public exponent accepted, in octets. RFC 3110 allows up to 4096 bits, but a long exponent
 * makes verification cost grow linearly; every deployed signer uses 3 or 65537.
 */
export const MAX_RSA_EXPONENT_OCTETS = 8;

/** Parsed public keys kept per crypto backend (keyed by algorithm + key bytes). */
export const KEY_CACHE_ENTRIES = 1024;
/** Signature check outcomes remembered (algorithms.ts): ~150 octets each, so ~1.2 MB at most. */
export const VERIFIED_SIGNATURE_ENTRIES = 8192;

/** RFC 5155 §3.1.3: the NSEC3 iterations field is 16 bits; nothing above this can be asked for. */
export const MAX_NSEC3_ITERATIONS_FIELD = 0xffff;
/** RFC 5155 §3.1.4: the salt length field is one octet. */
export const MAX_NSEC3_SALT_OCTETS = 0xff;

// ---- Validator (added by the validator work) --------------------------------------------------
