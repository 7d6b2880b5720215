#!/usr/bin/env bash
# Starts the whole platform on this machine without Docker: the real infrastructure, then every
# service on its own port, then the demo catalog. Prints where everything answers.
# Usage: npm run start:native      (stop with: npm run stop:native)
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@shop.local}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-password-change-me}"
LOG_DIR="$REPO_ROOT/.infra/logs/services"
RUN_DIR="$REPO_ROOT/.infra/run"
mkdir -p "$LOG_DIR" "$RUN_DIR"

declare -A PORTS=([user-service]=3001 [product-service]=3002 [cart-service]=3003 [order-service]=3004
  [payment-service]=3005 [inventory-service]=3006 [notification-service]=3007 [search-service]=3008)

ensure_node_modules

step "starting the infrastructure"
bash scripts/infra/infra.sh up

step "building the services"
node scripts/build.mjs

mapfile -t SERVICES < <(list_services)
for service in "${SERVICES[@]}"; do
  pidfile="$RUN_DIR/$service.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "[$service] already running (pid $(cat "$pidfile")), restarting"
    kill "$(cat "$pidfile")" && while kill -0 "$(cat "$pidfile")" 2>/dev/null; do sleep 0.2; done
  fi
  # Each service reads its own .env.example defaults from code; the shared settings come from here.
  PORT="${PORTS[$service]}" nohup node "dist/services/$service/src/main.js" >>"$LOG_DIR/$service.log" 2>&1 &
  echo $! >"$pidfile"
  echo "[$service] started (pid $!), log: .infra/logs/services/$service.log"
done

step "waiting until every service is ready"
for service in "${SERVICES[@]}"; do
  port="${PORTS[$service]}"
  deadline=$(( $(date +%s) + 120 ))
  printf '[%s] http://127.0.0.1:%s/health/ready ' "$service" "$port"
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      echo "FAILED"; echo "--- last lines of .infra/logs/services/$service.log ---"; tail -n 30 "$LOG_DIR/$service.log"; exit 1
    fi
    printf '.'; sleep 1
  done
  echo " ready"
done

if [ -f scripts/seed/seed-catalog.ts ] && [ "${SEED:-1}" = "1" ]; then
  step "seeding the demo catalog (skips what exists)"
  node scripts/run.mjs scripts/seed/seed-catalog.ts
fi

if [ -f services/search-service/src/main.ts ]; then
  # The search index follows product.events from the beginning of the topic, which on a machine that
  # also runs the test suite holds test products too; rebuilding from product-service leaves only
  # the real catalog (the alias swap keeps search answering meanwhile).
  step "rebuilding the search index from product-service"
  token=$(curl -fsS -X POST http://127.0.0.1:3001/api/auth/login -H 'content-type: application/json' \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).accessToken)')
  curl -fsS -o /dev/null -w '  reindex accepted (HTTP %{http_code}), job at %header{location}\n' -X POST http://127.0.0.1:3008/api/search/reindex -H "authorization: Bearer $token"
fi

step "the platform is up"
for service in "${SERVICES[@]}"; do
  printf '  %-22s http://127.0.0.1:%s   (docs: http://127.0.0.1:%s/docs)\n' "$service" "${PORTS[$service]}" "${PORTS[$service]}"
done
cat <<INFO
  PostgreSQL             127.0.0.1:5432   Redis 127.0.0.1:6379   Kafka 127.0.0.1:9092   Elasticsearch http://127.0.0.1:9200
  Admin login            $ADMIN_EMAIL / $ADMIN_PASSWORD
  Logs                   .infra/logs/services/<service>.log
  Stop                   npm run stop:native
INFO
