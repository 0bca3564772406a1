#!/usr/bin/env bash
# Stops the services (gracefully: they drain their outbox and finish in-flight messages), then the
# infrastructure. Data stays in .local/ for the next start; `rm -rf .local` resets everything.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/stop-services.sh
bash deploy/local/down.sh
