#!/usr/bin/env bash
# Starts, stops or kills one natively running service (built into dist/ by scripts/build.mjs).
# Usage: bash scripts/service.sh start|stop|kill|wait-ready|status <name>-service
#   start       starts it in the background (log: .infra/logs/services/<name>.log), restarting a running one
#   stop        SIGTERM, waits up to 10 s for the graceful shutdown, then SIGKILL
#   kill        SIGKILL at once, as a crash would (used by the crash-recovery tests)
#   wait-ready  waits until /health/ready answers 200 (up to SERVICE_READY_TIMEOUT seconds, default 120)
# SERVICE_NODE_ARGS is passed to node, e.g. a CPU profile written when the service stops:
#   SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/profiles" bash scripts/service.sh start order-service
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

command=${1:?usage: service.sh start|stop|kill|wait-ready|status <name>}
service=${2:?usage: service.sh start|stop|kill|wait-ready|status <name>}
port=$(service_port "$service")
LOG_DIR="$REPO_ROOT/.infra/logs/services"
RUN_DIR="$REPO_ROOT/.infra/run"
pidfile="$RUN_DIR/$service.pid"
mkdir -p "$LOG_DIR" "$RUN_DIR"

running_pid() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"; }

stop_service() {
  local pid
  pid=$(running_pid) || { rm -f "$pidfile"; return 0; }
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  echo "[$service] stopped"
}

case "$command" in
  start)
    if running_pid >/dev/null; then echo "[$service] already running (pid $(cat "$pidfile")), restarting"; stop_service; fi
    [ -f "dist/services/$service/src/main.js" ] || { echo "[$service] not built: run node scripts/build.mjs" >&2; exit 1; }
    # Each service takes its defaults (.env.example) from code; only the port and the settings the
    # caller exported (ADMIN_EMAIL, fraud limits, ...) come from here.
    # shellcheck disable=SC2086 # SERVICE_NODE_ARGS holds several arguments
    PORT="$port" nohup node ${SERVICE_NODE_ARGS:-} "dist/services/$service/src/main.js" >>"$LOG_DIR/$service.log" 2>&1 &
    echo $! >"$pidfile"
    echo "[$service] started (pid $!), log: .infra/logs/services/$service.log"
    ;;
  stop) stop_service ;;
  kill)
    if pid=$(running_pid); then kill -9 "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done; rm -f "$pidfile"; echo "[$service] killed"; fi
    ;;
  wait-ready)
    deadline=$(( $(date +%s) + ${SERVICE_READY_TIMEOUT:-120} ))
    printf '[%s] http://127.0.0.1:%s/health/ready ' "$service" "$port"
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
      if ! running_pid >/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
        echo "FAILED"; echo "--- last lines of .infra/logs/services/$service.log ---"; tail -n 30 "$LOG_DIR/$service.log"; exit 1
      fi
      printf '.'; sleep 1
    done
    echo " ready"
    ;;
  status)
    if pid=$(running_pid); then echo "[$service] running (pid $pid) on :$port"; else echo "[$service] not running"; exit 3; fi
    ;;
  *) echo "unknown command: $command" >&2; exit 2 ;;
esac
