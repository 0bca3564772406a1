#!/usr/bin/env bash
# Stops the services with SIGTERM (they drain the outbox and finish in-flight messages), SIGKILL
# only after 15 s. Finds them by pid file and, as a fallback, by their command line.
source "$(dirname "$0")/lib.sh"
for s in "${SERVICES[@]}"; do
  name=${s%%:*} pidfile="$LOCAL/run/services/${s%%:*}.pid"
  pids=$( { cat "$pidfile" 2>/dev/null; pgrep -f "$ROOT/apps/$name/src/main.ts"; } | sort -u)
  for pid in $pids; do
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "stopped $name ($pid)"
  done
  rm -f "$pidfile"
done
