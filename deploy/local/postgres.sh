#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# PostgreSQL for local development and CI.
#
# usage: deploy/local/postgres.sh install|start|stop|restart|kill|status|psql [args]
#
# Runs a private PostgreSQL 15 cluster (Debian's binaries, driven by pg_ctl)
# with its data in .local/postgres/data, listening on 127.0.0.1:$PG_PORT only.
# Debian's own "15 main" cluster is left alone (it must not be running on the
# same port). When run as root the server runs as the "postgres" OS user.
#
# start also provisions (idempotently) the login role "oversight" (CREATEDB,
# password from $POSTGRES_PASSWORD) and its databases.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMPONENT=postgres
# shellcheck source=lib.sh
. "$HERE/lib.sh"

PGBIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_HOME="$LOCAL_DIR/postgres"
PG_LOG="$LOG_DIR/postgres.log"
PG_PIDFILE="$RUN_DIR/postgres.pid"
PG_DATA=""      # set by pg_resolve_paths
PG_SOCKDIR=""   # set by pg_resolve_paths
PG_OS_USER=""   # OS user that owns and runs the cluster
PG_ADMIN=""     # cluster superuser (same name as PG_OS_USER, peer auth on the socket)

# pg_run CMD...: run as the cluster's OS user (cwd / so "postgres" can always chdir)
pg_run() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_installed() { [[ -x "$PGBIN/pg_ctl" && -x "$PGBIN/initdb" && -x "$PGBIN/psql" ]]; }

cmd_install() {
  local t0 pkg="postgresql-$PG_MAJOR"
  t0=$(now_ms)
  if pg_installed; then
    log "PostgreSQL $PG_MAJOR already installed ($("$PGBIN/postgres" --version))"
    return 0
  fi
  require_cmd apt-get "This script expects a Debian/Ubuntu machine; install PostgreSQL $PG_MAJOR yourself."
  # apt-get update only when the package is not installable from the current lists
  if ! apt-cache show "$pkg" >/dev/null 2>&1; then
    log "package lists do not know $pkg yet; running apt-get update"
    as_root apt-get update -qq
  fi
  log "installing $pkg (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "$pkg" postgresql-client-"$PG_MAJOR" >/dev/null
  pg_installed || die "apt-get install $pkg finished but $PGBIN/pg_ctl is missing"
  # Debian creates and may start its own "15 main" cluster on 5432; we run our own.
  if command -v pg_lsclusters >/dev/null 2>&1 \
     && pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    log "stopping Debian's default cluster $PG_MAJOR/main (this stack runs its own cluster)"
    as_root pg_ctlcluster "$PG_MAJOR" main stop || true
  fi
  log "installed in $(since_s "$t0")s"
}

# Work out data dir, socket dir and OS user. As root the cluster is run by the
# "postgres" user; if that user cannot reach .local/ (e.g. the clone lives
# under /root), the data goes to /var/lib/postgresql/oversight-<hash> and
# .local/postgres/data becomes a symlink to it (rm -rf .local still resets it).
pg_resolve_paths() {
  ensure_local_dirs
  mkdir -p "$PG_HOME"
  if is_root; then
    id postgres >/dev/null 2>&1 || die "OS user 'postgres' is missing (run: $0 install)"
    PG_OS_USER=postgres
    chown postgres: "$PG_HOME"
    if runuser -u postgres -- test -w "$PG_HOME" 2>/dev/null; then
      PG_DATA="$PG_HOME/data"
    else
      local ext
      ext="/var/lib/postgresql/oversight-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
      if [[ ! -L "$PG_HOME/data" && -e "$ext" ]]; then
        log "removing stale external data dir $ext (.local was reset)"
        rm -rf "$ext"
      fi
      mkdir -p "$ext"
      chown postgres: "$ext"
      chmod 700 "$ext"
      ln -sfn "$ext/data" "$PG_HOME/data"
      PG_DATA="$ext/data"
    fi
  else
    PG_OS_USER=$(id -un)
    PG_DATA="$PG_HOME/data"
  fi
  PG_ADMIN=$PG_OS_USER
  # Unix socket: private dir next to the data; fall back to /tmp when the path
  # would exceed the 107-byte socket path limit.
  PG_SOCKDIR="$RUN_DIR/postgres"
  if (( ${#PG_SOCKDIR} + 16 > 100 )) || { is_root && ! runuser -u postgres -- test -x "$RUN_DIR" 2>/dev/null; }; then
    PG_SOCKDIR="${TMPDIR:-/tmp}/oversight-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
  fi
  mkdir -p "$PG_SOCKDIR"
  chmod 700 "$PG_SOCKDIR"
  is_root && chown postgres: "$PG_SOCKDIR"
  return 0
}

pg_ctl_() { pg_run "$PGBIN/pg_ctl" -D "$PG_DATA" "$@"; }

pg_running() { [[ -n "$PG_DATA" ]] && pg_ctl_ status >/dev/null 2>&1; }

pg_psql() {
  pg_run "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKDIR" -p "$PG_PORT" -U "$PG_ADMIN" "$@"
}

pg_init_cluster() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  log "initialising a new cluster in $PG_DATA"
  mkdir -p "$PG_DATA"
  is_root && chown postgres: "$PG_DATA"
  chmod 700 "$PG_DATA"
  pg_run "$PGBIN/initdb" -D "$PG_DATA" -U "$PG_ADMIN" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 \
    || die "initdb failed; see $PG_LOG"
  printf "\ninclude_if_exists = 'oversight.conf'\n" | pg_run tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

pg_write_conf() {
  # rewritten on every start so port/socket changes apply
  pg_run tee "$PG_DATA/oversight.conf" >/dev/null <<EOF
# generated by deploy/local/postgres.sh; do not edit
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKDIR'
unix_socket_permissions = 0700
password_encryption = 'scram-sha-256'
max_connections = 200
shared_buffers = 128MB
logging_collector = off
log_min_messages = warning
log_connections = off
EOF
}

pg_provision() {
  local db exists
  exists=$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_APP_ROLE'")
  if [[ -z "${POSTGRES_PASSWORD:-}" ]]; then
    if [[ "$exists" != 1 ]]; then
      die "POSTGRES_PASSWORD is not set: it is required to create the '$PG_APP_ROLE' role (export POSTGRES_PASSWORD=... and rerun)"
    fi
    warn "POSTGRES_PASSWORD not set; leaving the password of role '$PG_APP_ROLE' unchanged"
  else
    # The password travels through the environment (psql \getenv), never argv.
    pg_psql -d postgres <<SQL
\getenv app_pw POSTGRES_PASSWORD
SELECT 'CREATE ROLE $PG_APP_ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_APP_ROLE') \gexec
ALTER ROLE $PG_APP_ROLE WITH LOGIN CREATEDB PASSWORD :'app_pw';
SQL
  fi
  for db in $PG_DATABASES; do
    pg_psql -d postgres <<SQL
SELECT 'CREATE DATABASE $db OWNER $PG_APP_ROLE' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \gexec
ALTER DATABASE $db OWNER TO $PG_APP_ROLE;
SQL
  done
  log "role '$PG_APP_ROLE' (LOGIN CREATEDB) and databases ready: $PG_DATABASES"
}

cmd_start() {
  local t0
  t0=$(now_ms)
  pg_installed || die "PostgreSQL $PG_MAJOR binaries not found in $PGBIN (run: $0 install)"
  pg_resolve_paths
  if pg_running; then
    log "already running (pid $(head -n1 "$PG_DATA/postmaster.pid"))"
  else
    assert_port_free "$PG_PORT" "PostgreSQL"
    pg_init_cluster
    pg_write_conf
    # pg_ctl detaches the server (own session); its output goes to the log
    # file, opened here so it works even when "postgres" cannot write .local/.
    pg_ctl_ start -w -t 60 -s >>"$PG_LOG" 2>&1 \
      || die "PostgreSQL failed to start; see $PG_LOG"
    log "started on 127.0.0.1:$PG_PORT in $(since_s "$t0")s (data: $PG_DATA, log: $PG_LOG)"
  fi
  head -n1 "$PG_DATA/postmaster.pid" >"$PG_PIDFILE"
  pg_provision
}

cmd_stop() {
  pg_resolve_paths
  if pg_running; then
    log "stopping (fast shutdown)"
    pg_ctl_ stop -m fast -w -t 60 -s >>"$PG_LOG" 2>&1 || {
      warn "fast shutdown timed out; using immediate shutdown"
      pg_ctl_ stop -m immediate -w -t 30 -s >>"$PG_LOG" 2>&1
    }
    log "stopped"
  else
    log "not running"
  fi
  rm -f "$PG_PIDFILE"
}

# kill: crash-like stop (immediate shutdown: no checkpoint, recovery on next start)
cmd_kill() {
  pg_resolve_paths
  if pg_running; then
    log "immediate shutdown (crash simulation)"
    pg_ctl_ stop -m immediate -w -t 30 -s >>"$PG_LOG" 2>&1
  else
    log "not running"
  fi
  rm -f "$PG_PIDFILE"
}

cmd_status() {
  if ! pg_installed; then
    echo "postgres: not installed"
    return 3
  fi
  pg_resolve_paths
  if pg_running && pg_run "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    echo "postgres: running (pid $(head -n1 "$PG_DATA/postmaster.pid")) on 127.0.0.1:$PG_PORT, data $PG_DATA"
  elif pg_running; then
    echo "postgres: process up (pid $(head -n1 "$PG_DATA/postmaster.pid")) but not accepting connections on 127.0.0.1:$PG_PORT"
    return 1
  else
    echo "postgres: stopped"
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
  psql)    shift; pg_installed || die "not installed"; pg_resolve_paths; pg_psql -d postgres "$@" ;;
  *) echo "usage: $0 install|start|stop|restart|kill|status|psql [psql args]" >&2; exit 2 ;;
esac
