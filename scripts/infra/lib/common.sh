# shellcheck shell=bash
# Shared helpers for infra.sh: paths, output, waiting, pid files, installs.

# Everything that is generated at run time lives under one git-ignored folder,
# so "rm -rf .infra" is always a full clean (except the Debian Postgres cluster).
INFRA_DIR="${INFRA_DIR:-$REPO_ROOT/.infra}"
LOG_DIR="$INFRA_DIR/logs"
DATA_DIR="$INFRA_DIR/data"
RUN_DIR="$INFRA_DIR/run"

HOST=127.0.0.1
PG_PORT=5432
REDIS_PORT=6379
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
ES_PORT=9200
ES_TRANSPORT_PORT=9300

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

# ---------------------------------------------------------------- output ----

say() { printf '[%s] %s\n' "$1" "$2"; }
# Same as say, without the newline, so a following "ok (3s)" lands on the line.
say_n() { printf '[%s] %s' "$1" "$2"; }

# fail COMPONENT MESSAGE [LOGFILE...]: explain, show the log tail, stop.
fail() {
  local comp="$1" msg="$2" log
  shift 2
  printf '\n[%s] FAILED: %s\n' "$comp" "$msg" >&2
  for log in "$@"; do
    if [ -s "$log" ]; then
      printf -- '----- last 30 lines of %s -----\n' "$log" >&2
      tail -n 30 "$log" >&2
      printf -- '-----\n' >&2
    fi
  done
  exit 1
}

ensure_dirs() {
  mkdir -p "$LOG_DIR" "$DATA_DIR" "$RUN_DIR"
}

# ----------------------------------------------------------------- waits ----

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# wait_for COMPONENT LABEL TIMEOUT CHECK_FN [ALIVE_FN]
# Polls CHECK_FN until it succeeds. ALIVE_FN (optional) lets a crashed process
# fail the wait at once instead of after the whole timeout.
wait_for() {
  local comp="$1" label="$2" timeout="$3" check="$4" alive="${5:-}"
  local start=$SECONDS next_dot=$((SECONDS + 10))
  say_n "$comp" "waiting for $label ..."
  while true; do
    if "$check"; then
      printf ' ok (%ss)\n' "$((SECONDS - start))"
      return 0
    fi
    if [ -n "$alive" ] && ! "$alive"; then
      printf ' process exited\n'
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      printf ' timed out after %ss\n' "$timeout"
      return 1
    fi
    # A dot every 10s shows a slow start is still being waited on.
    if [ "$SECONDS" -ge "$next_dot" ]; then
      printf '.'
      next_dot=$((SECONDS + 10))
    fi
    sleep 1
  done
}

# ------------------------------------------------------------- processes ----

# pid_alive PIDFILE PATTERN: the pid in the file runs AND its command line
# contains PATTERN, so a stale pid file whose pid got reused by an unrelated
# process is never mistaken for ours (and never killed).
pid_alive() {
  local pidfile="$1" pattern="$2" pid
  [ -s "$pidfile" ] || return 1
  pid="$(tr -dc '0-9' <"$pidfile")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

# stop_pidfile COMPONENT PIDFILE PATTERN TIMEOUT
stop_pidfile() {
  local comp="$1" pidfile="$2" pattern="$3" timeout="$4" pid start=$SECONDS
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    say "$comp" "not running"
    return 0
  fi
  pid="$(tr -dc '0-9' <"$pidfile")"
  say_n "$comp" "stopping pid $pid ..."
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      printf ' still running after %ss, sending KILL' "$timeout"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$pidfile"
  printf ' stopped (%ss)\n' "$((SECONDS - start))"
}

# ---------------------------------------------------------------- installs ---

APT_UPDATED=0

# apt_install COMPONENT PACKAGE...: installs only as root; otherwise says what
# to install and fails that component.
apt_install() {
  local comp="$1"
  shift
  if [ "$IS_ROOT" -ne 1 ]; then
    fail "$comp" "missing packages ($*) and not running as root, so not installing them; run: sudo apt-get install -y $*"
  fi
  ensure_dirs
  local log="$LOG_DIR/apt.log"
  if [ "$APT_UPDATED" -eq 0 ]; then
    say "$comp" "apt-get update ..."
    apt-get update >>"$log" 2>&1 || fail "$comp" "apt-get update failed" "$log"
    APT_UPDATED=1
  fi
  say "$comp" "apt-get install $* ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >>"$log" 2>&1 ||
    fail "$comp" "apt-get install $* failed" "$log"
}

need_cmd() { # need_cmd COMPONENT COMMAND PACKAGE
  command -v "$2" >/dev/null 2>&1 || apt_install "$1" "$3"
}

# Java (with javac, for the small Kafka probe) and Maven, for Kafka and ES.
ensure_java_maven() {
  local comp="$1"
  command -v javac >/dev/null 2>&1 || apt_install "$comp" openjdk-17-jdk-headless
  command -v mvn >/dev/null 2>&1 || apt_install "$comp" maven
}

java_home() {
  local java
  java="$(readlink -f "$(command -v java)")"
  dirname "$(dirname "$java")"
}

# mvn_run COMPONENT POM_DIR LOG ARGS...: Maven quietly, its output in a log.
# A download cut off once leaves *.lastUpdated markers in ~/.m2 that make Maven refuse to try
# again for a day, so a failure is retried once with the update forced (-U).
mvn_run() {
  local comp="$1" dir="$2" log="$3"
  shift 3
  (cd "$dir" && mvn -B -q "$@") >"$log" 2>&1 && return 0
  say "$comp" "Maven failed, retrying with -U: $(grep -m 1 ERROR "$log" || tail -n 1 "$log")"
  (cd "$dir" && mvn -B -q -U "$@") >"$log" 2>&1 ||
    fail "$comp" "Maven failed twice (mvn $*)" "$log"
}
