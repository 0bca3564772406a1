#!/usr/bin/env bash
# Starts every service as a background process (logs in .local/logs, pids in .local/run) and waits
# until each one's /health/ready is green. Idempotent: a service already answering is left alone.
# A service with a worker entry point (src/worker.ts) runs as two processes: its HTTP API with
# RUN_BACKGROUND_WORK=false, and "<name>-worker" (Temporal worker, consumers, outbox relay) with health on
# port + 1000 (lib.sh: has_worker, worker_port; WORKERS_APART=false for one process per service).
#
# Production shape by default: each app that is about to start is built to plain JavaScript first
# (tools/build/build-app.js, the Nx `build` target; an up-to-date app is skipped, a build takes 0.2-0.7 s)
# and runs as `node --enable-source-maps dist/apps/<app>/main.js` (its worker: worker.js), with no
# transpiler at run time. RUN_FROM=src runs the TypeScript sources through the swc loader instead
# (tools/register.js; development, as before).
#
# Sizing by settings (the services that run apart: API and worker; the others: API):
#   API_NODE_OPTIONS     default --max-old-space-size=128: the built oocr API stayed at 174-193 MB RSS
#                        through a write burst with 128 (tools/bench/oocr-api-alone.ts) and reached
#                        234-242 MB with 160 (apps/oocr/README.md); the target is < 250 MB. The staff UI's
#                        cold stylesheet build fits (218 MB RSS)
#   WORKER_NODE_OPTIONS  default none (Node's own heap limit): the Temporal SDK runs the workflows in a thread
#                        sized from the process's heap limit, and with 512 MB that thread ran out of memory
#                        (ERR_WORKER_OUT_OF_MEMORY) in a quiet 1,000-caution burst and the oocr worker exited.
#                        The cache is bounded by the service's setting instead (TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS)
#   BACKGROUND_NICE      default 15 (deploy/local/priority.env): workers, audit and notifications run at a lower
#                        CPU priority than the APIs (as do Kafka and Temporal), so a burst of events, workflow
#                        and activity tasks cannot starve the request path on 2 cores
#   the Temporal worker's own limits: TEMPORAL_WORKER_* (libs/shared/temporal/README.md; oocr's in its README).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

RUN_FROM=${RUN_FROM:-dist}
[[ $RUN_FROM == dist || $RUN_FROM == src ]] || die "RUN_FROM is dist (built, the default) or src (TypeScript), not '$RUN_FROM'"
API_NODE_OPTIONS=${API_NODE_OPTIONS---max-old-space-size=128}
WORKER_NODE_OPTIONS=${WORKER_NODE_OPTIONS-}
# shellcheck source=../deploy/local/priority.env
. "$ROOT/deploy/local/priority.env"

running() { curl -fsS "http://127.0.0.1:$1/health/live" >/dev/null 2>&1; }
# A process another run of this script (another engineer's restart) has just started: its pid is alive and
# is one of ours (not a pid reused after a reboot).
starting() {
  local pid app=${1%-worker}
  pid=$(cat "$LOCAL/run/services/$1.pid" 2>/dev/null) && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE "(dist/apps|apps)/$app/"
}
STARTED=()

# start_process <process> <entry: main|worker> <app> <port> <db> <nice> [VAR=value...]
start_process() {
  local proc=$1 entry=$2 name=$3 port=$4 db=$5 nice=$6 pid envfile="$LOCAL/run/services/$1.env" pidfile="$LOCAL/run/services/$1.pid" cmd
  shift 6
  if running "$port" || starting "$proc"; then
    # Left running, at the priority this run asks for (test:all's 0 after a start:all at BACKGROUND_NICE).
    for pid in $(process_pids "$proc"); do bash "$ROOT/deploy/local/run-niced.sh" --pid "$pid" "$nice"; done
    say "$proc already running on :$port"
    return
  fi
  if ss -ltn "sport = :$port" | grep -q LISTEN; then die "port $port (for $proc) is taken by another program"; fi
  ( umask 077; service_env "$name" "$port" "$db" >"$envfile"; for kv in "$@"; do printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"; done >>"$envfile" )
  if [[ $RUN_FROM == dist ]]; then
    cmd=(node --enable-source-maps "$ROOT/dist/apps/$name/$entry.js")
  else
    cmd=(node -r "$ROOT/tools/register.js" "$ROOT/apps/$name/src/$entry.ts")
  fi
  ( exec 9>&-; set -a; . "$envfile"; set +a; exec setsid bash "$ROOT/deploy/local/run-niced.sh" "$nice" "${cmd[@]}" ) >>"$LOCAL/logs/$proc.log" 2>&1 &
  echo $! >"$pidfile"
  STARTED+=("$proc")
}

# Sign-in (issue 13): the staff UI signs in with OIDC against the gateway's local issuer as a confidential
# client; the client secret is generated once per machine into .local/secrets.env and never printed.
grep -q '^OIDC_CLIENT_SECRET=' "$SECRETS" || ( umask 077; echo "OIDC_CLIENT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)" >>"$SECRETS" )
OIDC_CLIENT_SECRET=$(sed -n 's/^OIDC_CLIENT_SECRET=//p' "$SECRETS")
sign_in_settings() {
  case $1 in
    gateway) echo "LOCAL_OIDC_CLIENT_SECRET=$OIDC_CLIENT_SECRET" ;;
    staff-ui) printf '%s\n' SIGN_IN_MODE=oidc "OIDC_CLIENT_SECRET=$OIDC_CLIENT_SECRET" ;;
  esac
}

start_one() {
  local name=$1 port=$2 db=$3 sign_in=()
  mapfile -t sign_in < <(sign_in_settings "$name")
  if has_worker "$name"; then
    start_process "$name" main "$name" "$port" "$db" 0 RUN_BACKGROUND_WORK=false ${API_NODE_OPTIONS:+"NODE_OPTIONS=$API_NODE_OPTIONS"}
    start_process "$name-worker" worker "$name" "$(worker_port "$port")" "$db" "$BACKGROUND_NICE" RUN_BACKGROUND_WORK=true ${WORKER_NODE_OPTIONS:+"NODE_OPTIONS=$WORKER_NODE_OPTIONS"}
  elif [[ -f apps/$name/src/worker.ts ]]; then
    # WORKERS_APART=false: one process does both jobs, sized as a worker.
    start_process "$name" main "$name" "$port" "$db" 0 ${WORKER_NODE_OPTIONS:+"NODE_OPTIONS=$WORKER_NODE_OPTIONS"}
  else
    local nice=0
    if background_service "$name"; then nice=$BACKGROUND_NICE; fi
    start_process "$name" main "$name" "$port" "$db" "$nice" ${API_NODE_OPTIONS:+"NODE_OPTIONS=$API_NODE_OPTIONS"} "${sign_in[@]}"
  fi
}

# Builds the apps that have no process running (a restarted app: only that one). An app with one of its
# processes still up keeps the build that process runs (rebuilding under it would swap its files).
build_needed() {
  local s name port todo=() started=$SECONDS
  for s in "${SERVICES[@]}"; do
    IFS=: read -r name port _ <<<"$s"
    if [[ -f dist/apps/$name/main.js ]] && { running "$port" || starting "$name" || { has_worker "$name" && { running "$(worker_port "$port")" || starting "$name-worker"; }; }; }; then
      continue
    fi
    todo+=("$name")
  done
  ((${#todo[@]})) || return 0
  node tools/build/build-app.js "${todo[@]}" | sed 's/^/  /'
  say "built ${todo[*]} in $((SECONDS - started)) s (dist/apps)"
}

# Several engineers restart services at the same moment: one run at a time builds and spawns (so no
# process is started twice, nor an app rebuilt under a process that is starting); waiting is not locked.
exec 9>"$LOCAL/run/start-services.lock"
flock -w 300 9 || die "another start-services.sh has held $LOCAL/run/start-services.lock for 5 minutes"
[[ $RUN_FROM == src ]] || build_needed

# wait_ready <process> <port> <seconds>: a process this run started must become ready (or the run fails);
# one it found running (someone else's, perhaps being restarted right now) is waited for, with a warning.
wait_ready() {
  local name=$1 port=$2 deadline=$((SECONDS + ${3:-120}))
  if [[ " ${STARTED[*]} " != *" $name "* ]]; then
    deadline=$((SECONDS + 60))
    until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
      ((SECONDS < deadline)) || { say "warning: $name (not started by this run) is not ready on :$port"; return 0; }
      sleep 1
    done
    return 0
  fi
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
flock -u 9
for s in "${SERVICES[@]:1}" "${SERVICES[0]}"; do
  IFS=: read -r name port _ <<<"$s"
  wait_ready "$name" "$port" 180
  if has_worker "$name"; then wait_ready "$name-worker" "$(worker_port "$port")" 180; fi
done
