/**
 * The `certs` target: DER and PEM certificates, mutated from the seed chains or random, read by
 * certificateParts, tlsaAssociation, pemToDerCertificates, classifyTlsa, parseCertificate and
 * presentedNames, and presented with TLSA records to matchChain; the contract of each.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { toHex } from '../../src/dns/encoding.ts';
import { associationBytes, certificateParts, classifyTlsa, MAX_CERTIFICATE_DER_LENGTH, pemToDerCertificates, tlsaAssociation } from '../../src/dane/tlsa.ts';
import { parseCertificate } from '../../src/dane/chain.ts';
import { presentedNames } from '../../src/dane/cert-names.ts';
import { matchChain } from '../../src/dane/match.ts';
import type { TestKeyType } from '../../src/testing/certs.ts';
import { bytes, concat, same } from './bytes.ts';
import { attempt, showText, violation, type FuzzTarget } from './fuzz-target.ts';
import { applyByteEdits, applyTextEdits, byteEdits, textEdits, type ByteEdit, type TextEdit } from './mutations.ts';
import { CERT_NOW, seedChain, type SeedChain } from './fuzz-seeds.ts';

/** Which certificate input is mutated, and where it goes: the chain sent, or the TLSA record. */
const CERT_PARTS = ['leaf', 'intermediate', 'root', 'record-cert', 'record-key', 'random'] as const;
type CertPart = (typeof CERT_PARTS)[number];

interface CertInput {
  keyType: TestKeyType;
  part: CertPart;
  edits: ByteEdit[];
  random: Uint8Array;
  selector: 0 | 1;
  matchingType: 0 | 1 | 2;
  /** Give the certificate as PEM text, with these edits to the text. */
  pem: TextEdit[] | null;
  /** Also run matchChain; `ta`: with DANE-TA records only, so that the path is built and verified. */
  match: 'no' | 'all' | 'ta';
}

/** The name the seed chains' leaf is issued for: matchChain's reference identifier. */
const REFERENCE = 'mx.example.com';

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const tlsa = (certUsage: number, selector: number, matchingType: number, data: Uint8Array) => ({ certUsage, selector, matchingType, certificateAssociationData: data });
const pemOf = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;

/** SEQUENCE headers nested 20,000 deep, indefinite and definite length: stack exhaustion in a BER reader. */
const DEEP = [new Uint8Array(40_000).map((_, i) => (i % 2 === 0 ? 0x30 : 0x80)), concat(...new Array<Uint8Array>(5000).fill(Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff)))];

export function certsTarget(): FuzzTarget<CertInput> {
  const chains = new Map((['ec', 'ed25519', 'rsa'] as const).map((k) => [k, seedChain(k)]));
  const mutated = (input: CertInput) => {
    const { der, spki } = chains.get(input.keyType)!;
    const original = input.part === 'record-key' ? spki.root : input.part === 'random' ? input.random
      : input.part === 'record-cert' ? der.root : der[input.part];
    return applyByteEdits(original, input.edits);
  };
  const edits = fc.oneof({ weight: 1, arbitrary: fc.constant([] as ByteEdit[]) }, { weight: 9, arbitrary: byteEdits });
  return {
    name: 'certs',
    async: true,
    arbitrary: fc.record({
      keyType: fc.constantFrom<TestKeyType>('ec', 'ed25519', 'rsa'),
      part: fc.constantFrom(...CERT_PARTS),
      edits,
      random: fc.oneof(bytes(300), fc.constantFrom(...DEEP)),
      selector: fc.constantFrom<0 | 1>(0, 1),
      matchingType: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      pem: fc.option(fc.oneof(fc.constant([] as TextEdit[]), textEdits), { freq: 4 }),
      match: fc.constantFrom<'no' | 'all' | 'ta'>('no', 'no', 'all', 'ta'),
    }),
    async check(input) {
      const der = mutated(input);
      checkCertificateBytes(der, input);
      if (input.pem) checkPem(applyTextEdits(pemOf(der), input.pem), input);
      if (input.match !== 'no') await checkMatch(chains.get(input.keyType)!, der, input);
    },
    show: (input) => {
      const der = mutated(input);
      const pem = input.pem ? `, PEM text ${showText(applyTextEdits(pemOf(der), input.pem))}` : '';
      return `${input.keyType} ${input.part} (${der.length} octets): fromHex(${showText(toHex(der))}), selector ${input.selector}, matching type ${input.matchingType}, matchChain ${input.match}${pem}`;
    },
  };
}

/** The reading functions on DER: values or the documented throws only, and consistent. */
function checkCertificateBytes(der: Uint8Array, input: CertInput): void {
  const parts = certificateParts(der);
  if (parts && (parts.spki.length === 0 || parts.spki.length >= der.length)) violation(`an SPKI of ${parts.spki.length} octets in ${der.length}`);
  const hex = attempt(() => tlsaAssociation(der, input.selector, input.matchingType), Error);
  if (hex instanceof Error) {
    const expected = der.length > MAX_CERTIFICATE_DER_LENGTH ? RangeError : TypeError;
    if (!(hex instanceof expected)) throw hex;
    if (parts) violation(`tlsaAssociation throws on what certificateParts reads: ${hex.message}`);
  } else {
    if (!parts) violation('tlsaAssociation reads what certificateParts refuses');
    if (hex !== toHex(associationBytes(der, input.selector, input.matchingType)!)) violation('tlsaAssociation and associationBytes disagree');
  }
  for (const selector of [0, 1]) classifyTlsa(tlsa(2, selector, 0, der));
  const parsed = parts && parseCertificate(der, parts.spki);
  if (parsed) presentedNames(parsed.cert);
}

/** PEM text: every certificate in it, or the documented TypeError. */
function checkPem(text: string, input: CertInput): void {
  const ders = attempt(() => pemToDerCertificates(text), TypeError);
  const hex = attempt(() => tlsaAssociation(text, input.selector, input.matchingType), Error);
  if (hex instanceof Error && !(hex instanceof TypeError || hex instanceof RangeError)) throw hex;
  if (ders instanceof Error) {
    if (!(hex instanceof TypeError)) violation('tlsaAssociation reads PEM text that pemToDerCertificates refuses');
    return;
  }
  for (const d of ders) certificateParts(d);
}

/** matchChain resolves whatever is presented or published, and a DANE-EE match is the leaf's. */
async function checkMatch(ch: SeedChain, der: Uint8Array, input: CertInput): Promise<void> {
  const { leaf, intermediate, root } = ch.der;
  const chain = input.part === 'leaf' ? [der, intermediate, root]
    : input.part === 'intermediate' ? [leaf, der, root]
      : input.part === 'root' ? [leaf, intermediate, der]
        : input.part === 'random' ? [der, intermediate]
          : [leaf, intermediate];
  const records = [
    ...(input.match === 'all' ? [tlsa(3, 1, 1, sha256(ch.spki.leaf)), tlsa(3, 0, 1, sha256(leaf))] : []),
    tlsa(2, 0, 1, sha256(intermediate)),
    tlsa(2, 1, 1, sha256(ch.spki.intermediate)),
    tlsa(2, 1, 0, input.part === 'record-key' ? der : ch.spki.root),
    tlsa(2, 0, 0, input.part === 'record-cert' ? der : root),
  ];
  const result = await matchChain({ chain, records, referenceIdentifiers: [REFERENCE], now: CERT_NOW });
  if (typeof result.ok !== 'boolean' || result.records.length !== records.length) violation('matchChain gave a malformed result');
  if (result.ok && result.usage === 'DANE-EE') {
    const r = result.record;
    const mine = associationBytes(chain[0]!, r.selector as 0 | 1, r.matchingType as 0 | 1 | 2);
    if (!mine || !same(mine, r.certificateAssociationData)) violation('a DANE-EE match for a leaf that does not hash to the record');
  }
  const untouched = chain.every((d, i) => same(d, [leaf, intermediate, root][i]!)) && input.part !== 'record-key' && input.part !== 'record-cert';
  if (untouched && !result.ok) violation(`the unmodified chain does not match: ${result.reason}`);
}
