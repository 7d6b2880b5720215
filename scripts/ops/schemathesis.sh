#!/usr/bin/env bash
# Property-based API checks: schemathesis generates requests from each service's own OpenAPI document
# (/docs-json) and checks every answer: no 5xx (not_a_server_error), only documented status codes
# (status_code_conformance), bodies that match the documented schemas (response_schema_conformance).
#
#   bash scripts/ops/schemathesis.sh http://127.0.0.1:3001 http://127.0.0.1:3002 ...
#
# Starts nothing: pass the base URL of each running service. Environment:
#   SCHEMATHESIS_MAX_EXAMPLES   generated cases per operation (default 50)
#   SCHEMATHESIS_TOKEN          optional bearer token sent with every request (e.g. an admin's), so
#                               operations behind auth are exercised beyond their 401
#   SCHEMATHESIS_VENV           where the pinned schemathesis is installed (default
#                               ~/.cache/ecommerce-schemathesis/venv; pip's cache: ~/.cache/pip)
# Exit status: 0 when every service passes, 1 otherwise (each failing service is named).
set -Eeuo pipefail

SCHEMATHESIS_VERSION=4.32.5
VENV="${SCHEMATHESIS_VENV:-$HOME/.cache/ecommerce-schemathesis/venv}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-50}"
CHECKS=not_a_server_error,status_code_conformance,response_schema_conformance

if [ "$#" -eq 0 ]; then
  echo "usage: $0 BASE_URL [BASE_URL...]   e.g. $0 http://127.0.0.1:3002" >&2
  exit 2
fi

install_schemathesis() {
  if [ -x "$VENV/bin/st" ] && [ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" = "$SCHEMATHESIS_VERSION" ]; then
    return 0
  fi
  echo "[schemathesis] installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --cache-dir "$HOME/.cache/pip" "schemathesis==$SCHEMATHESIS_VERSION"
}

install_schemathesis

auth=()
[ -n "${SCHEMATHESIS_TOKEN:-}" ] && auth=(--header "Authorization: Bearer $SCHEMATHESIS_TOKEN")

failed=()
for base in "$@"; do
  base="${base%/}"
  echo "[schemathesis] $base/docs-json"
  # --seed makes a failure reproducible; a new seed per run still finds new cases over time.
  if ! "$VENV/bin/st" run "$base/docs-json" \
    --url "$base" \
    --checks "$CHECKS" \
    --max-examples "$MAX_EXAMPLES" \
    --seed "${SCHEMATHESIS_SEED:-$RANDOM}" \
    --request-timeout 10 \
    --wait-for-schema 120 \
    --workers 1 \
    "${auth[@]}"; then
    failed+=("$base")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "[schemathesis] failures in: ${failed[*]}" >&2
  exit 1
fi
echo "[schemathesis] every service passed"
