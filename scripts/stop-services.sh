#!/usr/bin/env bash
source "$(dirname "$0")/lib.sh"
for pidfile in "$LOCAL"/run/services/*.pid; do
  [[ -f $pidfile ]] || continue
  name=$(basename "$pidfile" .pid) pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "stopped $name"
  fi
  rm -f "$pidfile"
done
