#!/usr/bin/env bash
# run-niced.sh N CMD...: runs CMD (exec: same pid) with its CPU priority lowered by N (0 = unchanged).
#
# Every process the local run starts is the leader of a session of its own (setsid: it outlives the shell that
# started it). Linux with autogroup scheduling (kernel.sched_autogroup_enabled=1, the default on Debian) shares
# the CPU fairly between sessions first and applies a thread's nice only within its session, so `nice -n N`
# alone has no effect against the other services. The session's own nice (/proc/<pid>/autogroup) is what
# counts there; without autogroup the thread's nice does. This sets both. Call it after setsid.
set -euo pipefail
n=$1
shift
if ((n > 0)) && [[ -w /proc/$$/autogroup ]]; then
  echo "$n" >"/proc/$$/autogroup" 2>/dev/null || true
fi
exec nice -n "$n" "$@"
