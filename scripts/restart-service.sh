#!/usr/bin/env bash
# Restarts one service of the local run (for development: after changing its code or migrations),
# leaving the others alone (a service with a worker: both its processes). usage: scripts/restart-service.sh <name> [--migrate]
#   --migrate  also generates its Prisma client and applies its migrations first
# start-services.sh then rebuilds that app alone (the others are running; an unchanged app is not rebuilt)
# and starts it from dist/ (RUN_FROM=src: from the TypeScript sources, as before).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
name=${1:?usage: scripts/restart-service.sh <name> [--migrate]}
[[ -f apps/$name/service.env ]] || die "no service called $name (apps/$name/service.env)"
if [[ ${2:-} == --migrate ]]; then
  db=$(sed -n 's/^SERVICE_DATABASE=//p' "apps/$name/service.env")
  if [[ $db != - ]]; then
    DATABASE_URL=$(db_url "$db") npx prisma generate --config "apps/$name/prisma.config.ts" >/dev/null
    DATABASE_URL=$(db_url "$db") npx prisma migrate deploy --config "apps/$name/prisma.config.ts" | tail -3
  fi
fi
# Its worker process too (apps/<name>/src/worker.ts), whichever layout it was started in.
[[ -f "apps/$name/src/worker.ts" ]] && stop_process "$name-worker"
stop_process "$name"
bash scripts/start-services.sh
