#!/usr/bin/env bash
# README command 1: the whole system on this machine. Infrastructure, migrations, demo data, every
# service; then prints where to look. Safe to run again.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
# Tracing, opt-in (`npm run start:all -- --with-tracing` or OVERSIGHT_TRACING=1): the local OpenTelemetry
# Collector (built once from the Go module proxy, about 5 minutes) starts before the services, which then
# export their spans to it; traces land in .local/traces/traces.jsonl. Services already running keep theirs.
for arg in "$@"; do [[ $arg == --with-tracing ]] && OVERSIGHT_TRACING=1 || die "unknown option '$arg' (only --with-tracing)"; done
bash scripts/setup.sh
if [[ ${OVERSIGHT_TRACING:-0} == 1 ]]; then
  bash deploy/local/otelcol.sh install
  bash deploy/local/otelcol.sh start
  # Kept in a file, so that a service restarted later (scripts/restart-service.sh) exports too (lib.sh service_env).
  printf 'OTEL_TRACES_EXPORTER=otlp\nOTEL_EXPORTER_OTLP_ENDPOINT=%s\n' "$(bash deploy/local/otelcol.sh endpoint)" >"$TRACING_ENV"
else
  rm -f "$TRACING_ENV"
fi
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
if [[ ${OVERSIGHT_TRACING:-0} == 1 ]]; then
  echo "  Traces                  .local/traces/traces.jsonl: node -r ./tools/register.js tools/traces/show-trace.ts --last 5"
fi
