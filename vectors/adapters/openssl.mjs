#!/usr/bin/env node
// Adapter for the OpenSSL command line (Debian package openssl): the digests of the conformance
// suite computed by `openssl dgst`, with the DNS framing written here from the RFCs, not taken
// from dane-verify:
//   ds          digest(owner name in canonical wire form | DNSKEY RDATA)  (RFC 4034 §5.1.4)
//   nsec3-hash  IH(salt, x, k): x = owner name in canonical wire form, H(x | salt) iterated
//               k more times as H(previous | salt), base32hex without padding (RFC 5155 §5)
//   others      skipped: a signature check needs each record type's canonical RDATA, a DNS
//               codec that OpenSSL does not have.
// Usage: dane-verify vectors --adapter "node vectors/adapters/openssl.mjs"
import { fields, run, serve } from './protocol.mjs';

const DIGEST = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

/** The digest of `data` by `openssl dgst -<hash> -r`. */
function dgst(hash, data) {
  const r = run('openssl', ['dgst', `-${hash}`, '-r'], { input: data, pkg: 'openssl' });
  const hex = /^([0-9a-f]+)\s/.exec(r.stdout)?.[1];
  if (r.status !== 0 || !hex) throw new Error(`openssl dgst -${hash}: ${r.stderr.trim() || r.stdout.trim()}`);
  return Buffer.from(hex, 'hex');
}

/** A domain name in canonical wire form (RFC 4034 §6.2: lower case); escapes are not used by the suite. */
function nameWire(name) {
  if (name.includes('\\')) throw new Error(`escaped names are not handled by this adapter: ${name}`);
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
  const parts = [];
  for (const l of labels) {
    const b = Buffer.from(l.toLowerCase(), 'ascii');
    if (b.length > 63) throw new Error(`label longer than 63 octets in ${name}`);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** DNSKEY RDATA (RFC 4034 §2.1): flags (16 bits), protocol, algorithm, public key. */
function dnskeyRdata(rdata) {
  const [flags, protocol, algorithm, ...key] = rdata;
  const head = Buffer.alloc(4);
  head.writeUInt16BE(Number(flags), 0);
  head.writeUInt8(Number(protocol), 2);
  head.writeUInt8(Number(algorithm), 3);
  return Buffer.concat([head, Buffer.from(key.join(''), 'base64')]);
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
function base32hex(buf) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}

function ds(c) {
  const hash = DIGEST[c.digestType];
  if (!hash) return { skip: `digest type ${c.digestType} is not SHA-1, SHA-256 or SHA-384` };
  const f = fields(c.dnskey);
  if (f.type !== 'DNSKEY') return { error: `expected a DNSKEY record, got ${f.type}` };
  return { digest: dgst(hash, Buffer.concat([nameWire(f.owner), dnskeyRdata(f.rdata)])).toString('hex') };
}

function nsec3Hash(c) {
  if (c.hashAlgorithm !== 1) return { skip: `NSEC3 hash algorithm ${c.hashAlgorithm} is not SHA-1 (1)` };
  const salt = Buffer.from(c.saltHex === '-' ? '' : c.saltHex, 'hex');
  let h = dgst('sha1', Buffer.concat([nameWire(c.name), salt]));
  for (let i = 0; i < c.iterations; i++) h = dgst('sha1', Buffer.concat([h, salt]));
  return { hash: base32hex(h) };
}

await serve(async (c) => {
  switch (c.kind) {
    case 'ds': return ds(c);
    case 'nsec3-hash': return nsec3Hash(c);
    default: return { skip: `the openssl command line has no DNS codec for ${c.kind} vectors` };
  }
});
