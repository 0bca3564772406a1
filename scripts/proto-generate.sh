#!/usr/bin/env bash
# Generates the TypeScript event types from proto/ (buf + protoc-gen-es, both from npm).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
rm -rf libs/shared/contracts/src/generated
npx buf generate proto --template proto/buf.gen.yaml
