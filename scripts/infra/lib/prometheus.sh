# shellcheck shell=bash
# Prometheus: Debian's `prometheus` package (2.42, with promtool) run as our own daemon, never as the
# packaged systemd service: config, pid file, log and data all live under .infra. It scrapes every
# service of the checkout on 127.0.0.1 and evaluates infrastructure/prometheus/alerts.yml, the rules
# file docker-compose and Kubernetes use too.

PROM_PORT="${PROMETHEUS_PORT:-9090}"
PROM_URL="http://$HOST:$PROM_PORT"
PROM_PIDFILE="$RUN_DIR/prometheus.pid"
PROM_LOG="$LOG_DIR/prometheus.log"
PROM_CONFIG="$RUN_DIR/prometheus.yml"
PROM_TEMPLATE="$REPO_ROOT/infrastructure/prometheus/native/prometheus.yml.tmpl"
PROM_RULES="$REPO_ROOT/infrastructure/prometheus/alerts.yml"
# The oldest release whose promtool has everything scripts/ops/validate.sh uses (test rules,
# check config/rules) and whose PromQL the dashboards need; Debian 12 ships 2.42.0.
PROM_MIN_VERSION=2.42.0

prometheus_version() { prometheus --version 2>/dev/null | sed -n 's/^prometheus, version \([0-9.]*\).*/\1/p'; }

prometheus_install() {
  if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
    apt_install prometheus prometheus
    # Where systemd runs, the package enables and starts its own instance with /etc/prometheus's
    # config on our port. This set-up runs its own instead.
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
      systemctl disable --now prometheus >>"$LOG_DIR/apt.log" 2>&1 || true
    fi
  fi
  local version
  version="$(prometheus_version)"
  if [ -z "$version" ] || [ "$(printf '%s\n%s\n' "$PROM_MIN_VERSION" "$version" | sort -V | head -n 1)" != "$PROM_MIN_VERSION" ]; then
    fail prometheus "prometheus ${version:-of unknown version} is older than $PROM_MIN_VERSION"
  fi
}

# The services of this checkout (scripts/lib.sh knows them and their ports), one target each.
prometheus_service_targets() {
  (
    # shellcheck source=../../lib.sh
    . "$REPO_ROOT/scripts/lib.sh"
    local service
    for service in $(list_services); do
      printf "      - targets: ['%s:%s']\n        labels:\n          service: %s\n" "$HOST" "$(service_port "$service")" "$service"
    done
  )
}

prometheus_write_config() {
  local targets tmp="$PROM_CONFIG.tmp"
  targets="$(prometheus_service_targets)"
  [ -n "$targets" ] || fail prometheus "no service found under services/ to scrape"
  # awk, not sed: the target block spans lines and the paths may hold characters sed treats specially.
  awk -v rules="$PROM_RULES" -v targets="$targets" -v port="$PROM_PORT" '
    /^@SERVICE_TARGETS@$/ { print targets; next }
    { gsub(/@ALERTS_FILE@/, rules); gsub(/@PROMETHEUS_PORT@/, port); print }
  ' "$PROM_TEMPLATE" >"$tmp"
  promtool check config "$tmp" >"$LOG_DIR/prometheus-config-check.log" 2>&1 ||
    fail prometheus "the generated configuration does not pass promtool check config" "$LOG_DIR/prometheus-config-check.log"
  mv "$tmp" "$PROM_CONFIG"
}

prometheus_ready() { curl -fsS -o /dev/null --max-time 2 "$PROM_URL/-/ready" 2>/dev/null; }

prometheus_alive() { pid_alive "$PROM_PIDFILE" prometheus; }

prometheus_start() {
  ensure_dirs
  prometheus_write_config
  if prometheus_alive; then
    # The services or the rules may have changed since it started: load the new configuration.
    say prometheus "already running (pid $(cat "$PROM_PIDFILE")), reloading its configuration"
    curl -fsS -X POST --max-time 10 "$PROM_URL/-/reload" >/dev/null || fail prometheus "reload refused" "$PROM_LOG"
    return 0
  fi
  if port_open "$PROM_PORT"; then
    fail prometheus "something not started by this script already listens on :$PROM_PORT (a packaged prometheus? systemctl disable --now prometheus)"
  fi
  mkdir -p "$DATA_DIR/prometheus"
  say prometheus "starting prometheus $(prometheus_version) on $PROM_URL ..."
  nohup prometheus \
    --config.file="$PROM_CONFIG" \
    --storage.tsdb.path="$DATA_DIR/prometheus" \
    --storage.tsdb.retention.time=2d \
    --web.listen-address="$HOST:$PROM_PORT" \
    --web.enable-lifecycle \
    >>"$PROM_LOG" 2>&1 9>&- &
  echo $! >"$PROM_PIDFILE"
}

prometheus_wait() {
  wait_for prometheus "$PROM_URL/-/ready" 60 prometheus_ready prometheus_alive ||
    fail prometheus "not ready on :$PROM_PORT" "$PROM_LOG"
}

prometheus_stop() { stop_pidfile prometheus "$PROM_PIDFILE" prometheus 30; }

prometheus_wipe() { rm -rf "$DATA_DIR/prometheus"; }

prometheus_status() {
  if prometheus_ready; then
    if prometheus_alive; then printf 'up|pid %s, %s' "$(cat "$PROM_PIDFILE")" "$PROM_URL"; else printf 'up|not started by infra.sh'; fi
  else
    printf 'down|'
  fi
}
