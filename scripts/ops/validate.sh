#!/usr/bin/env bash
# Static validation of the deployment and operations files, without a Docker engine or a cluster:
#
#   docker-compose.yml, kong/kong.yml, k8s/ (base + overlays), infrastructure/prometheus,
#   infrastructure/grafana, infrastructure/postgres
#
#   bash scripts/ops/validate.sh
#
# What runs:
#   1. scripts/ops/validate.py (python3 + PyYAML): every YAML file parses; docker-compose.yml builds
#      each service from the root Dockerfile with a matching SERVICE arg, port, health check and
#      dependencies; Kong routes every API prefix of those services to the right host and port,
#      never health/metrics/docs; Prometheus scrapes each of them and has the required alerts with
#      runbooks; every Grafana dashboard is valid JSON with uid, title and the `service` variable;
#      the copies kustomize needs (kong.yml, init.sql, topics.json) equal their originals.
#   2. scripts/ops/check (Go, built once and cached): the compose file loaded by compose-go (the
#      library behind `docker compose config`), prometheus.yml loaded and alerts.yml parsed by
#      Prometheus' own packages, the PromQL of every dashboard query parsed, and every metric that
#      a dashboard or an alert selects found among the metrics the code exports.
#   3. kustomize build of k8s/overlays/dev and prod, the output strict-decoded into the Kubernetes
#      API types and checked (probes, resources, replicas, HPA/PDB, references that resolve).
#   4. promtool (Debian's prometheus package, installed by `scripts/infra/infra.sh up prometheus`):
#      check config (compose, and the native config generated from infrastructure/prometheus/native),
#      check rules, and the alert unit tests of infrastructure/prometheus/tests.
#
# Tools: python3 (PyYAML, else it goes into a private virtualenv under ~/.cache), go for steps 2
# and 3 (modules from the Go module proxy into ~/go, binaries cached under ~/.cache), kustomize
# (in PATH, or `go install`ed into ~/go/bin, or `kubectl kustomize`). A missing optional tool is
# reported as skipped; any failed check makes the exit status non-zero.
set -Eeuo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$REPO_ROOT"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/ecommerce-ops"
KUSTOMIZE_VERSION=v5.4.3
STARTED=$SECONDS
FAILURES=0
SKIPPED=()
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

step() { printf '\n== %s\n' "$*"; }
pass() { printf '   ok: %s\n' "$*"; }
failed() {
  printf '   FAILED: %s\n' "$*" >&2
  FAILURES=$((FAILURES + 1))
}
skip() {
  printf '   skipped: %s\n' "$*"
  SKIPPED+=("$*")
}

# ------------------------------------------------------------------ python3 + PyYAML
step "python3 with PyYAML"
PYTHON=""
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  PYTHON=python3
elif [ -x "$CACHE_DIR/venv/bin/python" ] && "$CACHE_DIR/venv/bin/python" -c 'import yaml' 2>/dev/null; then
  PYTHON="$CACHE_DIR/venv/bin/python"
elif command -v python3 >/dev/null 2>&1; then
  # Nothing system-wide: a private virtualenv for this script only.
  echo "   PyYAML is missing: installing it into $CACHE_DIR/venv"
  if python3 -m venv "$CACHE_DIR/venv" >/dev/null && "$CACHE_DIR/venv/bin/pip" install -q pyyaml==6.0.2; then
    PYTHON="$CACHE_DIR/venv/bin/python"
  fi
fi
if [ -z "$PYTHON" ]; then
  failed "python3 with PyYAML is required (apt-get install python3-yaml, or pip install pyyaml)"
  exit 1
fi
pass "$("$PYTHON" -c 'import sys, yaml; print(f"python {sys.version.split()[0]}, PyYAML {yaml.__version__}")')"

# ------------------------------------------------------------------ consistency checks
step "files: syntax and consistency"
if "$PYTHON" scripts/ops/validate.py files; then pass "files are consistent"; else failed "file checks"; fi

# ------------------------------------------------------------------ Go checker
step "compose, Prometheus and dashboard queries (scripts/ops/check)"
OPS_CHECK=""
if command -v go >/dev/null 2>&1; then
  # Rebuilt only when its sources change; the Go build and module caches make a rebuild quick.
  hash="$(cat scripts/ops/check/go.mod scripts/ops/check/go.sum scripts/ops/check/*.go | sha256sum | cut -c1-16)"
  OPS_CHECK="$CACHE_DIR/bin/ops-check-$hash"
  if [ ! -x "$OPS_CHECK" ]; then
    echo "   building scripts/ops/check (the first build downloads modules and takes a few minutes) ..."
    mkdir -p "$CACHE_DIR/bin"
    if (cd scripts/ops/check && GOFLAGS=-mod=readonly go build -trimpath -o "$OPS_CHECK.tmp" .); then
      mv "$OPS_CHECK.tmp" "$OPS_CHECK"
      find "$CACHE_DIR/bin" -name 'ops-check-*' ! -name "ops-check-$hash" -delete
    else
      failed "building scripts/ops/check"
      OPS_CHECK=""
    fi
  fi
else
  skip "go is not installed: compose-go, Prometheus and PromQL checks (install Go 1.24+)"
fi
if [ -n "$OPS_CHECK" ]; then
  if "$OPS_CHECK" compose docker-compose.yml; then pass "docker-compose.yml loads like docker compose loads it"; else failed "docker-compose.yml"; fi
  if "$OPS_CHECK" prom-config infrastructure/prometheus/prometheus.yml; then pass "prometheus.yml"; else failed "prometheus.yml"; fi
  if "$OPS_CHECK" prom-rules infrastructure/prometheus/alerts.yml; then pass "alerts.yml"; else failed "alerts.yml"; fi
  if "$OPS_CHECK" grafana-promql infrastructure/grafana/dashboards/*.json; then pass "dashboard queries"; else failed "dashboard queries"; fi

  # Every metric a panel or an alert selects must be exported by the code: the names the services
  # register with prom-client (a histogram adds _bucket, _sum, _count), prom-client's default process
  # and Node.js metrics, Prometheus' own `up` and Kong's kong_* metrics.
  if "$OPS_CHECK" metric-names infrastructure/grafana/dashboards/*.json infrastructure/prometheus/alerts.yml >"$WORK/used.txt"; then
    {
      grep -rhoE "name: '[a-z_:]+'" libs/*/src services/*/src --include='*.ts' | sed -E "s/name: '(.*)'/\1/" |
        while read -r name; do printf '%s\n%s_bucket\n%s_sum\n%s_count\n' "$name" "$name" "$name" "$name"; done
      node -e '
        const client = require("prom-client");
        client.collectDefaultMetrics();
        client.register.getMetricsAsJSON().then((metrics) => {
          for (const { name, type } of metrics) {
            console.log(name);
            if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) console.log(name + suffix);
          }
        });'
      echo up
    } | sort -u >"$WORK/exported.txt"
    unknown="$(grep -v '^kong_' "$WORK/used.txt" | comm -23 - "$WORK/exported.txt")"
    if [ -z "$unknown" ]; then
      pass "the $(wc -l <"$WORK/used.txt") metrics that dashboards and alerts select are all exported"
    else
      printf '     not exported by any service: %s\n' $unknown >&2
      failed "dashboards or alerts select metrics that no service exports"
    fi
  else
    failed "listing the metrics of dashboards and alerts"
  fi
fi

# ------------------------------------------------------------------ kustomize
step "Kubernetes overlays (kustomize build)"
KUSTOMIZE=()
if command -v kustomize >/dev/null 2>&1; then
  KUSTOMIZE=(kustomize build)
elif command -v go >/dev/null 2>&1; then
  gobin="$(go env GOPATH)/bin"
  if [ ! -x "$gobin/kustomize" ]; then
    echo "   installing kustomize $KUSTOMIZE_VERSION into $gobin (go install, cached after the first run) ..."
    go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" >"$WORK/kustomize-install.log" 2>&1 ||
      { echo "   go install of kustomize failed:"; tail -n 5 "$WORK/kustomize-install.log" | sed 's/^/     /'; }
  fi
  if [ -x "$gobin/kustomize" ]; then KUSTOMIZE=("$gobin/kustomize" build); fi
fi
if [ ${#KUSTOMIZE[@]} -eq 0 ] && command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
  KUSTOMIZE=(kubectl kustomize)
fi
if [ ${#KUSTOMIZE[@]} -eq 0 ]; then
  skip "no kustomize (neither in PATH, nor installable with go, nor kubectl): overlays not built"
else
  echo "   using: ${KUSTOMIZE[*]} ($("${KUSTOMIZE[0]}" version 2>/dev/null | head -n 1 || true))"
  for overlay in dev prod; do
    out="$WORK/$overlay.yaml"
    if ! "${KUSTOMIZE[@]}" "k8s/overlays/$overlay" >"$out" 2>"$WORK/$overlay.err"; then
      sed 's/^/     /' "$WORK/$overlay.err" >&2
      failed "kustomize build k8s/overlays/$overlay"
      continue
    fi
    if "$PYTHON" scripts/ops/validate.py manifests "$overlay" "$out"; then pass "$overlay manifests"; else failed "$overlay manifests"; fi
    if [ -n "$OPS_CHECK" ]; then
      if "$OPS_CHECK" k8s "$overlay" <"$out"; then pass "$overlay objects match the Kubernetes API types"; else failed "$overlay API types"; fi
    fi
  done
fi

# ------------------------------------------------------------------ promtool
# Prometheus' own checks of the config (compose, and the native one generated from its template),
# of the one rules file all set-ups load, and the unit tests of the alerts that page.
step "promtool: configuration, rules and alert unit tests"
if command -v promtool >/dev/null 2>&1; then
  echo "   using: $(promtool --version 2>&1 | head -n 1)"
  if promtool check config infrastructure/prometheus/prometheus.yml >"$WORK/promtool.log" 2>&1; then
    pass "promtool check config prometheus.yml (compose)"
  else
    sed 's/^/     /' "$WORK/promtool.log" >&2
    failed "promtool check config prometheus.yml"
  fi
  # The generator of scripts/infra/lib/prometheus.sh, writing into a scratch folder; it runs
  # promtool check config on its output itself.
  if (
    INFRA_DIR="$WORK/infra"
    # shellcheck source=../infra/lib/common.sh
    . scripts/infra/lib/common.sh
    # shellcheck source=../infra/lib/prometheus.sh
    . scripts/infra/lib/prometheus.sh
    ensure_dirs
    prometheus_write_config
  ) >"$WORK/promtool.log" 2>&1; then
    pass "promtool check config of the native configuration (infrastructure/prometheus/native)"
  else
    sed 's/^/     /' "$WORK/promtool.log" >&2
    failed "native Prometheus configuration"
  fi
  if promtool check rules infrastructure/prometheus/alerts.yml >"$WORK/promtool.log" 2>&1; then
    pass "promtool check rules alerts.yml ($(grep -o '[0-9]* rules found' "$WORK/promtool.log"))"
  else
    sed 's/^/     /' "$WORK/promtool.log" >&2
    failed "promtool check rules alerts.yml"
  fi
  if promtool test rules infrastructure/prometheus/tests/*.test.yml >"$WORK/promtool.log" 2>&1; then
    pass "promtool test rules: $(grep -c '^  - name:' infrastructure/prometheus/tests/*.test.yml | awk -F: '{ n += $NF } END { print n }') alert tests"
  else
    grep -v '^$' "$WORK/promtool.log" | sed 's/^/     /' >&2
    failed "promtool test rules (infrastructure/prometheus/tests)"
  fi
else
  failed "promtool is not installed: bash scripts/infra/infra.sh up prometheus installs it (Debian's prometheus package)"
fi

# ------------------------------------------------------------------ summary
printf '\n'
for reason in ${SKIPPED[@]+"${SKIPPED[@]}"}; do printf 'skipped: %s\n' "$reason"; done
if [ "$FAILURES" -gt 0 ]; then
  printf 'validate: %d check(s) FAILED in %ss\n' "$FAILURES" "$((SECONDS - STARTED))" >&2
  exit 1
fi
printf 'validate: all checks passed in %ss\n' "$((SECONDS - STARTED))"
