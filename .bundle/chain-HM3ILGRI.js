import {
  MAX_CHAIN_CERTIFICATES,
  MAX_SIGNATURE_CHECKS
} from "./chunk-6FJV6TXM.js";

// dist/dane/chain.js
import { createPublicKey, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
function parseCertificate(der, spki) {
  try {
    return { der, cert: pkijs.Certificate.fromBER(der), spki };
  } catch {
    return void 0;
  }
}
function publicKey(spki) {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
  } catch {
    return void 0;
  }
}
function signedBy(child, key) {
  if (!key)
    return false;
  try {
    return new X509Certificate(Buffer.from(child.der)).verify(key);
  } catch {
    return false;
  }
}
function describe(c) {
  const cn = c.cert.subject.typesAndValues.find((tv) => tv.type === "2.5.4.3");
  const v = cn?.value instanceof asn1js.BaseStringBlock ? cn.value.valueBlock.value : void 0;
  return v !== void 0 ? `CN=${v}` : "a certificate without CN";
}
function syntheticAnchor(spki, issuedBy) {
  const c = new pkijs.Certificate();
  c.version = 2;
  c.serialNumber = new asn1js.Integer({ value: 1 });
  c.subject = issuedBy.cert.issuer;
  c.issuer = issuedBy.cert.issuer;
  c.notBefore = new pkijs.Time({ type: 1, value: ALWAYS.notBefore });
  c.notAfter = new pkijs.Time({ type: 1, value: ALWAYS.notAfter });
  c.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spki);
  const bc = new pkijs.BasicConstraints({ cA: true });
  c.extensions = [new pkijs.Extension({ extnID: "2.5.29.19", critical: true, extnValue: bc.toSchema().toBER(false), parsedValue: bc })];
  c.signature = issuedBy.cert.signatureAlgorithm;
  c.signatureAlgorithm = issuedBy.cert.signatureAlgorithm;
  c.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(1).buffer });
  c.tbsView = new Uint8Array(c.encodeTBS().toBER(false));
  return c;
}
function isSelfIssued(c) {
  return c.cert.subject.isEqual(c.cert.issuer);
}
var ALWAYS = { notBefore: new Date(Date.UTC(1950, 0, 1)), notAfter: new Date(Date.UTC(9999, 11, 31, 23, 59, 59)) };
function withoutValidityPeriod(c) {
  const copy = pkijs.Certificate.fromBER(c.der);
  copy.notBefore = new pkijs.Time({ type: 1, value: ALWAYS.notBefore });
  copy.notAfter = new pkijs.Time({ type: 1, value: ALWAYS.notAfter });
  copy.tbsView = new Uint8Array(copy.encodeTBS().toBER(false));
  return copy;
}
function validityFailure(c, depth, now) {
  const nb = c.cert.notBefore.value;
  const na = c.cert.notAfter.value;
  if (now.getTime() < nb.getTime()) {
    return { ok: false, code: "not-yet-valid", depth, reason: `${describe(c)} at depth ${depth} is not valid before ${nb.toISOString()} (now ${now.toISOString()})` };
  }
  if (now.getTime() > na.getTime()) {
    return { ok: false, code: "expired", depth, reason: `${describe(c)} at depth ${depth} expired ${na.toISOString()} (now ${now.toISOString()})` };
  }
  return void 0;
}
async function verifyPathToAnchor(chain, anchor, now) {
  const leaf = chain[0];
  if (!leaf)
    return { ok: false, code: "no-path", reason: "the leaf certificate is missing or could not be parsed" };
  if (anchor.kind === "certificate" && !chain[anchor.index]) {
    return { ok: false, code: "no-path", reason: `the anchor certificate at depth ${anchor.index} could not be parsed` };
  }
  const anchorKey = anchor.kind === "key" ? publicKey(anchor.spki) : void 0;
  if (anchor.kind === "key" && !anchorKey) {
    return { ok: false, code: "not-trusted", reason: "the DANE-TA key in the TLSA record is not a public key this library can use" };
  }
  const anchorIndex = anchor.kind === "certificate" ? anchor.index : -1;
  const path = [0];
  const used = /* @__PURE__ */ new Set([0]);
  let checks = 0;
  let reachedKey = false;
  for (; ; ) {
    const cur = chain[path[path.length - 1]];
    if (anchor.kind === "certificate" && path[path.length - 1] === anchor.index)
      break;
    if (path.length > MAX_CHAIN_CERTIFICATES) {
      return { ok: false, code: "no-path", reason: `no path to the trust anchor within ${MAX_CHAIN_CERTIFICATES} certificates` };
    }
    if (anchor.kind === "key") {
      if (++checks > MAX_SIGNATURE_CHECKS)
        break;
      if (signedBy(cur, anchorKey)) {
        reachedKey = true;
        break;
      }
    }
    const candidates = chain.flatMap((c, i) => c ? [{ c, i }] : []).filter(({ c, i }) => i !== 0 && !used.has(i) && cur.cert.issuer.isEqual(c.cert.subject)).sort((a, b) => Number(b.i === anchorIndex) - Number(a.i === anchorIndex) || a.i - b.i);
    let next;
    for (const { c, i } of candidates) {
      if (++checks > MAX_SIGNATURE_CHECKS)
        break;
      if (signedBy(cur, publicKey(c.spki))) {
        next = i;
        break;
      }
    }
    if (next === void 0) {
      if (anchor.kind === "key" || anchor.fromDns) {
        const key = anchor.kind === "key" ? anchorKey : publicKey(chain[anchor.index].spki);
        const related = chain.some((c, i) => c && i !== anchorIndex && checks++ < MAX_SIGNATURE_CHECKS && signedBy(c, key));
        if (!related) {
          return { ok: false, code: "anchor-unrelated", reason: `the ${anchor.kind === "key" ? "key" : "CA certificate"} in the TLSA record signed none of the certificates the server presented` };
        }
      }
      return {
        ok: false,
        code: "no-path",
        depth: path.length - 1,
        reason: `no presented certificate${anchor.kind === "key" ? " and not the DANE-TA key" : ""} issued ${describe(cur)} at depth ${path.length - 1}: the chain to the trust anchor is broken`
      };
    }
    path.push(next);
    used.add(next);
  }
  if (anchor.kind === "key" && !reachedKey) {
    return { ok: false, code: "no-path", reason: `signature check budget (${MAX_SIGNATURE_CHECKS}) exhausted before reaching the DANE-TA key` };
  }
  const topIndex = path[path.length - 1];
  const anchorDatesApply = anchor.kind === "certificate" && isSelfIssued(chain[topIndex]);
  for (const [depth, i] of path.entries()) {
    if (anchor.kind === "certificate" && i === topIndex && !anchorDatesApply)
      continue;
    const f = validityFailure(chain[i], depth, now);
    if (f)
      return f;
  }
  const pathCerts = path.map((i) => chain[i].cert);
  const top = pathCerts[pathCerts.length - 1];
  const trusted = anchor.kind === "key" ? syntheticAnchor(anchor.spki, chain[topIndex]) : anchorDatesApply ? top : withoutValidityPeriod(chain[topIndex]);
  const untrusted = anchor.kind === "certificate" ? pathCerts.slice(0, -1) : pathCerts;
  for (const c of [...untrusted, trusted])
    if (c.tbsView.byteLength === 0)
      c.tbsView = new Uint8Array(c.encodeTBS().toBER(false));
  const order = [...untrusted, trusted];
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [trusted],
    certs: [...untrusted].reverse(),
    // pkijs takes the last one as the leaf
    checkDate: now,
    // Signatures were verified above; here pkijs only walks our path.
    findIssuer: async (c) => {
      const at = order.findIndex((o) => o === c || Buffer.from(o.tbsView).equals(Buffer.from(c.tbsView)));
      const issuer = at >= 0 ? order[at + 1] : void 0;
      return issuer ? [issuer] : [];
    }
  });
  let verdict;
  try {
    verdict = await engine.verify({ passedWhenNotRevValues: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : typeof e === "object" && e && "resultMessage" in e ? String(e.resultMessage) : String(e);
    return { ok: false, code: "not-trusted", reason: `path validation failed: ${msg}` };
  }
  if (!verdict.result) {
    return { ok: false, code: "not-trusted", reason: `path validation failed: ${verdict.resultMessage ?? "no reason given"}` };
  }
  return { ok: true, path, anchorDepth: path.length - 1 };
}
export {
  MAX_CHAIN_CERTIFICATES,
  MAX_SIGNATURE_CHECKS,
  parseCertificate,
  verifyPathToAnchor
};
