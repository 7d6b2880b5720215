#!/usr/bin/env bash
# Local infrastructure for development and CI, without Docker:
# PostgreSQL, Redis, Kafka (KRaft), Elasticsearch and the Kafka topics.
#
#   scripts/infra/infra.sh up     [component...]   install what is missing, start, wait until it answers
#   scripts/infra/infra.sh down   [component...]   stop (pid files, waits for exit)
#   scripts/infra/infra.sh status [component...]   table of component / port / up|down
#   scripts/infra/infra.sh reset  [component...]   down + wipe data (+ recreate the Postgres databases) + up
#   scripts/infra/infra.sh env                     print the connection settings
#
# Components: postgres redis kafka elasticsearch topics prometheus (default: all).
# "kafka" implies "topics" for up/reset, since a fresh broker has none.
# Logs: .infra/logs/  Data: .infra/data/  (INFRA_DIR overrides .infra)
# INFRA_PG_FAST=1 turns off fsync & co. in Postgres (CI).
set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"

# shellcheck source=lib/common.sh
. "$SCRIPT_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
. "$SCRIPT_DIR/lib/postgres.sh"
# shellcheck source=lib/redis.sh
. "$SCRIPT_DIR/lib/redis.sh"
# shellcheck source=lib/kafka.sh
. "$SCRIPT_DIR/lib/kafka.sh"
# shellcheck source=lib/elasticsearch.sh
. "$SCRIPT_DIR/lib/elasticsearch.sh"
# shellcheck source=lib/topics.sh
. "$SCRIPT_DIR/lib/topics.sh"
# shellcheck source=lib/prometheus.sh
. "$SCRIPT_DIR/lib/prometheus.sh"

ALL_COMPONENTS=(postgres redis kafka elasticsearch topics)
# Prometheus comes last: it only scrapes the services and evaluates alerts.yml (lib/prometheus.sh).
ALL_COMPONENTS+=(prometheus)

trap 'printf "\n[infra] unexpected error (exit %s) at %s line %s: %s\n" "$?" "${BASH_SOURCE[0]##*/}" "$LINENO" "$BASH_COMMAND" >&2' ERR

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

SELECTED=()
is_selected() {
  local c
  for c in "${SELECTED[@]}"; do [ "$c" = "$1" ] && return 0; done
  return 1
}

# Component name -> function prefix.
prefix() {
  case "$1" in
  elasticsearch) printf es ;;
  *) printf '%s' "$1" ;;
  esac
}

# run_phase PHASE COMPONENT...: calls <prefix>_<phase> for each selected one,
# in the order given (the order is what makes the phases overlap well).
run_phase() {
  local phase="$1" c
  shift
  for c in "$@"; do
    if is_selected "$c"; then "$(prefix "$c")_$phase"; fi
  done
}

# Two runs at once (two terminals, two test jobs) would race on pid files.
# Every daemon is started with 9>&- so it does not inherit (and hold) the lock.
take_lock() {
  ensure_dirs
  # Read-only is enough for flock, for a user who cannot write another's file.
  # The braces keep 2>/dev/null on the open alone: on a bare exec it would silence the rest of
  # the script, error messages included.
  { exec 9>>"$RUN_DIR/infra.lock"; } 2>/dev/null || exec 9<"$RUN_DIR/infra.lock"
  if ! flock -n 9; then
    say infra "another infra.sh is running, waiting for it ..."
    flock -w 900 9 || fail infra "gave up waiting for the other infra.sh run"
  fi
}

print_env() {
  cat <<ENV
DATABASE_HOST=$HOST
DATABASE_PORT=$PG_PORT
# per service: DATABASE_NAME=DATABASE_USER=DATABASE_PASSWORD=<name>, tests use DATABASE_NAME=<name>_test
# names: ${PG_DATABASES[*]}
REDIS_URL=redis://$HOST:$REDIS_PORT
CACHE_REDIS_URL=redis://$HOST:$REDIS_CACHE_PORT
KAFKA_BROKERS=$HOST:$KAFKA_PORT
ELASTICSEARCH_URL=$ES_URL
PROMETHEUS_URL=$PROM_URL
ENV
}

cmd_up() {
  local start=$SECONDS
  take_lock
  # Install everything first (apt, Maven), then launch the slow JVMs early so
  # Elasticsearch and Kafka boot while the quick ones are checked.
  run_phase install postgres redis kafka elasticsearch topics
  run_phase start postgres redis elasticsearch kafka topics
  run_phase wait postgres redis kafka topics elasticsearch
  for phase in install start wait; do run_phase "$phase" prometheus; done
  printf '\n# connection settings\n'
  print_env
  if [ "$TOPICS_SKIPPED" -eq 1 ]; then
    say infra "NOTE: topics were not created (see above)"
  fi
  say infra "up in $((SECONDS - start))s"
}

cmd_down() {
  take_lock
  run_phase stop prometheus
  run_phase stop topics elasticsearch kafka redis postgres
}

cmd_reset() {
  local c
  cmd_down
  for c in "${SELECTED[@]}"; do
    say "$c" "wiping data ..."
    "$(prefix "$c")_wipe"
  done
  cmd_up
}

cmd_status() {
  local c line state detail port rc=0
  printf '%-14s %-11s %-5s %s\n' COMPONENT PORT STATE DETAIL
  for c in "${ALL_COMPONENTS[@]}"; do
    is_selected "$c" || continue
    case "$c" in
    postgres) port=$PG_PORT ;;
    redis) port=$REDIS_PORT,$REDIS_CACHE_PORT ;;
    kafka) port="$KAFKA_PORT,$KAFKA_CONTROLLER_PORT" ;;
    elasticsearch) port=$ES_PORT ;;
    topics) port=- ;;
    prometheus) port=$PROM_PORT ;;
    esac
    line="$("$(prefix "$c")_status")"
    state="${line%%|*}"
    detail="${line#*|}"
    [ "$state" = up ] || rc=1
    printf '%-14s %-11s %-5s %s\n' "$c" "$port" "$state" "$detail"
  done
  return "$rc"
}

main() {
  local cmd="${1:-}" c k known
  [ $# -gt 0 ] && shift
  case "$cmd" in
  up | down | status | reset) ;;
  env)
    print_env
    return 0
    ;;
  -h | --help | help)
    usage
    return 0
    ;;
  *)
    usage >&2
    return 2
    ;;
  esac

  if [ $# -eq 0 ]; then
    SELECTED=("${ALL_COMPONENTS[@]}")
  else
    for c in "$@"; do
      known=0
      for k in "${ALL_COMPONENTS[@]}"; do [ "$k" = "$c" ] && known=1; done
      if [ "$known" -ne 1 ]; then
        printf 'unknown component: %s (known: %s)\n' "$c" "${ALL_COMPONENTS[*]}" >&2
        return 2
      fi
      SELECTED+=("$c")
    done
    if { [ "$cmd" = up ] || [ "$cmd" = reset ]; } && is_selected kafka && ! is_selected topics; then
      SELECTED+=(topics)
    fi
  fi

  "cmd_$cmd"
}

main "$@"
