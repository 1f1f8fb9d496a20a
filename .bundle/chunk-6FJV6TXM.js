var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// dist/dane/cert-limits.js
var MAX_CHAIN_CERTIFICATES = 10;
var MAX_SIGNATURE_CHECKS = 32;
var MAX_PRESENTED_NAMES = 256;

export {
  __export,
  MAX_CHAIN_CERTIFICATES,
  MAX_SIGNATURE_CHECKS,
  MAX_PRESENTED_NAMES
};
