#!/usr/bin/env bash
# Fails when the event contracts break style or wire compatibility with the committed baseline.
# After an intended, compatible change: scripts/proto-check.sh --update-baseline (and commit it).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
npx buf lint proto
if [[ ${1:-} == --update-baseline ]]; then
  npx buf build proto -o proto/baseline.binpb
  say "proto baseline updated"
else
  npx buf breaking proto --against proto/baseline.binpb
  say "proto contracts: lint ok, no breaking change against the baseline"
fi
