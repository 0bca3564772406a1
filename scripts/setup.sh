#!/usr/bin/env bash
# Everything both README commands need first, idempotently: packages, generated code, the local
# infrastructure (PostgreSQL, Kafka, Temporal), and the database migrations.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
# `npm install`, not `npm ci`: npm 11.19 writes lock files without other platforms' optional
# packages and then refuses them in `npm ci`. Every dependency is pinned exactly, and the lock
# file is honoured, so the result is the same tree.
stamp="$LOCAL/npm-installed.sha"
want=$(cat package.json package-lock.json apps/*/package.json libs/*/*/package.json | sha256sum | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  say "installing npm packages"
  npm install --no-audit --no-fund >"$LOCAL/logs/npm-install.log" 2>&1 || { tail -30 "$LOCAL/logs/npm-install.log"; die "npm install failed"; }
  cat package.json package-lock.json apps/*/package.json libs/*/*/package.json | sha256sum | cut -d' ' -f1 >"$stamp"
fi
bash scripts/proto-generate.sh
say "starting local infrastructure"
bash deploy/local/up.sh
bash scripts/prisma.sh generate
bash scripts/prisma.sh deploy
node -r ./tools/register.js tools/kafka/create-topics.ts
