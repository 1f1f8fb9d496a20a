#!/usr/bin/env bash
# Stops what setup.sh started, deletes its network namespace and /etc/netns/<netns>, and removes
# <workdir> (kept when DANE_INTEROP_KEEP=1, for debugging). Safe to run on a half-built world, and
# more than once.
#
# What is stopped: the processes named by the pid files setup.sh's daemons wrote under <workdir>
# (Postfix through `postfix stop`), then any process still inside the namespace (only setup.sh
# populates it: Postfix's children, an nsd child), each by its pid.
#
# usage: teardown.sh <workdir> <netns>
set -uo pipefail
W=${1:?workdir}
NS=${2:?netns}
readonly STOP_POLLS=100           # polls for a process to exit after SIGTERM
readonly STOP_POLL_INTERVAL=0.05  # seconds (so at most 5 s per process before SIGKILL)

log() { printf 'teardown: %s\n' "$*" >&2; }

stop_pid() { # pid, what
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < STOP_POLLS; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep "$STOP_POLL_INTERVAL"
  done
  log "$2 (pid $pid) ignored SIGTERM; SIGKILL"
  kill -KILL "$pid" 2>/dev/null
}

ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$NS"; }

if [ -d "$W/postfix/conf" ] && ns_exists; then
  ip netns exec "$NS" postfix -c "$W/postfix/conf" stop >/dev/null 2>&1 || true
fi
for pidfile in "$W"/postfix/spool/pid/master.pid "$W"/unbound/unbound.pid "$W"/nsd/*/nsd.pid; do
  [ -f "$pidfile" ] || continue
  stop_pid "$(tr -dc '0-9' < "$pidfile")" "$pidfile"
done
if ns_exists; then
  for pid in $(ip netns pids "$NS" 2>/dev/null); do
    log "left in namespace: pid $pid ($(cat "/proc/$pid/comm" 2>/dev/null))"
    stop_pid "$pid" "process in $NS"
  done
  ip netns del "$NS" || log "could not delete namespace $NS"
fi
rm -rf "/etc/netns/$NS"
if [ -f "$W/created-etc-netns" ]; then rmdir /etc/netns 2>/dev/null || true; fi
if [ "${DANE_INTEROP_KEEP:-}" = 1 ]; then
  log "kept $W"
else
  rm -rf "$W"
fi
