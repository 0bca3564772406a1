#!/usr/bin/env bash
# run-niced.sh N CMD...: runs CMD (exec: same pid) with its CPU priority lowered by N (0 = unchanged).
# run-niced.sh --pid PID N: sets a running process (all its threads, and its session) to nice N; a process
#                           started by the other form at another priority (raising it back needs CAP_SYS_NICE:
#                           without it, this says so and leaves it).
#
# Every process the local run starts is the leader of a session of its own (setsid: it outlives the shell that
# started it). Linux with autogroup scheduling (kernel.sched_autogroup_enabled=1, the default on Debian) shares
# the CPU fairly between sessions first and applies a thread's nice only within its session, so `nice -n N`
# alone has no effect against the other services. The session's own nice (/proc/<pid>/autogroup) is what
# counts there; without autogroup the thread's nice does. This sets both. Call the first form after setsid.
set -euo pipefail
if [[ $1 == --pid ]]; then
  pid=$2 n=$3
  [[ -d /proc/$pid ]] || exit 0
  if [[ -w /proc/$pid/autogroup ]] && ! grep -q " nice $n\$" "/proc/$pid/autogroup"; then
    echo "$n" >"/proc/$pid/autogroup" 2>/dev/null || echo "run-niced: cannot set the session of $pid to nice $n (needs CAP_SYS_NICE)" >&2
  fi
  for task in /proc/"$pid"/task/*; do
    renice -n "$n" -p "${task##*/}" >/dev/null 2>&1 || true
  done
  exit 0
fi
n=$1
shift
if ((n > 0)) && [[ -w /proc/$$/autogroup ]]; then
  echo "$n" >"/proc/$$/autogroup" 2>/dev/null || true
fi
exec nice -n "$n" "$@"
