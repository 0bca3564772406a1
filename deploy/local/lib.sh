# shellcheck shell=bash source-path=SCRIPTDIR
# Shared helpers for deploy/local/*.sh. Source it after setting ROOT:
#   HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
#   ROOT=$(cd "$HERE/../.." && pwd)
#   . "$HERE/lib.sh"

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${ROOT:=$(cd "$LIB_DIR/../.." && pwd)}"

# shellcheck source=versions.env
. "$LIB_DIR/versions.env"

LOCAL_DIR="${OVERSIGHT_LOCAL_DIR:-$ROOT/.local}"  # override to run a private instance (outage tests)
RUN_DIR="$LOCAL_DIR/run"
LOG_DIR="$LOCAL_DIR/logs"
CACHE_DIR="${OVERSIGHT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/oversight}"
LOCK_FILE="$LIB_DIR/artifacts.lock"
COMPONENT="${COMPONENT:-local}"

# ----------------------------------------------------------------------------
# logging
log()  { printf '[%s] %s\n' "$COMPONENT" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$COMPONENT" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$COMPONENT" "$*" >&2; exit 1; }

# now_ms: milliseconds since epoch (for timings)
now_ms() { date +%s%3N; }
# since_s START_MS: seconds elapsed, one decimal
since_s() { local d=$(( $(now_ms) - $1 )); printf '%d.%01d' $((d / 1000)) $(((d % 1000) / 100)); }

# ----------------------------------------------------------------------------
# prerequisites
# require_cmd CMD HINT
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not found on PATH. $2"
}

require_java() {
  require_cmd java "Install a JDK >= 17 (Debian: apt-get install openjdk-17-jdk-headless)."
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [[ "${v%%.*}" =~ ^[0-9]+$ ]] || die "could not determine the Java version (java -version failed?)"
  (( ${v%%.*} >= 17 )) || die "Java >= 17 is required, found Java $v at $(command -v java)"
}

require_mvn() {
  require_java
  require_cmd mvn "Install Maven 3.8+ (Debian: apt-get install maven)."
}

is_root() { [[ "$(id -u)" == 0 ]]; }

# as_root CMD...: run as root (directly when root, via sudo otherwise)
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "root privileges are needed for: $* (run as root or install sudo)"
  fi
}

# ----------------------------------------------------------------------------
# directories
ensure_local_dirs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  # .local/ must never be committed; keep it self-ignoring even without a root .gitignore entry.
  [[ -f "$LOCAL_DIR/.gitignore" ]] || printf '*\n' >"$LOCAL_DIR/.gitignore"
}

ensure_cache_dir() { mkdir -p "$CACHE_DIR"; }

# with_install_lock NAME: serialise concurrent installs of NAME (held until the script exits)
with_install_lock() {
  ensure_cache_dir
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_DIR/.$1.lock"
    flock 9
  fi
}

# ----------------------------------------------------------------------------
# ports
# port_in_use PORT [HOST]: true when something accepts TCP connections there
port_in_use() {
  local port=$1 host=${2:-127.0.0.1}
  # shellcheck disable=SC2016 # $0/$1 are expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
}

# port_owner PORT: best-effort description of the listening process
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' | head -n1
  fi
}

# assert_port_free PORT WHAT
assert_port_free() {
  local port=$1 what=$2 owner
  if port_in_use "$port"; then
    owner=$(port_owner "$port")
    die "port $port (needed for $what) is already in use by ${owner:-another process}. Stop it or pick another port (see deploy/local/versions.env)."
  fi
}

# wait_for_port PORT TIMEOUT_S [PIDFILE]: wait until PORT accepts connections;
# fails early if the process in PIDFILE exits.
wait_for_port() {
  local port=$1 timeout_s=$2 pidfile=${3:-} deadline
  deadline=$(( $(date +%s) + timeout_s ))
  until port_in_use "$port"; do
    if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile"; then
      return 2
    fi
    (( $(date +%s) < deadline )) || return 1
    sleep 0.2
  done
}

# ----------------------------------------------------------------------------
# pid files
pid_read() { [[ -s "$1" ]] && tr -dc '0-9' <"$1"; }

# pid_alive PIDFILE: process in PIDFILE exists (and is not a zombie)
pid_alive() {
  local pid state
  pid=$(pid_read "$1") || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)
  [[ "$state" != Z ]]
}

# pid_matches PIDFILE PATTERN: alive and its command line contains PATTERN
# (guards against a stale pid file whose pid was reused)
pid_matches() {
  local pid
  pid_alive "$1" || return 1
  pid=$(pid_read "$1")
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# shellcheck source=priority.env
. "$LIB_DIR/priority.env"

# spawn_daemon PIDFILE LOGFILE CMD...: start CMD detached (new session, no
# stdin, SIGHUP ignored) so it survives the calling shell; its pid goes to PIDFILE.
# DAEMON_NICE=N (default 0) lowers its CPU priority (run-niced.sh).
spawn_daemon() {
  local pidfile=$1 logfile=$2 _
  shift 2
  rm -f "$pidfile"
  # bash writes its own pid, then exec keeps that pid for nohup, run-niced.sh and CMD.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec nohup bash "$1" "$2" "${@:3}"' "$pidfile" \
    "$LIB_DIR/run-niced.sh" "${DAEMON_NICE:-0}" "$@" >>"$logfile" 2>&1 </dev/null &
  for _ in $(seq 1 50); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  die "process did not start (no pid file $pidfile); see $logfile"
}

# stop_pid PIDFILE TIMEOUT_S NAME: SIGTERM, wait, SIGKILL after TIMEOUT_S
stop_pid() {
  local pidfile=$1 timeout_s=$2 name=$3 pid deadline
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    log "$name is not running"
    return 0
  fi
  pid=$(pid_read "$pidfile")
  log "stopping $name (pid $pid, SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + timeout_s ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(date +%s) >= deadline )); then
      warn "$name did not exit within ${timeout_s}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  log "$name stopped"
}

# kill_pid PIDFILE NAME: SIGKILL immediately (crash tests)
kill_pid() {
  local pidfile=$1 name=$2 pid
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    log "$name is not running"
    return 0
  fi
  pid=$(pid_read "$pidfile")
  log "killing $name (pid $pid, SIGKILL)"
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$pidfile"
}

# ----------------------------------------------------------------------------
# artifact checksums (artifacts.lock lines: "<component> <sha256> <file name>")

# lock_entries COMPONENT: "<sha256>  <file>" lines, sorted by file
lock_entries() {
  [[ -f "$LOCK_FILE" ]] || die "missing $LOCK_FILE"
  awk -v c="$1" '$1 == c { print $2 "  " $3 }' "$LOCK_FILE" | sort -k2
}

# dir_entries DIR: "<sha256>  <file>" for every file in DIR, sorted by file
dir_entries() {
  (cd "$1" && find . -maxdepth 1 -type f -printf '%f\0' | sort -z | xargs -0 -r sha256sum) | sort -k2
}

# lock_verify_dir COMPONENT DIR: DIR must hold exactly the locked files
lock_verify_dir() {
  local comp=$1 dir=$2 expected actual
  expected=$(lock_entries "$comp")
  [[ -n "$expected" ]] || die "no checksums for '$comp' in $LOCK_FILE (run with OVERSIGHT_UPDATE_LOCK=1 to record them)"
  actual=$(dir_entries "$dir")
  if [[ "$expected" != "$actual" ]]; then
    warn "checksum mismatch for $comp in $dir:"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | sed -n 's/^[<>]/  &/p' | head -n 20 >&2 || true
    return 1
  fi
}

# lock_write COMPONENT < "<sha256>  <file>" lines: replace COMPONENT's entries
lock_write() {
  local comp=$1 tmp
  tmp=$(mktemp)
  if [[ -f "$LOCK_FILE" ]]; then
    awk -v c="$comp" '$1 != c' "$LOCK_FILE" >"$tmp"
  fi
  awk -v c="$comp" 'NF == 2 { print c, $1, $2 }' >>"$tmp"
  mv "$tmp" "$LOCK_FILE"
  chmod 644 "$LOCK_FILE"
  log "recorded checksums for $comp in $LOCK_FILE"
}

# ----------------------------------------------------------------------------
# Maven: resolve a generated pom's runtime dependencies into a flat libs dir

# mvn_copy_deps POM OUTDIR: fetch into OUTDIR (strict checksum checks against
# the repository's own sums; local repository kept in the cache dir)
mvn_copy_deps() {
  local pom=$1 out=$2 mvnlog
  require_mvn
  mkdir -p "$CACHE_DIR/m2"
  mvnlog="$(dirname "$pom")/mvn.log"
  if ! mvn -B -C -Dstyle.color=never -f "$pom" \
      -Dmaven.repo.local="$CACHE_DIR/m2" \
      "org.apache.maven.plugins:maven-dependency-plugin:${MAVEN_DEPENDENCY_PLUGIN_VERSION}:copy-dependencies" \
      -DoutputDirectory="$out" -DincludeScope=runtime -DoverWriteReleases=true >"$mvnlog" 2>&1; then
    grep -E 'ERROR|FATAL' "$mvnlog" | head -n 20 >&2 || tail -n 20 "$mvnlog" >&2
    die "Maven could not resolve the dependencies of $pom (is the Maven registry reachable?); full log: $mvnlog"
  fi
}

# install_jars COMPONENT DIR POM: make DIR/libs hold exactly the locked jars
install_jars() {
  local comp=$1 dir=$2 pom=$3 tmp
  if [[ -d "$dir/libs" && -f "$dir/.installed" ]] && [[ "${OVERSIGHT_UPDATE_LOCK:-0}" != 1 ]]; then
    if lock_verify_dir "$comp" "$dir/libs"; then
      return 0
    fi
    warn "cached jars for $comp do not match the lock; fetching again"
  fi
  rm -f "$dir/.installed"
  tmp="$dir/libs.tmp"
  rm -rf "$tmp"
  mvn_copy_deps "$pom" "$tmp"
  if [[ "${OVERSIGHT_UPDATE_LOCK:-0}" == 1 ]]; then
    dir_entries "$tmp" | lock_write "$comp"
  fi
  if ! lock_verify_dir "$comp" "$tmp"; then
    rm -rf "$tmp"
    die "downloaded jars for $comp do not match $LOCK_FILE. If you changed a version on purpose, rerun with OVERSIGHT_UPDATE_LOCK=1."
  fi
  rm -rf "$dir/libs"
  mv "$tmp" "$dir/libs"
  date -u +%FT%TZ >"$dir/.installed"
}
