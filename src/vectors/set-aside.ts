/**
 * Cases set aside before any implementation is asked: algorithms a policy switches off
 * (`--no-sha1`, RFC 8624 §3.1), and, for this package, algorithms the platform's node:crypto
 * (OpenSSL) cannot do: a FIPS build refuses SHA-1 signatures or lacks Ed448. Such a case is
 * skipped with the reason, never passed and never failed.
 */
import { generateKeyPairSync, createHash, sign, verify } from 'node:crypto';
import { parseZone } from '../dns/presentation.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../dns/record.ts';
import type { VectorCase } from './case.ts';

/** What a case needs from the crypto below it. */
export interface CaseNeeds {
  /** DNSSEC algorithms of its DNSKEY, RRSIG and DS records. */
  readonly algorithms: ReadonlySet<number>;
  /** Whether it hashes with SHA-1 (DS digest type 1, NSEC3 hashes). */
  readonly sha1Digest: boolean;
}

/** The SHA-1 signature algorithms, RSASHA1 (5) and RSASHA1-NSEC3-SHA1 (7). */
const SHA1_ALGORITHMS = [5, 7];
const ED448 = 16;

function recordsOf(c: VectorCase): ResourceRecord[] {
  // A DS digest verifies no signature: the key's algorithm plays no part (its digest type does).
  const lines = c.kind === 'rrsig' ? [...c.rrset, c.rrsig, ...c.keys]
    : c.kind === 'denial' ? c.records
    : c.kind === 'validator' ? [...c.anchors, ...c.responses.flatMap((r) => [...r.answer, ...r.authority])]
    : [];
  return parseZone(lines.join('\n'));
}

/** The algorithms and digests a case uses. @throws on records that do not parse (the case fails anyway) */
export function caseNeeds(c: VectorCase): CaseNeeds {
  const algorithms = new Set<number>();
  let sha1Digest = c.kind === 'nsec3-hash' || (c.kind === 'ds' && c.digestType === 1);
  for (const r of recordsOf(c)) {
    if (r.type === RRType.DNSKEY || r.type === RRType.RRSIG) algorithms.add((r as RecordOf<typeof RRType.DNSKEY>).data.algorithm);
    if (r.type === RRType.DS) algorithms.add((r as RecordOf<typeof RRType.DS>).data.algorithm);
    if (r.type === RRType.NSEC3) sha1Digest = true;
  }
  return { algorithms, sha1Digest };
}

/** The reason a policy sets a case aside, if it does. */
export function policySkip(needs: CaseNeeds, policy: { allowSha1?: boolean }): string | undefined {
  if (policy.allowSha1 !== false) return undefined;
  const used = SHA1_ALGORITHMS.filter((a) => needs.algorithms.has(a));
  if (used.length === 0) return undefined;
  return `signed with ${used.map((a) => (a === 5 ? 'RSASHA1 (5)' : 'RSASHA1-NSEC3-SHA1 (7)')).join(' and ')}: SHA-1 algorithms set aside by policy (--no-sha1, RFC 8624 §3.1)`;
}

/** What this platform's node:crypto can do, probed once. */
export interface PlatformCrypto {
  readonly sha1Digest: boolean;
  readonly sha1Signatures: boolean;
  readonly ed448: boolean;
}

let probed: PlatformCrypto | undefined;

/**
 * Probes node:crypto: SHA-1 hashing, whether RSA verification with SHA-1 is refused (a FIPS or
 * crypto-policy build throws, where a working one merely answers false for a SHA-256 signature),
 * and Ed448 key generation.
 */
export function platformCrypto(): PlatformCrypto {
  if (probed) return probed;
  const attempt = (f: () => unknown): boolean => {
    try {
      f();
      return true;
    } catch {
      return false;
    }
  };
  const data = Buffer.from('dane-verify vectors probe');
  probed = Object.freeze({
    sha1Digest: attempt(() => createHash('sha1').update(data).digest()),
    sha1Signatures: attempt(() => {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      verify('sha1', data, publicKey, sign('sha256', data, privateKey));
    }),
    ed448: attempt(() => generateKeyPairSync('ed448')),
  });
  return probed;
}

/** The reason this platform cannot run a case through this package, if it cannot. */
export function platformSkip(needs: CaseNeeds, platform: PlatformCrypto): string | undefined {
  if (needs.sha1Digest && !platform.sha1Digest) return 'this Node\'s OpenSSL refuses SHA-1 digests (a FIPS build?)';
  if (SHA1_ALGORITHMS.some((a) => needs.algorithms.has(a)) && !platform.sha1Signatures) return 'this Node\'s OpenSSL refuses SHA-1 signatures (a FIPS build or a crypto policy without SHA-1)';
  if (needs.algorithms.has(ED448) && !platform.ed448) return 'this Node\'s OpenSSL has no Ed448';
  return undefined;
}
