#!/usr/bin/env bash
# Prisma for every service that owns a database: `generate` the clients, `deploy` the migrations.
# usage: scripts/prisma.sh generate|deploy
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
cmd=${1:?generate or deploy}
for s in "${SERVICES[@]}"; do
  IFS=: read -r name _port db <<<"$s"
  [[ $db == - ]] && continue
  cfg="apps/$name/prisma.config.ts"
  case $cmd in
    generate) DATABASE_URL=$(db_url "$db") npx prisma generate --config "$cfg" >/dev/null ;;
    deploy)
      if ! out=$(DATABASE_URL=$(db_url "$db") npx prisma migrate deploy --config "$cfg" 2>&1); then
        echo "$out" | tail -20; die "migrations failed for $name"
      fi ;;
    *) die "unknown command $cmd" ;;
  esac
  say "prisma $cmd: $name"
done
