import {
  MAX_PRESENTED_NAMES
} from "./chunk-6FJV6TXM.js";

// dist/dane/cert-names.js
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
var OID_SAN = "2.5.29.17";
var OID_CN = "2.5.4.3";
var GENERAL_NAME_DNS = 2;
function normalizeDnsName(name) {
  let n = name.endsWith(".") ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253 || !/^[\x21-\x7e]+$/.test(n))
    return void 0;
  n = n.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (n.split(".").some((l) => l.length === 0 || l.length > 63))
    return void 0;
  return n;
}
function stringValue(v) {
  if (v instanceof asn1js.BaseStringBlock)
    return v.valueBlock.value;
  return void 0;
}
function presentedNames(cert) {
  const sanNames = [];
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID !== OID_SAN)
      continue;
    const san = ext.parsedValue;
    if (!(san instanceof pkijs.AltName))
      continue;
    for (const gn of san.altNames) {
      if (gn.type === GENERAL_NAME_DNS && typeof gn.value === "string")
        sanNames.push(gn.value);
      if (sanNames.length >= MAX_PRESENTED_NAMES)
        break;
    }
  }
  if (sanNames.length > 0)
    return { source: "san", names: sanNames };
  const cns = [];
  for (const tv of cert.subject.typesAndValues) {
    if (tv.type !== OID_CN)
      continue;
    const v = stringValue(tv.value);
    if (v !== void 0)
      cns.push(v);
  }
  return cns.length > 0 ? { source: "cn", names: cns } : { source: "none", names: [] };
}
function dnsNameMatches(presented, reference) {
  const p = normalizeDnsName(presented);
  const r = normalizeDnsName(reference);
  if (p === void 0 || r === void 0 || r.includes("*"))
    return false;
  if (!p.includes("*"))
    return p === r;
  if (!p.startsWith("*.") || p.indexOf("*", 1) !== -1)
    return false;
  const rest = p.slice(2);
  if (!rest.includes("."))
    return false;
  const dot = r.indexOf(".");
  if (dot <= 0)
    return false;
  return r.slice(dot + 1) === rest;
}
function matchReferenceIdentifiers(presented, references) {
  for (const ref of references) {
    for (const name of presented.names) {
      if (dnsNameMatches(name, ref))
        return { reference: ref, presented: name };
    }
  }
  return void 0;
}
export {
  MAX_PRESENTED_NAMES,
  dnsNameMatches,
  matchReferenceIdentifiers,
  normalizeDnsName,
  presentedNames
};
