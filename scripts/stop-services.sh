#!/usr/bin/env bash
# Stops the services with SIGTERM (they drain the outbox and finish in-flight messages), SIGKILL
# only after 15 s: each service's worker process first (lib.sh: has_worker), then its API. Finds them by
# pid file and, as a fallback, by their command line.
source "$(dirname "$0")/lib.sh"
for s in "${SERVICES[@]}"; do
  name=${s%%:*}
  [[ -f "$ROOT/apps/$name/src/worker.ts" ]] && stop_process "$name-worker"
  stop_process "$name"
done
