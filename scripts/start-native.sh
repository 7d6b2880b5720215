#!/usr/bin/env bash
# Starts the whole platform on this machine without Docker: the real infrastructure, then every
# service on its own port, then the demo catalog. Prints where everything answers.
# Usage: npm run start:native      (stop with: npm run stop:native)
set -Eeuo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@shop.local}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-password-change-me}"
mapfile -t SERVICES < <(list_services)

ensure_node_modules

step "starting the infrastructure"
bash scripts/infra/infra.sh up

step "building the services"
node scripts/build.mjs

for service in "${SERVICES[@]}"; do bash scripts/service.sh start "$service"; done

step "waiting until every service is ready"
for service in "${SERVICES[@]}"; do bash scripts/service.sh wait-ready "$service"; done

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
  port=$(service_port "$service")
  printf '  %-22s http://127.0.0.1:%s   (docs: http://127.0.0.1:%s/docs)\n' "$service" "$port" "$port"
done
cat <<INFO
  Prometheus             http://127.0.0.1:9090   (alerts: http://127.0.0.1:9090/alerts)
  PostgreSQL             127.0.0.1:5432   Redis 127.0.0.1:6379   Kafka 127.0.0.1:9092   Elasticsearch http://127.0.0.1:9200
  Admin login            $ADMIN_EMAIL / $ADMIN_PASSWORD
  Logs                   .infra/logs/services/<service>.log
  Stop                   npm run stop:native
INFO
