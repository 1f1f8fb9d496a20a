/**
 * Bounds on reading a server's certificates, in a module of their own so that the limits catalogue
 * and the DANE-EE path can name them without loading the DANE-TA machinery (pkijs; issue #19).
 */

/** At most this many presented certificates are considered (Postfix's default verify depth is 9). */
export const MAX_CHAIN_CERTIFICATES = 10;
/** At most this many signature verifications per path search. */
export const MAX_SIGNATURE_CHECKS = 32;
/** At most this many presented names are compared (a certificate can carry thousands). */
export const MAX_PRESENTED_NAMES = 256;
