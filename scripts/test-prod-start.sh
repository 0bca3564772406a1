#!/usr/bin/env bash
# The production start path: builds the gateway and the audit service to plain JavaScript
# (tools/build/build-app.js, the apps' Nx `build` target), applies their migrations to scratch
# databases the way the deployment's migration job does, starts both from dist/ with plain `node`
# on spare ports, and checks that /health/ready is green and that no TypeScript loader was used.
#
# It runs beside the normal local stack without touching it: the running PostgreSQL (scratch
# databases prodstart_gateway and prodstart_audit, dropped at the end) and a private Kafka broker
# on its own port (a second audit in the shared "audit" consumer group would take partitions from
# the running one and write their events into the scratch database). The gateway's other upstreams
# are the running services. Needs: scripts/setup.sh done (packages, generated clients, Kafka installed).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

GATEWAY_PORT=${PROD_START_GATEWAY_PORT:-3990}
AUDIT_PORT=${PROD_START_AUDIT_PORT:-3992}
PRIVATE="$LOCAL/private/prod-start"
# The private broker also checks the background priority (deploy/local/priority.env, run-niced.sh): started with
# BACKGROUND_NICE=7, its session's autogroup and its threads must run at nice 7.
KAFKA_ENV=(OVERSIGHT_LOCAL_DIR="$PRIVATE" KAFKA_PORT="${PROD_START_KAFKA_PORT:-19492}" KAFKA_CONTROLLER_PORT="${PROD_START_KAFKA_CONTROLLER_PORT:-19493}" BACKGROUND_NICE=7)
BROKERS="127.0.0.1:${PROD_START_KAFKA_PORT:-19492}"
PIDS=()

psql_admin() { PGPASSWORD=$POSTGRES_PASSWORD psql -h 127.0.0.1 -p "${PG_PORT:-5432}" -U oversight -d postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  env "${KAFKA_ENV[@]}" bash deploy/local/kafka.sh kill >/dev/null 2>&1 || true
  rm -rf "$PRIVATE"
  for db in prodstart_gateway prodstart_audit; do psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

for port in "$GATEWAY_PORT" "$AUDIT_PORT"; do
  ! ss -ltn "sport = :$port" | grep -q LISTEN || die "port $port is taken (set PROD_START_GATEWAY_PORT / PROD_START_AUDIT_PORT)"
done

# Built beside the running services' dist/apps (which they run from), never over it.
BUILT="$PRIVATE/dist"
say "prod start: building gateway and audit"
rm -rf "$PRIVATE"
BUILD_DIR=$BUILT node tools/build/build-app.js --force gateway audit

say "prod start: private Kafka on $BROKERS, scratch databases, migrations"
env "${KAFKA_ENV[@]}" bash deploy/local/kafka.sh start >/dev/null
kafka_pid=$(cat "$PRIVATE/run/kafka.pid")
[[ $(ps -o ni= -p "$kafka_pid" | tr -d ' ') == 7 ]] || die "the broker started with BACKGROUND_NICE=7 runs at nice $(ps -o ni= -p "$kafka_pid")"
if [[ -r /proc/$kafka_pid/autogroup ]]; then
  grep -q ' nice 7$' "/proc/$kafka_pid/autogroup" || die "the broker's session runs at $(cat "/proc/$kafka_pid/autogroup"), not nice 7"
fi
say "prod start: background priority applied (the private broker runs at nice 7)"
KAFKA_BROKERS=$BROKERS node -r ./tools/register.js tools/kafka/create-topics.ts
for app in gateway audit; do
  db=prodstart_$app
  psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  # The migration job's command (Dockerfile target "migrate", chart hook Job).
  DATABASE_URL=$(db_url "$db") npx prisma migrate deploy --config "apps/$app/prisma.config.ts" >"$PRIVATE-$app-migrate.log" 2>&1 ||
    { cat "$PRIVATE-$app-migrate.log"; die "migrations of $app failed"; }
  rm -f "$PRIVATE-$app-migrate.log"
done

start_built() {
  local app=$1 port=$2 log="$PRIVATE/$1.log"
  shift 2
  # service_env is the local run's environment; the overrides point it at the scratch resources.
  (
    set -a
    # shellcheck disable=SC1090
    . <(service_env "$app" "$port" "prodstart_$app")
    PORT=$port KAFKA_BROKERS=$BROKERS AUTH_ISSUER="http://127.0.0.1:$GATEWAY_PORT/auth"
    AUTH_JWKS_URL="http://127.0.0.1:$GATEWAY_PORT/auth/jwks.json" NODE_ENV=production
    for kv in "$@"; do export "${kv?}"; done
    set +a
    unset NODE_OPTIONS SWC_NODE_PROJECT
    exec node --enable-source-maps "$BUILT/$app/main.js"
  ) >>"$log" 2>&1 &
  PIDS+=($!)
  echo $!
}

wait_ready() {
  local app=$1 port=$2 pid=$3 deadline=$((SECONDS + 120))
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$PRIVATE/$app.log"; die "built $app exited during start-up"; }
    ((SECONDS < deadline)) || {
      curl -sS "http://127.0.0.1:$port/health/ready" || true
      tail -20 "$PRIVATE/$app.log"
      die "built $app not ready after 120 s"
    }
    sleep 0.5
  done
  # No TypeScript loader in the process: neither swc's native binding nor its register hook.
  if grep -q -e 'swc' -e 'typescript' "/proc/$pid/maps"; then die "built $app loaded a TypeScript transpiler"; fi
  say "prod start: built $app ready on :$port ($(curl -fsS "http://127.0.0.1:$port/health/ready"))"
}

mkdir -p "$PRIVATE"
upstreams_here=$(upstreams | sed -E "s#(^|,)audit=http://[^,]+#\1audit=http://127.0.0.1:$AUDIT_PORT#")
gateway_pid=$(start_built gateway "$GATEWAY_PORT" "UPSTREAMS=$upstreams_here" "LOCAL_ISSUER_KEY_FILE=$PRIVATE/issuer-key.json")
audit_pid=$(start_built audit "$AUDIT_PORT")
PIDS=("$gateway_pid" "$audit_pid")
wait_ready audit "$AUDIT_PORT" "$audit_pid"
wait_ready gateway "$GATEWAY_PORT" "$gateway_pid"

# A built service's Temporal worker bundles its workflows from dist/ (require.resolve('../workflows')
# finds the compiled index.js): bundle complaint-reviews' the same way, without starting a worker.
BUILD_DIR=$BUILT node tools/build/build-app.js --force complaint-reviews
node -e "
  require('@temporalio/worker')
    .bundleWorkflowCode({ workflowsPath: require.resolve('$BUILT/complaint-reviews/apps/complaint-reviews/src/workflows'), logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } })
    .then((b) => console.log('[oversight] prod start: complaint-reviews workflows bundled from dist (' + Math.round(b.code.length / 1024) + ' KiB)'))
    .catch((e) => { console.error(e); process.exit(1); });
"
say "prod start: passed (built gateway and audit ran from their build with plain node)"
