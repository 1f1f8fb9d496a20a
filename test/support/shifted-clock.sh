#!/usr/bin/env bash
# Runs a command with the wall clock moved DAYS days ahead (libfaketime, Debian package faketime),
# to prove that no test depends on the day it runs: `bash test/support/shifted-clock.sh 400 npm test`.
#
# - FAKETIME_DONT_FAKE_MONOTONIC=1: only the wall clock moves; timers and timeouts (monotonic) run
#   at their real pace, so a shifted run takes as long as an ordinary one.
# - BIND's tools hang under libfaketime unless started with test/support/bind-env.ts (why: there).
# - DANE_VERIFY_REAL_EPOCH carries the real time into the run, so test/clock-shift.test.ts
#   can check that the shift took effect (a run that silently used the real clock proves nothing).
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: shifted-clock.sh DAYS COMMAND [ARG...]" >&2; exit 64; fi
days=$1; shift
case "$days" in ''|*[!0-9]*) echo "shifted-clock: DAYS must be a whole number, got '$days'" >&2; exit 64 ;; esac
command -v faketime >/dev/null || { echo "shifted-clock: faketime is not installed (Debian package faketime; .ci/system-deps.sh installs it)" >&2; exit 1; }
export DANE_VERIFY_REAL_EPOCH=$(date +%s)
export DANE_VERIFY_CLOCK_SHIFT_DAYS=$days
export FAKETIME_DONT_FAKE_MONOTONIC=1
exec faketime -f "+${days}d" "$@"
