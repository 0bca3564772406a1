#!/usr/bin/env bash
# Stop the whole local stack (clean shutdowns; data in .local/ is kept).
# usage: deploy/local/down.sh
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

rc=0
"$HERE/temporal.sh" stop || rc=1
"$HERE/kafka.sh" stop || rc=1
"$HERE/postgres.sh" stop || rc=1
exit "$rc"
