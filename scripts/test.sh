#!/usr/bin/env bash
# Runs every test of the platform on this machine: installs dependencies, starts the real
# infrastructure (PostgreSQL, Redis, Kafka, Elasticsearch) once, then typecheck, lint, the static
# checks of the deployment files, unit and integration tests; then it starts the whole platform
# natively and runs the end-to-end tests against it, then schemathesis against every service's
# OpenAPI document. Usage: npm test   (or: bash scripts/test.sh)
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
started=$(date +%s)

ensure_node_modules

step "starting the infrastructure"
INFRA_PG_FAST="${INFRA_PG_FAST:-1}" bash scripts/infra/infra.sh up

step "typecheck"
npx tsc -p tsconfig.json --noEmit

step "lint and format"
npx eslint . --max-warnings=0
npx prettier --check . --log-level=warn

step "deployment files (compose, Kong, kustomize overlays, Prometheus, Grafana)"
bash scripts/ops/validate.sh

step "unit tests"
npx jest --selectProjects unit --ci --json --outputFile=.infra/jest-unit.json

step "integration tests (real PostgreSQL, Redis, Kafka, Elasticsearch)"
# Two workers: the suites use their own databases, consumer groups and indices, and the
# infrastructure takes the rest of the machine.
npx jest --selectProjects integration --ci --maxWorkers=2 --json --outputFile=.infra/jest-integration.json

step "starting the whole platform natively for the end-to-end tests"
# The services stop with the run, whatever its outcome; the infrastructure stays up for the next one.
trap 'bash scripts/stop-native.sh --keep-infra >/dev/null 2>&1 || true' EXIT
bash scripts/start-native.sh

step "end-to-end tests (checkout sagas, crash recovery, through the public API)"
npx jest --selectProjects e2e --ci --runInBand --json --outputFile=.infra/jest-e2e.json

step "schemathesis: every service answers as its OpenAPI document says"
# After the end-to-end tests, so the generated data cannot disturb them. A fixed seed makes a CI
# failure reproducible (SCHEMATHESIS_SEED overrides it); 50 cases per operation and phase keep the
# step near two minutes on two cores. The run acts as an admin it provisions, never the real one.
mapfile -t SCHEMATHESIS_URLS < <(list_services | while read -r service; do echo "http://127.0.0.1:$(service_port "$service")"; done)
SCHEMATHESIS_SEED="${SCHEMATHESIS_SEED:-20261203}" SCHEMATHESIS_MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-50}" \
  SCHEMATHESIS_ADMIN_LOGIN="${ADMIN_EMAIL:-admin@shop.local}:${ADMIN_PASSWORD:-admin-password-change-me}" \
  bash scripts/ops/schemathesis.sh "${SCHEMATHESIS_URLS[@]}"

node -e '
  const runs = process.argv.slice(1).map((file) => require(file));
  const sum = (key) => runs.reduce((total, run) => total + run[key], 0);
  console.log(`\ntests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed`);
' "$REPO_ROOT/.infra/jest-unit.json" "$REPO_ROOT/.infra/jest-integration.json" "$REPO_ROOT/.infra/jest-e2e.json"
printf 'all tests passed in %ss\n' "$(( $(date +%s) - started ))"
