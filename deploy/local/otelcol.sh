#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# OpenTelemetry Collector for local tracing (optional; npm run start:all -- --with-tracing).
#
# usage: deploy/local/otelcol.sh install|start|stop|restart|kill|status|path|endpoint|traces-file
#
# install builds a minimal collector (receiver otlp; processor batch; exporters file and debug;
# manifest deploy/local/otelcol/builder.yaml) with the OpenTelemetry Collector Builder, everything
# from the Go module proxy, pinned (versions.env) and checked against deploy/local/otelcol/go.sum
# (the Go checksum lock: a module whose hash differs is refused). The build is cached in
# $CACHE_DIR/otelcol-v<version>/ and reused while builder.yaml and go.sum are unchanged: a second
# install costs nothing. The first build takes about 5 minutes on 2 cores (run at nice 15).
# start runs it on 127.0.0.1 only (OTLP gRPC :4317, OTLP/http :4318), config
# deploy/local/otelcol/config.yaml; traces go to .local/traces/traces.jsonl (JSON lines, rotated).
# endpoint prints the OTLP/http base URL for OTEL_EXPORTER_OTLP_ENDPOINT.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMPONENT=otelcol
# shellcheck source=lib.sh
. "$HERE/lib.sh"

OTELCOL_SRC_DIR="$HERE/otelcol"
OTELCOL_MANIFEST="$OTELCOL_SRC_DIR/builder.yaml"
OTELCOL_GOSUM="$OTELCOL_SRC_DIR/go.sum"
OTELCOL_CONFIG="$OTELCOL_SRC_DIR/config.yaml"
OTELCOL_HOME="$CACHE_DIR/otelcol-v$OTELCOL_VERSION"
OTELCOL_BUILDER="$OTELCOL_HOME/bin/builder"
OTELCOL_BIN="$OTELCOL_HOME/bin/otelcol-oversight"
OTELCOL_STAMP="$OTELCOL_HOME/.installed"
OTELCOL_PIDFILE="$RUN_DIR/otelcol.pid"
OTELCOL_LOG="$LOG_DIR/otelcol.log"
OTELCOL_TRACES_DIR="$LOCAL_DIR/traces"
OTELCOL_TRACES_FILE="$OTELCOL_TRACES_DIR/traces.jsonl"
OTELCOL_ENDPOINT="http://127.0.0.1:$OTELCOL_HTTP_PORT"

# The build's identity: a changed manifest (comments aside) or lock means a rebuild.
build_key() { { grep -v -E '^[[:space:]]*(#|$)' "$OTELCOL_MANIFEST"; cat "$OTELCOL_GOSUM"; } | sha256sum | cut -d' ' -f1; }

otelcol_installed() {
  [[ -x "$OTELCOL_BIN" && -f "$OTELCOL_STAMP" ]] && [[ "$(cat "$OTELCOL_STAMP")" == "$(build_key)" ]]
}

# Every gomod line of the manifest must be at the release versions.env pins.
check_manifest_versions() {
  local bad
  bad=$(sed -n 's/^ *- gomod: *\([^ ]*\) *\([^ ]*\).*/\1 \2/p' "$OTELCOL_MANIFEST" |
    awk -v c="v$OTELCOL_VERSION" -v s="v$OTELCOL_STABLE_VERSION" '$2 != c && $2 != s')
  [[ -z "$bad" ]] || die "builder.yaml modules not at v$OTELCOL_VERSION / v$OTELCOL_STABLE_VERSION (versions.env): $bad"
  grep -q "gomod: .* v$OTELCOL_VERSION" "$OTELCOL_MANIFEST" || die "builder.yaml names no module at v$OTELCOL_VERSION"
}


install_builder() {
  if [[ -x "$OTELCOL_BUILDER" ]] && "$OTELCOL_BUILDER" version 2>&1 | grep -q "v$OTELCOL_VERSION"; then
    return 0
  fi
  log "building the Collector Builder v$OTELCOL_VERSION (go install from the Go module proxy)"
  GOBIN="$OTELCOL_HOME/bin" nice -n 15 env GOTOOLCHAIN=local GOFLAGS=-buildvcs=false \
    go install "go.opentelemetry.io/collector/cmd/builder@v$OTELCOL_VERSION" ||
    die "go install go.opentelemetry.io/collector/cmd/builder@v$OTELCOL_VERSION failed (is the Go module proxy reachable? go env GOPROXY: $(go env GOPROXY))"
}

cmd_install() {
  local t0 src buildlog
  t0=$(now_ms)
  require_cmd go "Install Go 1.25+ (this machine: /usr/local/go/bin/go)."
  check_manifest_versions
  with_install_lock "otelcol-v$OTELCOL_VERSION"
  if otelcol_installed && [[ "${OVERSIGHT_UPDATE_LOCK:-0}" != 1 ]]; then
    log "collector v$OTELCOL_VERSION already built: $OTELCOL_BIN [$(since_s "$t0")s]"
    return 0
  fi
  mkdir -p "$OTELCOL_HOME/bin"
  install_builder
  src="$OTELCOL_HOME/src"
  buildlog="$OTELCOL_HOME/build.log"
  rm -rf "$src"
  mkdir -p "$src"
  # With the locked go.sum in place, `go mod tidy` (run by the builder) refuses any module whose
  # hash differs from it. OVERSIGHT_UPDATE_LOCK=1 starts from none and records the new one.
  [[ "${OVERSIGHT_UPDATE_LOCK:-0}" == 1 ]] || cp "$OTELCOL_GOSUM" "$src/go.sum"
  log "building the collector (otlp -> batch -> file, debug) from $OTELCOL_MANIFEST; about 5 minutes on 2 cores the first time; log: $buildlog"
  # output_path in the manifest is ./src, relative to where the builder runs
  if ! (cd "$OTELCOL_HOME" && GOTOOLCHAIN=local GOFLAGS=-buildvcs=false nice -n 15 \
    "$OTELCOL_BUILDER" --config "$OTELCOL_MANIFEST") >"$buildlog" 2>&1; then
    tail -n 20 "$buildlog" >&2
    die "the collector build failed; full log: $buildlog"
  fi
  if [[ "${OVERSIGHT_UPDATE_LOCK:-0}" == 1 ]]; then
    cp "$src/go.sum" "$OTELCOL_GOSUM"
    log "recorded the module checksums in $OTELCOL_GOSUM (review the diff)"
  elif ! cmp -s "$src/go.sum" "$OTELCOL_GOSUM"; then
    diff "$OTELCOL_GOSUM" "$src/go.sum" | head -n 10 >&2 || true
    die "the build resolved modules that $OTELCOL_GOSUM does not lock. If you changed builder.yaml on purpose, rerun with OVERSIGHT_UPDATE_LOCK=1."
  fi
  mv "$src/otelcol-oversight" "$OTELCOL_BIN"
  "$OTELCOL_BIN" components >"$OTELCOL_HOME/components.txt" 2>&1 || die "the built collector does not run: $OTELCOL_BIN"
  build_key >"$OTELCOL_STAMP"
  log "collector v$OTELCOL_VERSION built: $OTELCOL_BIN [$(since_s "$t0")s]"
}

otelcol_running() { pid_matches "$OTELCOL_PIDFILE" "$OTELCOL_CONFIG"; }

# Ready: both receivers listen, and the OTLP/http one accepts an (empty) export request.
otelcol_ready() {
  port_in_use "$OTELCOL_GRPC_PORT" && port_in_use "$OTELCOL_HTTP_PORT" &&
    curl -fsS -m 2 -o /dev/null -X POST -H 'content-type: application/json' -d '{}' "$OTELCOL_ENDPOINT/v1/traces"
}

cmd_start() {
  local t0 deadline
  t0=$(now_ms)
  otelcol_installed || die "the collector is not built (run: $0 install)"
  ensure_local_dirs
  mkdir -p "$OTELCOL_TRACES_DIR"
  if otelcol_running; then
    log "already running (pid $(pid_read "$OTELCOL_PIDFILE"))"
  else
    assert_port_free "$OTELCOL_GRPC_PORT" "the collector's OTLP gRPC receiver"
    assert_port_free "$OTELCOL_HTTP_PORT" "the collector's OTLP/http receiver"
    log "starting on 127.0.0.1:$OTELCOL_GRPC_PORT (gRPC) and $OTELCOL_ENDPOINT (http); traces: $OTELCOL_TRACES_FILE"
    OTELCOL_GRPC_PORT=$OTELCOL_GRPC_PORT OTELCOL_HTTP_PORT=$OTELCOL_HTTP_PORT OTELCOL_TRACES_FILE=$OTELCOL_TRACES_FILE \
      DAEMON_NICE=$BACKGROUND_NICE spawn_daemon "$OTELCOL_PIDFILE" "$OTELCOL_LOG" "$OTELCOL_BIN" --config "$OTELCOL_CONFIG"
  fi
  deadline=$(($(date +%s) + 30))
  until otelcol_ready; do
    otelcol_running || { tail -n 20 "$OTELCOL_LOG" >&2; die "the collector exited during start-up; see $OTELCOL_LOG"; }
    (($(date +%s) < deadline)) || die "the collector does not answer on $OTELCOL_ENDPOINT after 30s; see $OTELCOL_LOG"
    sleep 0.2
  done
  log "ready (pid $(pid_read "$OTELCOL_PIDFILE")) in $(since_s "$t0")s; services export with OTEL_TRACES_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=$OTELCOL_ENDPOINT"
}

# SIGTERM: the collector flushes its batch and the file exporter before it exits.
cmd_stop() { stop_pid "$OTELCOL_PIDFILE" "${OTELCOL_STOP_TIMEOUT:-15}" "collector"; }

cmd_kill() { kill_pid "$OTELCOL_PIDFILE" "collector"; }

cmd_status() {
  otelcol_installed || {
    echo "otelcol: not built (optional, for tracing: deploy/local/otelcol.sh install)"
    return 3
  }
  if otelcol_running; then
    if otelcol_ready; then
      echo "otelcol: running (pid $(pid_read "$OTELCOL_PIDFILE")) on 127.0.0.1:$OTELCOL_GRPC_PORT (gRPC) and $OTELCOL_ENDPOINT, traces $OTELCOL_TRACES_FILE"
    else
      echo "otelcol: process up (pid $(pid_read "$OTELCOL_PIDFILE")) but $OTELCOL_ENDPOINT does not accept traces"
      return 1
    fi
  else
    echo "otelcol: stopped"
    return 3
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  kill) cmd_kill ;;
  status) cmd_status ;;
  path) otelcol_installed || die "the collector is not built (run: $0 install)"; echo "$OTELCOL_BIN" ;;
  endpoint) echo "$OTELCOL_ENDPOINT" ;;
  traces-file) echo "$OTELCOL_TRACES_FILE" ;;
  *) echo "usage: $0 install|start|stop|restart|kill|status|path|endpoint|traces-file" >&2; exit 2 ;;
esac
