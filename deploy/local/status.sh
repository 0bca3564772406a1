#!/usr/bin/env bash
# One line per component; exits non-zero unless every service is running
# and the test server is installed.
# usage: deploy/local/status.sh
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

rc=0
for c in postgres kafka temporal temporal-test-server; do
  "$HERE/$c.sh" status || rc=1
done
# optional (tracing): only a collector that runs but does not accept traces is a failure
"$HERE/otelcol.sh" status
[[ $? != 1 ]] || rc=1
exit "$rc"
