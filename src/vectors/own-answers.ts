/**
 * This package as an implementation under test: the answer it gives to each case, through the same
 * functions the validator uses (computeDS, verifyRRset, nsec3Hash, the denial proofs, Validator,
 * parseRR/formatRR). Never throws: an exception becomes `{ error }`, which fails the case.
 */
import { Name } from '../dns/name.ts';
import { formatRR, parseRR, parseZone } from '../dns/presentation.ts';
import { RRType, rrTypeFromString } from '../dns/iana/rr-types.ts';
import type { RecordOf } from '../dns/record.ts';
import { parseSigTime } from '../dns/rdata/rrsig.ts';
import { toHex } from '../dns/encoding.ts';
import { computeDS, isSupportedDigestType } from '../dnssec/ds.ts';
import { verifyRRset } from '../dnssec/rrsig.ts';
import { nsec3Hash } from '../dnssec/nsec3-hash.ts';
import { denialFunctions } from '../dnssec/denial-dispatch.ts';
import { DEFAULT_VALIDATOR_LIMITS } from '../dnssec/validator-limits.ts';
import { Validator } from '../dnssec/validator.ts';
import type { CryptoPolicy } from '../dnssec/algorithms.ts';
import type { DenialCase, VectorAnswer, VectorCase } from './case.ts';
import { ReplayUpstream } from './replay-upstream.ts';

/** `YYYYMMDDHHmmSS` (UTC) as a Date. */
export function vectorTime(text: string): Date {
  return new Date(parseSigTime(text, 'now') * 1000);
}

function type(text: string): number {
  const t = rrTypeFromString(text);
  if (t === undefined) throw new Error(`unknown record type ${text}`);
  return t;
}

function denial(c: DenialCase): VectorAnswer {
  const records = parseZone(c.records.join('\n'));
  const zone = Name.parse(c.zone);
  const qname = Name.parse(c.query.name);
  const p = denialFunctions(records, DEFAULT_VALIDATOR_LIMITS);
  const r = c.proof === 'nxdomain' ? p.proveNxDomain(qname, records, zone)
    : c.proof === 'nodata' ? p.proveNoData(qname, type(c.query.type), records, zone)
    : c.proof === 'wildcard-nodata' ? p.proveWildcardNoData(qname, type(c.query.type), records, zone)
    : c.proof === 'wildcard-answer' ? p.proveWildcardAnswer(qname, Name.parse(c.closestEncloser!), records, zone)
    : p.proveNoDs(qname, records, zone);
  const proof = r.ok ? r.proof : r.status === 'insecure' ? r.proof : undefined;
  return {
    status: r.status,
    ...(r.ok ? {} : { code: r.code, reason: r.reason }),
    ...(proof?.closestEncloser ? { closestEncloser: proof.closestEncloser.toString() } : {}),
    ...(r.ok ? { proofKind: r.proof.kind } : {}),
    hashes: r.hashes,
  };
}

/** This package's answer to one case, under a crypto policy (e.g. `{ allowSha1: false }`). */
export async function ownAnswer(c: VectorCase, policy: CryptoPolicy = {}): Promise<VectorAnswer> {
  try {
    switch (c.kind) {
      case 'ds': {
        if (!isSupportedDigestType(c.digestType)) return { skip: `DS digest type ${c.digestType} is not supported` };
        const ds = computeDS(parseRR(c.dnskey), c.digestType) as RecordOf<typeof RRType.DS>;
        return { digest: toHex(ds.data.digest) };
      }
      case 'rrsig': {
        const r = verifyRRset({ rrset: parseZone(c.rrset.join('\n')), rrsig: parseRR(c.rrsig), keys: parseZone(c.keys.join('\n')), now: vectorTime(c.now), ...(policy.allowSha1 === false ? { policy } : {}) });
        return r.ok ? { valid: true } : { valid: false, code: r.code, reason: r.reason };
      }
      case 'nsec3-hash':
        if (c.hashAlgorithm !== 1) return { skip: `NSEC3 hash algorithm ${c.hashAlgorithm} is not defined (RFC 5155 §11 has only 1, SHA-1)` };
        return { hash: nsec3Hash(c.name, c.saltHex, c.iterations) };
      case 'denial':
        return denial(c);
      case 'validator': {
        const upstream = new ReplayUpstream(c.responses);
        const now = vectorTime(c.now);
        const v = new Validator({ upstream, trustAnchors: c.anchors.join('\n'), now: () => now, cryptoPolicy: policy });
        const r = await v.lookup(Name.parse(c.query.name), type(c.query.type));
        return { status: r.status, ...(r.status === 'secure' ? {} : { code: r.reasons[0]?.code, reason: r.reason }), asked: upstream.asked };
      }
      case 'presentation':
        return { text: formatRR(parseRR(c.input)) };
      default: {
        const never: never = c;
        return { error: `unknown kind ${(never as VectorCase).kind}` };
      }
    }
  } catch (e) {
    return { error: (e as Error).message };
  }
}
