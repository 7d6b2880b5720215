# shellcheck shell=bash
# Kafka topics from libs/contracts/topics.json (+ a .dlq twin each), created
# by create-topics.mjs through kafkajs, the client the services use.

TOPICS_SCRIPT="$REPO_ROOT/scripts/infra/create-topics.mjs"
TOPICS_LOG="$LOG_DIR/topics.log"
TOPICS_SKIPPED=0

topics_usable() {
  if ! command -v node >/dev/null 2>&1; then
    say topics "node is not installed: skipped (install Node 20, npm ci, then: infra.sh up topics)"
    return 1
  fi
  if [ ! -d "$REPO_ROOT/node_modules/kafkajs" ]; then
    say topics "node_modules/kafkajs is missing: skipped. Run 'npm ci' in $REPO_ROOT first, then: infra.sh up topics"
    return 1
  fi
}

topics_install() { :; }
topics_start() { :; }

topics_wait() {
  if ! topics_usable; then
    TOPICS_SKIPPED=1
    return 0
  fi
  port_open "$KAFKA_PORT" || fail topics "Kafka is not running on :$KAFKA_PORT (start it: infra.sh up kafka)"
  say_n topics "creating topics from libs/contracts/topics.json ..."
  local out
  if out="$(KAFKA_BROKERS="${KAFKA_BROKERS:-$HOST:$KAFKA_PORT}" node "$TOPICS_SCRIPT" 2>"$TOPICS_LOG")"; then
    printf ' ok: %s\n' "$out"
  else
    printf ' failed\n'
    fail topics "create-topics.mjs failed" "$TOPICS_LOG"
  fi
}

# Topics live in Kafka's data: wiping Kafka removes them, up recreates them.
topics_stop() { :; }
topics_wipe() { :; }

topics_status() {
  if ! port_open "$KAFKA_PORT"; then
    printf 'down|kafka is down'
  elif ! command -v node >/dev/null 2>&1 || [ ! -d "$REPO_ROOT/node_modules/kafkajs" ]; then
    printf '?|needs npm ci'
  else
    local out
    if out="$(node "$TOPICS_SCRIPT" --check 2>/dev/null)"; then
      printf 'up|%s' "$out"
    else
      printf 'down|%s' "${out:-check failed}"
    fi
  fi
}
