#!/usr/bin/env bash
# Debian packages that the tests use as independent peers (they check our signer, validator and
# DANE verdicts against implementations we did not write). Installed only when missing.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have openssl || need+=(openssl)
have ldns-verify-zone || need+=(ldnsutils)
have delv || need+=(bind9-dnsutils)
have dnssec-verify || need+=(bind9-utils)
have faketime || need+=(faketime) # the shifted-clock run (npm run test:shifted)
have redis-server || need+=(redis-server) # the answer store on a real Redis (test/dnssec/redis-answer-store.test.ts), the distributed scan (test/scan/queue.test.ts)
have chromium || need+=(chromium) # --graph pictures checked in a headless browser (test/cli/graph/graph-browser.test.ts)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "system-deps: need root to install: ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
