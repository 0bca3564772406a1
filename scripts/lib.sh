# shellcheck shell=bash
# Shared by the project scripts: paths, the per-machine secrets, and each service's environment.
# Secrets are generated once per machine into .local/secrets.env (ignored by git), never committed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="$ROOT/.local"
mkdir -p "$LOCAL/logs" "$LOCAL/run/services"
export npm_config_loglevel=error

say() { printf '\033[1m[oversight]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[oversight] %s\033[0m\n' "$*" >&2; exit 1; }

SECRETS="$LOCAL/secrets.env"
if [[ ! -f "$SECRETS" ]]; then
  umask 077
  {
    echo "POSTGRES_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
    echo "DEMO_USER_PASSWORD=demo-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 12)"
  } > "$SECRETS"
fi
set -a
# shellcheck disable=SC1090
. "$SECRETS"
set +a

# Every app with a service.env is a service of the local run: "name:port:database", in start order.
SERVICES=()
while IFS= read -r f; do
  SERVICES+=("$(basename "$(dirname "$f")"):$(sed -n 's/^SERVICE_PORT=//p' "$f"):$(sed -n 's/^SERVICE_DATABASE=//p' "$f")")
done < <(for f in "$ROOT"/apps/*/service.env; do echo "$(sed -n 's/^SERVICE_START_ORDER=//p' "$f") $f"; done | sort -n | cut -d' ' -f2)
GATEWAY_URL="http://127.0.0.1:3000"

# Services with a worker entry point (apps/<name>/src/worker.ts) run as two processes: the HTTP API
# (RUN_BACKGROUND_WORK=false) and "<name>-worker" (Temporal worker, Kafka consumers, outbox relay), whose
# health and metrics answer on the API's port + 1000. WORKERS_APART=false runs both in one process as before.
WORKERS_APART=${WORKERS_APART:-true}
has_worker() { [[ $WORKERS_APART == true && -f "$ROOT/apps/$1/src/worker.ts" ]]; }
# A service whose service.env says SERVICE_CPU_PRIORITY=background (it mostly consumes events) runs at the
# background CPU priority, like the workers (deploy/local/priority.env).
background_service() { grep -qx 'SERVICE_CPU_PRIORITY=background' "$ROOT/apps/$1/service.env"; }
worker_port() { echo $(($1 + 1000)); }

# Pids of one process of the local run ("<name>" or "<name>-worker"): its pid file, and by command line.
process_pids() {
  local proc=$1 entry=main.ts name=$1
  if [[ $proc == *-worker ]]; then name=${proc%-worker} entry=worker.ts; fi
  { cat "$LOCAL/run/services/$proc.pid" 2>/dev/null; pgrep -f "$ROOT/apps/$name/src/$entry" || true; pgrep -f "$ROOT/dist/apps/$name/${entry%.ts}.js" || true; } | sort -u
}

# SIGTERM (they drain the outbox and finish in-flight work), SIGKILL after 15 s.
stop_process() {
  local proc=$1 pid
  for pid in $(process_pids "$proc"); do
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "stopped $proc ($pid)"
  done
  rm -f "$LOCAL/run/services/$proc.pid"
}

# "name=url,..." of every service behind the gateway.
upstreams() {
  local out=() s name port
  for s in "${SERVICES[@]}"; do
    IFS=: read -r name port _ <<<"$s"
    [[ $name == gateway ]] || out+=("$name=http://127.0.0.1:$port")
  done
  (IFS=,; echo "${out[*]}")
}

db_url() { echo "postgresql://oversight:${POSTGRES_PASSWORD}@127.0.0.1:${PG_PORT:-5432}/$1"; }

# Tracing on (`npm run start:all -- --with-tracing`): where the services export their spans, while the local
# collector runs (its pid file alive).
TRACING_ENV="$LOCAL/run/tracing.env"
tracing_env() {
  local pid
  [[ -f $TRACING_ENV ]] && pid=$(cat "$LOCAL/run/otelcol.pid" 2>/dev/null) && kill -0 "$pid" 2>/dev/null && cat "$TRACING_ENV"
  return 0
}

# Prints the environment of one service, one VAR=value a line (what .env.example documents).
service_env() {
  local name=$1 port=$2 db=$3
  cat <<ENV
SERVICE_NAME=$name
NODE_ENV=${NODE_ENV:-development}
LOG_LEVEL=${LOG_LEVEL:-info}
PORT=$port
HTTP_HOST=127.0.0.1
DATABASE_URL=$(db_url "$db")
KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-9092}
TEMPORAL_ADDRESS=127.0.0.1:${TEMPORAL_PORT:-7233}
AUTH_ISSUER=$GATEWAY_URL/auth
AUTH_AUDIENCE=oversight-api
AUTH_JWKS_URL=$GATEWAY_URL/auth/jwks.json
INTERNAL_JWKS_URL=$GATEWAY_URL/internal/jwks.json
ENV
  tracing_env
  if [[ $name == gateway ]]; then
    cat <<ENV
LOCAL_ISSUER_ENABLED=true
LOCAL_ISSUER_KEY_FILE=$LOCAL/issuer-key.json
INTERNAL_ASSERTION_KEY_FILE=$LOCAL/internal-assertion-key.json
DEMO_USER_PASSWORD=$DEMO_USER_PASSWORD
UPSTREAMS=$(upstreams)
RATE_LIMIT_PER_MINUTE=${RATE_LIMIT_PER_MINUTE:-20000}
ENV
  fi
}
