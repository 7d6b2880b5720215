# Shared helpers of the top-level scripts (test.sh, start-native.sh).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

step() { printf '\n==> %s\n' "$*"; }

# Installs from the lockfile when node_modules is missing or older than it; otherwise nothing.
# `npm install`, not `npm ci`: some native tools (nx, the resolver under eslint) do not publish every
# platform binary for each version, and `npm ci` refuses a lockfile that lacks those optional entries.
ensure_node_modules() {
  local stamp="$REPO_ROOT/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$REPO_ROOT/package-lock.json"; then return 0; fi
  step "installing npm dependencies (cached in ~/.npm)"
  (cd "$REPO_ROOT" && npm install --no-audit --no-fund --prefer-offline --loglevel=error)
  cp "$REPO_ROOT/package-lock.json" "$stamp"
}

# The port each service answers on natively (the same as in docker-compose.yml and k8s).
service_port() {
  case "$1" in
    user-service) echo 3001 ;; product-service) echo 3002 ;; cart-service) echo 3003 ;;
    order-service) echo 3004 ;; payment-service) echo 3005 ;; inventory-service) echo 3006 ;;
    notification-service) echo 3007 ;; search-service) echo 3008 ;;
    *) echo "unknown service: $1" >&2; return 1 ;;
  esac
}

# Services that exist in this checkout, in start order (user-service first: others verify its tokens).
list_services() {
  local order=(user-service product-service inventory-service cart-service search-service order-service payment-service notification-service)
  local name
  for name in "${order[@]}"; do [ -f "$REPO_ROOT/services/$name/src/main.ts" ] && echo "$name"; done
  for dir in "$REPO_ROOT"/services/*/; do
    name=$(basename "$dir")
    [ -f "$dir/src/main.ts" ] && [[ ! " ${order[*]} " =~ " $name " ]] && echo "$name"
  done
  return 0
}
