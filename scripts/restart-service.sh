#!/usr/bin/env bash
# Restarts one service of the local run (for development: after changing its code or migrations),
# leaving the others alone. usage: scripts/restart-service.sh <name> [--migrate]
#   --migrate  also generates its Prisma client and applies its migrations first
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
pidfile="$LOCAL/run/services/$name.pid"
for pid in $( { cat "$pidfile" 2>/dev/null; pgrep -f "$ROOT/apps/$name/src/main.ts"; } | sort -u); do
  kill -0 "$pid" 2>/dev/null || continue
  kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  say "stopped $name ($pid)"
done
rm -f "$pidfile"
bash scripts/start-services.sh
