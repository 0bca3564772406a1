#!/usr/bin/env bash
# Stop the whole local stack (clean shutdowns; data in .local/ is kept).
# usage: deploy/local/down.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

rc=0
# the collector first (optional, for tracing; a no-op when not running): the services are stopped by now
"$HERE/otelcol.sh" stop || rc=1
"$HERE/temporal.sh" stop || rc=1
"$HERE/kafka.sh" stop || rc=1
"$HERE/postgres.sh" stop || rc=1
exit "$rc"
