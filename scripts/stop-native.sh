#!/usr/bin/env bash
# Stops the services started by start-native.sh (gracefully: SIGTERM, then wait), then the infrastructure.
# Usage: npm run stop:native [-- --keep-infra]
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for pidfile in "$REPO_ROOT"/.infra/run/*-service.pid; do
  if [ -f "$pidfile" ]; then bash "$REPO_ROOT/scripts/service.sh" stop "$(basename "$pidfile" .pid)"; fi
done
[ "${1:-}" = "--keep-infra" ] || bash "$REPO_ROOT/scripts/infra/infra.sh" down
