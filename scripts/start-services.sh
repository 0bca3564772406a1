#!/usr/bin/env bash
# Starts every service as a background process (logs in .local/logs, pids in .local/run) and waits
# until each one's /health/ready is green. Idempotent: a service already answering is left alone.
# A service with a worker entry point (src/worker.ts) runs as two processes: its HTTP API with
# RUN_BACKGROUND_WORK=false, and "<name>-worker" (Temporal worker, consumers, outbox relay) with health on
# port + 1000 (lib.sh: has_worker, worker_port; WORKERS_APART=false for one process per service).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# start_process <process> <entry: main.ts|worker.ts> <app> <port> <db> [VAR=value...]
start_process() {
  local proc=$1 entry=$2 name=$3 port=$4 db=$5 envfile="$LOCAL/run/services/$1.env" pidfile="$LOCAL/run/services/$1.pid"
  shift 5
  if curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then say "$proc already running on :$port"; return; fi
  if ss -ltn "sport = :$port" | grep -q LISTEN; then die "port $port (for $proc) is taken by another program"; fi
  ( umask 077; service_env "$name" "$port" "$db" >"$envfile"; for kv in "$@"; do printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"; done >>"$envfile" )
  # shellcheck disable=SC2046
  ( set -a; . "$envfile"; set +a; exec setsid node -r "$ROOT/tools/register.js" "$ROOT/apps/$name/src/$entry" ) >>"$LOCAL/logs/$proc.log" 2>&1 &
  echo $! >"$pidfile"
}

# Sizing by settings: API_NODE_OPTIONS / WORKER_NODE_OPTIONS (e.g. --max-old-space-size=128 for the APIs: the
# built oocr API then stayed under 200 MB RSS through a write burst; tools/bench/oocr-api-alone.ts) go to the
# API and worker processes of the services that run apart; the Temporal worker's own settings are per service
# (e.g. OOCR_WORKER_*).
start_one() {
  local name=$1 port=$2 db=$3
  if has_worker "$name"; then
    start_process "$name" main.ts "$name" "$port" "$db" RUN_BACKGROUND_WORK=false ${API_NODE_OPTIONS:+"NODE_OPTIONS=$API_NODE_OPTIONS"}
    start_process "$name-worker" worker.ts "$name" "$(worker_port "$port")" "$db" RUN_BACKGROUND_WORK=true ${WORKER_NODE_OPTIONS:+"NODE_OPTIONS=$WORKER_NODE_OPTIONS"}
  else
    start_process "$name" main.ts "$name" "$port" "$db"
  fi
}

wait_ready() {
  local name=$1 port=$2 deadline=$((SECONDS + ${3:-120}))
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$LOCAL/run/services/$name.pid" 2>/dev/null)" 2>/dev/null && ! curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then
      tail -20 "$LOCAL/logs/$name.log"; die "$name exited during start-up (log: .local/logs/$name.log)"
    fi
    (( SECONDS < deadline )) || { tail -20 "$LOCAL/logs/$name.log"; die "$name not ready after ${3:-120}s"; }
    sleep 1
  done
  say "$name ready on :$port"
}

# In start order (the gateway first: it is the token issuer whose JWKS the others verify against);
# readiness is awaited last for the gateway, whose readiness includes the services behind it.
for s in "${SERVICES[@]}"; do
  IFS=: read -r name port db <<<"$s"
  start_one "$name" "$port" "$db"
done
for s in "${SERVICES[@]:1}" "${SERVICES[0]}"; do
  IFS=: read -r name port _ <<<"$s"
  wait_ready "$name" "$port" 180
  if has_worker "$name"; then wait_ready "$name-worker" "$(worker_port "$port")" 180; fi
done
