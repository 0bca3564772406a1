#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Install (if needed) and start the whole local stack, in order:
# PostgreSQL, Kafka, Temporal dev server, plus the Temporal test server binary.
# Idempotent: a second run only checks that everything is installed and healthy.
#
# usage: POSTGRES_PASSWORD=... deploy/local/up.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMPONENT=up
# shellcheck source=lib.sh
. "$HERE/lib.sh"

t0=$(now_ms)
step() {
  local s
  s=$(now_ms)
  "$@"
  log "$(basename "$1") $2: $(since_s "$s")s"
}

[[ -n "${POSTGRES_PASSWORD:-}" ]] || warn "POSTGRES_PASSWORD is not set (required the first time, to create the database role)"

# installs first (downloads), then starts
step "$HERE/postgres.sh" install
step "$HERE/kafka.sh" install
step "$HERE/temporal.sh" install
step "$HERE/temporal-test-server.sh" install >/dev/null

step "$HERE/postgres.sh" start
step "$HERE/kafka.sh" start
step "$HERE/temporal.sh" start

log "stack is up in $(since_s "$t0")s"
"$HERE/status.sh"
