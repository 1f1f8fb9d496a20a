#!/usr/bin/env bash
# Debian packages that the interop tier (test/interop/, `npm run test:interop`) runs as real peers:
# an authoritative server (nsd), a validating recursive resolver (unbound), a real MTA with its DANE
# client (postfix: smtpd and posttls-finger), zone signers and validators (ldnsutils, bind9-utils,
# bind9-dnsutils: ldns-signzone, dnssec-signzone, delv, dig), openssl for certificates, iproute2
# for the network namespace, and postfix-mta-sts-resolver (an MTA-STS fetcher to compare with). This file is the one place that lists them.
# Installed only when missing; the packages' own services are never started by the install
# (a policy-rc.d that forbids it is put in place for the install when the machine has none).
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
have nsd || need+=(nsd)
have unbound || need+=(unbound)
have postfix || need+=(postfix)
have posttls-finger || need+=(postfix)
have ldns-signzone || need+=(ldnsutils)
have ldns-key2ds || need+=(ldnsutils)
have dnssec-signzone || need+=(bind9-utils)
have delv || need+=(bind9-dnsutils)
have dig || need+=(bind9-dnsutils)
have openssl || need+=(openssl)
have ip || need+=(iproute2)
# postfix-mta-sts-resolver: a real MTA-STS policy fetcher to compare ours with (test/interop/mta-sts-resolver.test.ts).
have mta-sts-query || need+=(postfix-mta-sts-resolver)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "interop-deps: need root to install: ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Postfix's installer asks for a mail configuration; the tier brings its own config dirs.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
placed_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  placed_policy=1
fi
cleanup() { if [ -n "$placed_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT
apt-get update -qq
mapfile -t uniq < <(printf '%s\n' "${need[@]}" | sort -u)
apt-get install -y -qq --no-install-recommends "${uniq[@]}" >/dev/null
