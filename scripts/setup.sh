#!/usr/bin/env bash
# Everything both README commands need first, idempotently: packages, generated code, the local
# infrastructure (PostgreSQL, Kafka, Temporal), and the database migrations.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
stamp="$LOCAL/npm-installed.sha"
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund >"$LOCAL/logs/npm-ci.log" 2>&1 || { tail -30 "$LOCAL/logs/npm-ci.log"; die "npm ci failed"; }
  echo "$want" >"$stamp"
fi
bash scripts/proto-generate.sh
say "starting local infrastructure"
bash deploy/local/up.sh
bash scripts/prisma.sh generate
bash scripts/prisma.sh deploy
node -r ./tools/register.js tools/kafka/create-topics.ts
