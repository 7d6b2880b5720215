#!/usr/bin/env bash
# Stops the services started by start-native.sh (gracefully: SIGTERM, then wait), then the infrastructure.
# Usage: npm run stop:native [-- --keep-infra]
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUN_DIR="$REPO_ROOT/.infra/run"
for pidfile in "$RUN_DIR"/*-service.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile"); name=$(basename "$pidfile" .pid)
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "[$name] stopped"
  fi
  rm -f "$pidfile"
done
[ "${1:-}" = "--keep-infra" ] || bash "$REPO_ROOT/scripts/infra/infra.sh" down
