#!/usr/bin/env bash
# README command 1: the whole system on this machine. Infrastructure, migrations, demo data, every
# service; then prints where to look. Safe to run again.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/start-services.sh
node -r ./tools/register.js tools/seed/seed-demo-data.ts
cat <<MSG

$(say "Oversight is running")
  Staff web app           http://127.0.0.1:${STAFF_UI_PORT:-3200}  (sign in as any demo user)
  API docs (Swagger UI)   $GATEWAY_URL/docs
  OpenAPI document        $GATEWAY_URL/docs/openapi.json
  Gateway health          $GATEWAY_URL/health/ready
  Metrics                 $GATEWAY_URL/metrics  (and /metrics on every service: :3101-:3106)
  Temporal UI             http://127.0.0.1:${TEMPORAL_UI_PORT:-8233}
  Logs                    .local/logs/
  Demo users              $GATEWAY_URL/auth/demo-users  (password: DEMO_USER_PASSWORD in .local/secrets.env)
  Get a token             curl -s -XPOST $GATEWAY_URL/auth/token -H 'content-type: application/json' \\
                            -d '{"username":"reviewer.amara","password":"<DEMO_USER_PASSWORD>"}'
  Stop everything         npm run stop:all
MSG
