#!/usr/bin/env bash
# The interop tier (`npm run test:interop`): builds the world (world/setup.sh) in a fresh network
# namespace, runs the mocha tests of test/interop inside that namespace, and tears everything down
# (world/teardown.sh) on every exit path, failures and interrupts included. Prints the count line
# (`N passed, N failed[, N skipped]`) and the tier's duration.
#
# Needs root (network namespaces, servers on port 53/25) and the Debian packages that
# .ci/interop-deps.sh installs; a missing one fails the tier, naming it. Never skips silently.
# DANE_INTEROP_KEEP=1 keeps the work directory (logs, zones, keys) for debugging.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=test/interop
start=$(date +%s)

fail() { printf 'interop: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (network namespaces, ports 25 and 53); run as root"
# command -> Debian package that provides it
declare -A PKG=(
  [nsd]=nsd [nsd-checkconf]=nsd [unbound]=unbound [unbound-checkconf]=unbound [unbound-control]=unbound
  [postfix]=postfix [posttls-finger]=postfix [postconf]=postfix
  [ldns-keygen]=ldnsutils [ldns-signzone]=ldnsutils [ldns-key2ds]=ldnsutils
  [dnssec-keygen]=bind9-utils [dnssec-signzone]=bind9-utils [dnssec-dsfromkey]=bind9-utils
  [delv]=bind9-dnsutils [dig]=bind9-dnsutils [openssl]=openssl [ip]=iproute2
  [mta-sts-query]=postfix-mta-sts-resolver
)
missing=()
for cmd in "${!PKG[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("${PKG[$cmd]} (for $cmd)")
done
if [ ${#missing[@]} -gt 0 ]; then
  fail "missing Debian packages: $(printf '%s\n' "${missing[@]}" | sort -u | paste -sd ' ') -- install them with: bash .ci/interop-deps.sh"
fi
[ -x node_modules/.bin/mocha ] || fail "node_modules missing: run npm ci first"

# A run killed outright (SIGKILL, a lost machine) could not tear down: tear down what it left,
# recognised by name (namespace dvinterop-<pid>, work dir /tmp/dane-interop-<pid>.*) when that
# pid no longer runs.
for stale in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^dvinterop-[0-9]+$' || true); do
  pid=${stale#dvinterop-}
  kill -0 "$pid" 2>/dev/null && continue
  printf 'interop: tearing down %s, left by a run that no longer exists\n' "$stale" >&2
  dirs=(/tmp/dane-interop-"$pid".*)
  [ -d "${dirs[0]}" ] || dirs=("/tmp/dane-interop-$pid.gone")
  for d in "${dirs[@]}"; do bash "$HERE/world/teardown.sh" "$d" "$stale" || true; done
done

NS=dvinterop-$$
W=$(mktemp -d "/tmp/dane-interop-$$.XXXXXX")
cleanup() {
  local rc=$?
  bash "$HERE/world/teardown.sh" "$W" "$NS" || rc=1
  printf 'interop: tier took %ss\n' "$(( $(date +%s) - start ))"
  exit "$rc"
}
trap cleanup EXIT
# On INT/TERM, stop the test run we started (by its pid), then exit through cleanup.
tests_pid=
on_signal() {
  if [ -n "$tests_pid" ]; then
    # mocha runs the tests in a child node process (for --import=tsx): stop both, by pid.
    local pids; read -r -a pids <<<"$tests_pid $(ps -o pid= --ppid "$tests_pid" 2>/dev/null | tr '\n' ' ')"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "$tests_pid" 2>/dev/null || true
  fi
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

bash "$HERE/world/setup.sh" "$W" "$NS"
printf 'interop: world built in %ss\n' "$(( $(date +%s) - start ))"
# In the background and waited for, so that a signal is handled at once (bash runs traps only
# between commands, and `wait` is interruptible where a foreground command is not).
ip netns exec "$NS" env DANE_INTEROP_WORLD="$W/world.json" \
  node_modules/.bin/mocha --config "$HERE/.mocharc.json" &
tests_pid=$!
wait "$tests_pid"
