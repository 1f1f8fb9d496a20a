/**
 * dane/der.ts and certificateParts (issue #19: asn1js no longer loaded to cut the SPKI): known
 * answers, the forms DER forbids, and agreement with asn1js (the parser it replaces) on real
 * certificates and on mutations of them that OpenSSL still accepts as certificates.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import * as asn1js from 'asn1js';
import { X509Certificate } from 'node:crypto';
import { children, readElement } from '../../src/dane/der.ts';
import { certificateParts } from '../../src/dane/tlsa.ts';
import { createTestChain } from '../../src/testing/certs.ts';

/** The implementation before issue #19, kept as the oracle. */
function asn1jsSpki(der: Uint8Array): Uint8Array | undefined {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(der);
  } catch {
    return undefined;
  }
  if (parsed.offset !== der.length) return undefined;
  const cert = parsed.result;
  if (!(cert instanceof asn1js.Sequence) || cert.valueBlock.value.length !== 3) return undefined;
  const tbs = cert.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) return undefined;
  const first = tbs.valueBlock.value[0];
  const hasVersion = first !== undefined && first.idBlock.tagClass === 3 && first.idBlock.tagNumber === 0;
  const node = tbs.valueBlock.value[(hasVersion ? 1 : 0) + 5];
  if (!(node instanceof asn1js.Sequence)) return undefined;
  return new Uint8Array(node.valueBeforeDecodeView);
}

function openSslAccepts(der: Uint8Array): boolean {
  try {
    new X509Certificate(Buffer.from(der));
    return true;
  } catch {
    return false;
  }
}

const chains = (['ec', 'rsa', 'ed25519'] as const).map((keyType) => createTestChain({ leafCN: 'mx.example', leafDnsNames: ['mx.example'], keyType }));
const certs = chains.flatMap((c) => [c.leaf.der, c.intermediate.der, c.root.der]);

describe('dane/der: element headers', () => {
  it('reads short and long lengths, and high tag numbers', () => {
    expect(readElement(Uint8Array.of(0x04, 0x02, 1, 2), 0)).to.deep.equal({ tag: 0x04, start: 0, contentStart: 2, end: 4 });
    const long = new Uint8Array(3 + 200);
    long.set([0x04, 0x81, 200]);
    expect(readElement(long, 0)?.end).to.equal(203);
    expect(readElement(Uint8Array.of(0x1f, 0x81, 0x01, 0x00), 0)).to.deep.equal({ tag: 0x1f, start: 0, contentStart: 4, end: 4 });
  });

  it('refuses what DER forbids or what runs past the end', () => {
    const bad: [string, number[]][] = [
      ['indefinite length', [0x30, 0x80, 0x00, 0x00]],
      ['long form for a short length', [0x04, 0x81, 0x01, 0xaa]],
      ['a leading zero length octet', [0x04, 0x82, 0x00, 0x81, ...new Array(0x81).fill(0)]],
      ['more than 4 length octets', [0x04, 0x85, 0, 0, 0, 0, 1, 0]],
      ['content past the end', [0x04, 0x05, 1, 2]],
      ['a length octet missing', [0x04]],
      ['a high tag number with a padding octet', [0x1f, 0x80, 0x01, 0x00]],
      ['a high tag number cut short', [0x1f, 0x81]],
    ];
    for (const [what, bytes] of bad) expect(readElement(Uint8Array.from(bytes), 0), what).to.equal(undefined);
    expect(readElement(Uint8Array.of(0x04, 0x02, 1, 2), 0, 3), 'past the limit').to.equal(undefined);
  });

  it('children tile their parent exactly, at most max of them', () => {
    const seq = Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x07);
    const p = readElement(seq, 0)!;
    expect(children(seq, p, 2)?.map((c) => c.tag)).to.deep.equal([0x02, 0x04]);
    expect(children(seq, p, 1)).to.equal(undefined);
    const ragged = Uint8Array.of(0x30, 0x05, 0x02, 0x01, 0x05, 0x04, 0x02);
    expect(children(ragged, readElement(ragged, 0)!, 5)).to.equal(undefined);
  });
});

describe('dane/tlsa: certificateParts without asn1js', () => {
  it('cuts the same SubjectPublicKeyInfo as asn1js from P-256, RSA and Ed25519 certificates', () => {
    for (const der of certs) {
      const parts = certificateParts(der);
      expect(parts).to.not.equal(undefined);
      expect(Buffer.from(parts!.spki).equals(Buffer.from(asn1jsSpki(der)!))).to.equal(true);
      // And it is the key OpenSSL reads from the certificate.
      expect(Buffer.from(parts!.spki).equals(new X509Certificate(Buffer.from(der)).publicKey.export({ type: 'spki', format: 'der' }))).to.equal(true);
    }
  });

  it('is not a certificate: trailing bytes, a cut, two certificates, an empty SEQUENCE', () => {
    const der = certs[0]!;
    expect(certificateParts(Uint8Array.from([...der, 0]))).to.equal(undefined);
    expect(certificateParts(der.subarray(0, der.length - 1))).to.equal(undefined);
    expect(certificateParts(Uint8Array.from([...der, ...der]))).to.equal(undefined);
    expect(certificateParts(Uint8Array.of(0x30, 0x00))).to.equal(undefined);
  });

  it('finds the key whenever OpenSSL reads a certificate, and the same one as asn1js there', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: certs.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), (i, edits) => {
        const der = Uint8Array.from(certs[i]!);
        for (const [at, v] of edits) der[at % der.length] = v;
        const ours = certificateParts(der)?.spki;
        const theirs = asn1jsSpki(der);
        if (openSslAccepts(der)) {
          accepted++;
          // A peer certificate has passed OpenSSL: its key must be found. (asn1js refused some of
          // these, e.g. a name whose string tag became SEQUENCE, which OpenSSL reads.)
          expect(ours, 'OpenSSL reads a certificate here').to.not.equal(undefined);
          if (theirs) expect(Buffer.from(ours!).equals(Buffer.from(theirs))).to.equal(true);
        }
        // Where OpenSSL refuses, both may cut something different out of the garbage (asn1js reads
        // BER leniently: an end-of-contents octet, a primitive [0] taken for the version).
      }),
      { numRuns: 3000, seed: 19 },
    );
    // Most single-octet edits land in signatures and names, where OpenSSL still parses.
    expect(accepted).to.be.above(500);
  });
});
