"""Consistency checks of the deployment files; scripts/ops/validate.sh runs them.

    python3 scripts/ops/validate.py files                   every file on its own and against the others
    python3 scripts/ops/validate.py manifests dev|prod FILE  the output of `kustomize build`
    python3 scripts/ops/validate.py kong-prod               prints the prod overlay's kong.yml (Redis rate limits)
    python3 scripts/ops/validate.py gateway-routes DIR      DIR/<service>.json OpenAPI documents against kong.yml

Needs PyYAML only. Prints one line per problem and exits 1 if there is any.
"""

import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# The public path prefixes of each service (shared/design/API.md). A service appears in the checks
# as soon as docker-compose.yml builds it; its prefixes must then be routed by Kong.
API_PREFIXES = {
    "user-service": ["/api/auth", "/api/users"],
    "product-service": ["/api/products", "/api/categories"],
    "cart-service": ["/api/cart"],
    "order-service": ["/api/orders"],
    "payment-service": ["/api/payments"],
    "inventory-service": ["/api/inventory"],
    "notification-service": ["/api/notifications"],
    "search-service": ["/api/search"],
}
KONG_PLUGINS = {"correlation-id", "rate-limiting", "cors", "request-size-limiting", "prometheus"}
STRICT_RATE_LIMITED = ["/api/auth/login", "/api/auth/register"]
REQUIRED_ALERTS = {
    "ServiceDown", "High5xxRate", "HighP99Latency", "OutboxBacklogGrowing",
    "ConsumerLagHigh", "MessagesDeadLettered", "CircuitBreakerOpen",
}
# Identical copies that exist because kustomize reads only files below its own folder.
COPIES = [
    ("kong/kong.yml", "k8s/base/kong/kong.yml"),
    ("infrastructure/postgres/init.sql", "k8s/overlays/dev/postgres/init.sql"),
    ("libs/contracts/topics.json", "k8s/overlays/dev/kafka/topics.json"),
]
# Secrets the prod overlay expects to exist in the cluster (created outside the repository).
PROD_EXTERNAL_SECRETS = {
    "user-service-secrets", "product-service-secrets", "inventory-service-secrets", "order-service-secrets",
    "payment-service-secrets", "notification-service-secrets", "platform-secrets",
}

problems = []
warnings = []


def problem(message):
    problems.append(message)


def rel(path):
    return os.path.relpath(path, ROOT)


def load_yaml_docs(path):
    with open(path, encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


def load_yaml(path):
    docs = load_yaml_docs(path)
    if len(docs) != 1:
        raise ValueError(f"expected one YAML document, found {len(docs)}")
    return docs[0]


# ------------------------------------------------------------------------------------------ files

def yaml_files():
    patterns = [
        "docker-compose.yml", "kong/**/*.yml", "kong/**/*.yaml", "k8s/**/*.yml", "k8s/**/*.yaml",
        "infrastructure/prometheus/**/*.yml", "infrastructure/prometheus/**/*.yaml",
        "infrastructure/grafana/**/*.yml", "infrastructure/grafana/**/*.yaml",
    ]
    found = set()
    for pattern in patterns:
        found.update(glob.glob(os.path.join(ROOT, pattern), recursive=True))
    return sorted(found)


def check_yaml_parses():
    files = yaml_files()
    for path in files:
        try:
            load_yaml_docs(path)
        except Exception as error:  # noqa: BLE001 - report whatever the parser says
            problem(f"{rel(path)}: not valid YAML: {error}")
    print(f"    {len(files)} YAML files parsed")


def check_copies():
    for source, copy in COPIES:
        with open(os.path.join(ROOT, source), "rb") as a:
            original = a.read()
        try:
            with open(os.path.join(ROOT, copy), "rb") as b:
                duplicate = b.read()
        except FileNotFoundError:
            problem(f"{copy} is missing: cp {source} {copy}")
            continue
        if original != duplicate:
            problem(f"{copy} differs from {source}: cp {source} {copy}")


def env_map(environment):
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return dict(environment or {})


# The one port docker-compose.yml may publish on every interface: Kong's proxy, the API's front door.
PUBLIC_COMPOSE_PORTS = {("kong", "8000")}


def check_compose_bindings():
    """Everything but the gateway's proxy (stores, services, admin UIs) answers on localhost only."""
    compose = load_yaml(os.path.join(ROOT, "docker-compose.yml"))
    for name, service in (compose.get("services") or {}).items():
        for mapping in service.get("ports") or []:
            if isinstance(mapping, dict):
                text, host_ip = str(mapping.get("published", "")), mapping.get("host_ip", "")
                published = text
            else:
                # [HOST_IP:]PUBLISHED:TARGET[/PROTOCOL]; PUBLISHED may be ${VAR:-default}.
                text = str(mapping)
                match = re.match(r"^(?:(\d+\.\d+\.\d+\.\d+|\[[^\]]*\]):)?(.+?)(?::(\d+))?(?:/\w+)?$", text)
                host_ip, published = (match.group(1) or "", match.group(2)) if match else ("", text)
            if host_ip != "127.0.0.1" and (name, published) not in PUBLIC_COMPOSE_PORTS:
                problem(f"docker-compose.yml: {name} publishes {text} on every interface; bind it to 127.0.0.1")


def compose_services():
    """Services docker-compose.yml builds from the root Dockerfile: name -> port."""
    compose = load_yaml(os.path.join(ROOT, "docker-compose.yml"))
    services = compose.get("services") or {}
    built = {}
    for name, service in services.items():
        for dependency in (service.get("depends_on") or {}):
            if dependency not in services:
                problem(f"docker-compose.yml: {name} depends on undefined service {dependency}")
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith((".", "/")) and not os.path.exists(os.path.join(ROOT, source)):
                problem(f"docker-compose.yml: {name} mounts {source}, which does not exist")
        build = service.get("build")
        if build is None:
            if not service.get("image"):
                problem(f"docker-compose.yml: {name} has neither image nor build")
            continue
        if not isinstance(build, dict) or build.get("context") != ".":
            problem(f"docker-compose.yml: {name} must build with context '.' (the root Dockerfile)")
            continue
        arg = (build.get("args") or {}).get("SERVICE")
        if arg != name:
            problem(f"docker-compose.yml: {name} builds SERVICE={arg!r}, expected {name!r}")
        if not os.path.isdir(os.path.join(ROOT, "services", name)):
            warnings.append(f"docker-compose.yml builds {name}, but services/{name} is not in this checkout yet")
        env = env_map(service.get("environment"))
        port = env.get("PORT")
        if not port or not str(port).isdigit():
            problem(f"docker-compose.yml: {name} has no numeric PORT")
            continue
        built[name] = int(port)
        published = [str(p) for p in service.get("ports") or []]
        if not any(p.endswith(f":{port}") for p in published):
            problem(f"docker-compose.yml: {name} does not publish its port {port}")
        test = " ".join(map(str, (service.get("healthcheck") or {}).get("test") or []))
        if "/health/ready" not in test:
            problem(f"docker-compose.yml: {name} has no /health/ready health check")
        for required in ("KAFKA_BROKERS", "REDIS_URL", "OTEL_EXPORTER_OTLP_ENDPOINT", "NODE_ENV", "LOG_LEVEL"):
            if required not in env:
                problem(f"docker-compose.yml: {name} lacks {required}")
        if name != "user-service" and env.get("JWT_JWKS_URL") != "http://user-service:3001/api/auth/jwks":
            problem(f"docker-compose.yml: {name} has JWT_JWKS_URL={env.get('JWT_JWKS_URL')!r}")
        for dependency, condition in (service.get("depends_on") or {}).items():
            wanted = (condition or {}).get("condition") if isinstance(condition, dict) else None
            if wanted not in ("service_healthy", "service_completed_successfully"):
                problem(f"docker-compose.yml: {name} -> {dependency} should wait for service_healthy")
    if not built:
        problem("docker-compose.yml builds no service")
    unknown = sorted(set(built) - set(API_PREFIXES))
    if unknown:
        problem(f"docker-compose.yml builds {unknown}, which API.md does not know")
    print(f"    docker-compose.yml builds: {', '.join(f'{n}:{p}' for n, p in sorted(built.items()))}")
    return built


def check_kong(path, built):
    config = load_yaml(path)
    if str(config.get("_format_version")) != "3.0":
        problem(f"{rel(path)}: _format_version must be \"3.0\"")
    routed = {}
    names = set()
    for service in config.get("services") or []:
        match = re.fullmatch(r"http://([a-z0-9-]+):(\d+)", str(service.get("url", "")))
        if not match:
            problem(f"{rel(path)}: service {service.get('name')} has url {service.get('url')!r}, expected http://<name>:<port>")
            continue
        host, port = match.group(1), int(match.group(2))
        if host not in built:
            problem(f"{rel(path)}: service {service.get('name')} points at {host}, which docker-compose.yml does not run")
        elif built[host] != port:
            problem(f"{rel(path)}: {host} is on port {built[host]}, kong uses {port}")
        for route in service.get("routes") or []:
            if route.get("name") in names:
                problem(f"{rel(path)}: route name {route.get('name')} is used twice")
            names.add(route.get("name"))
            if route.get("strip_path") is not False:
                problem(f"{rel(path)}: route {route.get('name')} must set strip_path: false")
            for route_path in route.get("paths") or []:
                if re.search(r"/(health|metrics|docs)", route_path):
                    problem(f"{rel(path)}: route {route.get('name')} exposes {route_path}")
                if route_path in routed:
                    problem(f"{rel(path)}: path {route_path} is routed twice")
                routed[route_path] = (host, route)
    for name in built:
        for prefix in API_PREFIXES.get(name, []):
            if prefix not in routed:
                problem(f"{rel(path)}: {prefix} ({name}) is not routed")
            elif routed[prefix][0] != name:
                problem(f"{rel(path)}: {prefix} goes to {routed[prefix][0]}, expected {name}")
    for prefix in STRICT_RATE_LIMITED:
        if "user-service" not in built:
            break
        route = routed.get(prefix, (None, {}))[1]
        limits = [p for p in route.get("plugins") or [] if p.get("name") == "rate-limiting"]
        if not limits:
            problem(f"{rel(path)}: {prefix} has no route-level rate limit")
    plugins = {p.get("name") for p in config.get("plugins") or []}
    for missing in sorted(KONG_PLUGINS - plugins):
        problem(f"{rel(path)}: global plugin {missing} is missing")
    correlation = next((p for p in config.get("plugins") or [] if p.get("name") == "correlation-id"), {})
    if (correlation.get("config") or {}).get("header_name") != "X-Correlation-Id":
        problem(f"{rel(path)}: correlation-id must use the X-Correlation-Id header")
    print(f"    {rel(path)}: {len(routed)} routed paths")


def check_prometheus(built):
    directory = os.path.join(ROOT, "infrastructure", "prometheus")
    config = load_yaml(os.path.join(directory, "prometheus.yml"))
    for rule_file in config.get("rule_files") or []:
        if not glob.glob(os.path.join(directory, rule_file)):
            problem(f"prometheus.yml: rule file {rule_file} does not exist")
    targets = {}
    for job in config.get("scrape_configs") or []:
        for static in job.get("static_configs") or []:
            for target in static.get("targets") or []:
                targets[target] = (job.get("job_name"), (static.get("labels") or {}).get("service"))
    for name, port in built.items():
        target = f"{name}:{port}"
        if target not in targets:
            problem(f"prometheus.yml: {target} is not scraped")
        elif targets[target] != ("services", name):
            problem(f"prometheus.yml: {target} should be in job 'services' with service={name}, is {targets[target]}")
    if "kong:8100" not in targets:
        problem("prometheus.yml: Kong's status listener (kong:8100) is not scraped")

    rules = load_yaml(os.path.join(directory, "alerts.yml"))
    seen = set()
    for group in rules.get("groups") or []:
        for rule in group.get("rules") or []:
            if "alert" not in rule:
                continue
            seen.add(rule["alert"])
            annotations = rule.get("annotations") or {}
            for key in ("summary", "description", "runbook"):
                if not annotations.get(key):
                    problem(f"alerts.yml: {rule['alert']} has no {key} annotation")
            if "severity" not in (rule.get("labels") or {}):
                problem(f"alerts.yml: {rule['alert']} has no severity label")
    for missing in sorted(REQUIRED_ALERTS - seen):
        problem(f"alerts.yml: alert {missing} is missing")


def check_grafana():
    base = os.path.join(ROOT, "infrastructure", "grafana")
    datasource_uids = set()
    for path in glob.glob(os.path.join(base, "provisioning", "datasources", "*.y*ml")):
        for source in load_yaml(path).get("datasources") or []:
            datasource_uids.add(source.get("uid"))
    for wanted in ("prometheus", "jaeger"):
        if wanted not in datasource_uids:
            problem(f"grafana: no provisioned data source with uid {wanted}")
    providers = []
    for path in glob.glob(os.path.join(base, "provisioning", "dashboards", "*.y*ml")):
        providers += load_yaml(path).get("providers") or []
    if not providers:
        problem("grafana: no dashboard provider")

    uids = {}
    dashboards = sorted(glob.glob(os.path.join(base, "dashboards", "*.json")))
    if not dashboards:
        problem("grafana: no dashboards")
    for path in dashboards:
        name = rel(path)
        try:
            with open(path, encoding="utf-8") as handle:
                dashboard = json.load(handle)
        except ValueError as error:
            problem(f"{name}: not valid JSON: {error}")
            continue
        for key in ("uid", "title"):
            if not dashboard.get(key):
                problem(f"{name}: no {key}")
        uid = dashboard.get("uid", "")
        if len(uid) > 40:
            problem(f"{name}: uid longer than 40 characters")
        if uid in uids:
            problem(f"{name}: uid {uid} also used by {uids[uid]}")
        uids[uid] = name
        if dashboard.get("schemaVersion") != 39:
            problem(f"{name}: schemaVersion is {dashboard.get('schemaVersion')}, expected 39")
        variables = {v.get("name") for v in (dashboard.get("templating") or {}).get("list") or []}
        if "service" not in variables:
            problem(f"{name}: no `service` template variable")
        panel_ids = set()

        def walk(panels):
            for panel in panels:
                if panel.get("id") in panel_ids:
                    problem(f"{name}: panel id {panel.get('id')} used twice")
                panel_ids.add(panel.get("id"))
                if "gridPos" not in panel:
                    problem(f"{name}: panel {panel.get('title')!r} has no gridPos")
                sources = [panel.get("datasource")] + [t.get("datasource") for t in panel.get("targets") or []]
                for source in sources:
                    if isinstance(source, dict) and source.get("type") != "grafana" and source.get("uid") not in datasource_uids:
                        problem(f"{name}: panel {panel.get('title')!r} uses unknown data source {source.get('uid')}")
                for target in panel.get("targets") or []:
                    if panel.get("type") != "row" and not target.get("expr"):
                        problem(f"{name}: panel {panel.get('title')!r} has a target without expr")
                walk(panel.get("panels") or [])

        walk(dashboard.get("panels") or [])
    print(f"    {len(dashboards)} dashboards: {', '.join(sorted(uids))}")


def check_k8s_sources(built):
    base = os.path.join(ROOT, "k8s", "base")
    kustomization = load_yaml(os.path.join(base, "kustomization.yaml"))
    resources = kustomization.get("resources") or []
    for name, port in built.items():
        resource = f"services/{name}.yaml"
        if resource not in resources:
            problem(f"k8s/base/kustomization.yaml: {resource} is not listed")
            continue
        docs = load_yaml_docs(os.path.join(base, resource))
        deployment = next((d for d in docs if d.get("kind") == "Deployment"), None)
        service = next((d for d in docs if d.get("kind") == "Service"), None)
        if not deployment or not service:
            problem(f"k8s/base/{resource}: needs a Deployment and a Service")
            continue
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        ports = {p.get("name"): p.get("containerPort") for p in container.get("ports") or []}
        if ports.get("http") != port:
            problem(f"k8s/base/{resource}: containerPort http is {ports.get('http')}, compose says {port}")
        env = {e["name"]: e.get("value") for e in container.get("env") or []}
        if env.get("PORT") != str(port):
            problem(f"k8s/base/{resource}: PORT is {env.get('PORT')!r}, expected {port}")
        if [p.get("port") for p in service["spec"].get("ports") or []] != [port]:
            problem(f"k8s/base/{resource}: the Service must expose port {port}")
    for env_name in ("dev", "prod"):
        overlay = load_yaml(os.path.join(ROOT, "k8s", "overlays", env_name, "kustomization.yaml"))
        replicas = {r.get("name") for r in overlay.get("replicas") or []}
        for name in built:
            if name not in replicas:
                problem(f"k8s/overlays/{env_name}/kustomization.yaml: no replica count for {name}")


# ----------------------------------------------------------------------------------- kong schemas

KONG_SCHEMAS = os.path.join(ROOT, "kong", "schemas")
KONG_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "record": lambda v: isinstance(v, dict),
    "map": lambda v: isinstance(v, dict),
}


def check_kong_value(where, field, value, spec):
    if not KONG_TYPES[spec["type"]](value):
        problem(f"{where}: {field} must be a {spec['type']}, is {value!r}")
        return
    if "one_of" in spec and value not in spec["one_of"]:
        problem(f"{where}: {field} is {value!r}, Kong accepts one of {spec['one_of']}")
    if "between" in spec and not spec["between"][0] <= value <= spec["between"][1]:
        problem(f"{where}: {field} is {value}, Kong accepts {spec['between'][0]}..{spec['between'][1]}")
    if "gt" in spec and not value > spec["gt"]:
        problem(f"{where}: {field} is {value}, Kong wants more than {spec['gt']}")
    if spec["type"] == "array" and "elements" in spec:
        for index, element in enumerate(value):
            check_kong_value(where, f"{field}[{index}]", element, spec["elements"])
    if spec["type"] == "record" and "fields" in spec:
        check_kong_fields(f"{where}: {field}", value, spec)


def check_kong_fields(where, entity, schema):
    for field, value in entity.items():
        spec = schema["fields"].get(field)
        if spec is None:
            problem(f"{where}: unknown field {field!r} (Kong 3 knows {', '.join(sorted(schema['fields']))})")
        elif value is not None:
            check_kong_value(where, field, value, spec)
    wanted = schema.get("at_least_one_of")
    if wanted and not any(entity.get(field) is not None for field in wanted):
        problem(f"{where}: needs at least one of {wanted}")


def check_kong_plugin(where, plugin, entities):
    check_kong_fields(where, plugin, entities["plugin"])
    name = plugin.get("name")
    schema_path = os.path.join(KONG_SCHEMAS, f"{name}.json")
    if not os.path.exists(schema_path):
        problem(f"{where}: plugin {name} has no schema in kong/schemas (add {name}.json from Kong's kong/plugins/{name}/schema.lua)")
        return
    with open(schema_path, encoding="utf-8") as handle:
        check_kong_fields(f"{where} {name}.config", plugin.get("config") or {}, json.load(handle))


def check_kong_schemas(path):
    """Entities and plugin configurations of kong.yml against the Kong 3.x schemas in kong/schemas."""
    with open(os.path.join(KONG_SCHEMAS, "entities.json"), encoding="utf-8") as handle:
        entities = json.load(handle)
    config = load_yaml(path)
    plugins_checked = 0
    for service in config.get("services") or []:
        where = f"{rel(path)}: service {service.get('name')}"
        check_kong_fields(where, service, entities["service"])
        for plugin in service.get("plugins") or []:
            check_kong_plugin(f"{where} plugin", plugin, entities)
            plugins_checked += 1
        for route in service.get("routes") or []:
            route_where = f"{rel(path)}: route {route.get('name')}"
            check_kong_fields(route_where, route, entities["route"])
            for route_path in route.get("paths") or []:
                # Kong 3 reads a path as a regex only with the ~ prefix; anything else is a plain prefix.
                if route_path.startswith("~"):
                    try:
                        re.compile(route_path[1:])
                    except re.error as error:
                        problem(f"{route_where}: path {route_path} is not a valid regex: {error}")
                elif not route_path.startswith("/"):
                    problem(f"{route_where}: path {route_path} must start with / (or ~ for a regex)")
            for plugin in route.get("plugins") or []:
                check_kong_plugin(f"{route_where} plugin", plugin, entities)
                plugins_checked += 1
    for plugin in config.get("plugins") or []:
        check_kong_plugin(f"{rel(path)}: global plugin", plugin, entities)
        plugins_checked += 1
    print(f"    {rel(path)}: entities and {plugins_checked} plugin configurations checked against the Kong 3 schemas")


# ------------------------------------------------------------------------------ kong, prod overlay

KONG_PROD = os.path.join(ROOT, "k8s", "overlays", "prod", "kong", "kong.yml")
# Several Kong replicas in production: counters in Redis, so a client gets the limit once, not once
# per replica. fault_tolerant (set on every limit) keeps proxying when Redis does not answer.
KONG_PROD_REDIS = {"host": "kong-redis.example.internal", "port": 6379, "database": 0, "timeout": 2000, "ssl": False}
KONG_PROD_HEADER = """# GENERATED from kong/kong.yml for the prod overlay: every rate limit counts in Redis (policy
# redis), shared by all Kong replicas, instead of per node. Do not edit; regenerate with
#   python3 scripts/ops/validate.py kong-prod > k8s/overlays/prod/kong/kong.yml
# (scripts/ops/validate.sh fails when it is out of date). The Redis it uses: KONG_PROD_REDIS there.
"""


def kong_for_prod(config):
    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == "rate-limiting" and isinstance(node.get("config"), dict):
                node["config"]["policy"] = "redis"
                node["config"]["redis"] = dict(KONG_PROD_REDIS)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(config)
    return config


def kong_prod_text():
    return KONG_PROD_HEADER + yaml.safe_dump(kong_for_prod(load_yaml(os.path.join(ROOT, "kong", "kong.yml"))), sort_keys=False, width=120)


def check_kong_prod():
    if not os.path.exists(KONG_PROD):
        problem(f"{rel(KONG_PROD)} is missing: python3 scripts/ops/validate.py kong-prod > {rel(KONG_PROD)}")
        return
    with open(KONG_PROD, encoding="utf-8") as handle:
        if handle.read() != kong_prod_text():
            problem(f"{rel(KONG_PROD)} is out of date with kong/kong.yml: python3 scripts/ops/validate.py kong-prod > {rel(KONG_PROD)}")
            return
    check_kong_schemas(KONG_PROD)
    policies = set()
    for plugin in _plugins(load_yaml(KONG_PROD)):
        if plugin.get("name") == "rate-limiting":
            policies.add((plugin.get("config") or {}).get("policy"))
    if policies != {"redis"}:
        problem(f"{rel(KONG_PROD)}: every rate limit must use policy redis, found {sorted(map(str, policies))}")


def _plugins(config):
    yield from config.get("plugins") or []
    for service in config.get("services") or []:
        yield from service.get("plugins") or []
        for route in service.get("routes") or []:
            yield from route.get("plugins") or []


# --------------------------------------------------------------------------- gateway vs OpenAPI

INTERNAL_PATH = re.compile(r"^/(health|metrics|docs)(/|-json|$)")


def kong_routes(config):
    """(service host, route name, methods or None, path) for every path of every route."""
    for service in config.get("services") or []:
        host = re.sub(r"^https?://([^:/]+).*$", r"\1", str(service.get("url", "")))
        for route in service.get("routes") or []:
            for route_path in route.get("paths") or []:
                yield host, route.get("name"), route.get("methods"), route_path


def route_matches(route_path, methods, method, path):
    if methods and method.upper() not in methods:
        return False
    if route_path.startswith("~"):
        # Kong anchors a regex path at the start of the request path.
        return re.match(route_path[1:], path) is not None
    return path.startswith(route_path)


def check_gateway_routes(directory):
    """Each public path of each service's OpenAPI document (DIR/<service>.json) reaches its owner
    through Kong, every route that matches it agrees, and no internal path matches any route."""
    config = load_yaml(os.path.join(ROOT, "kong", "kong.yml"))
    routes = list(kong_routes(config))
    checked = 0
    for document_path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        owner = os.path.basename(document_path)[: -len(".json")]
        with open(document_path, encoding="utf-8") as handle:
            document = json.load(handle)
        for template, operations in (document.get("paths") or {}).items():
            # A concrete request path: every {parameter} becomes a plausible segment.
            path = re.sub(r"\{[^}]+\}", "0b7f6a4e-2f4c-4c1e-9a57-3a1d7c2f9e10", template)
            for method in operations:
                if method.lower() not in ("get", "head", "post", "put", "patch", "delete", "options"):
                    continue
                matching = [(host, name) for host, name, methods, route_path in routes if route_matches(route_path, methods, method, path)]
                checked += 1
                if INTERNAL_PATH.match(template):
                    if matching:
                        problem(f"kong/kong.yml exposes the internal {method.upper()} {template} of {owner} (route {matching[0][1]})")
                elif not matching:
                    problem(f"kong/kong.yml: {method.upper()} {template} of {owner} is not routed")
                else:
                    wrong = sorted({f"{name} -> {host}" for host, name in matching if host != owner})
                    if wrong:
                        problem(f"kong/kong.yml: {method.upper()} {template} belongs to {owner}, but matches {', '.join(wrong)}")
    for internal in ("/health/live", "/health/ready", "/metrics", "/docs", "/docs-json"):
        for host, name, methods, route_path in routes:
            if route_matches(route_path, methods, "GET", internal):
                problem(f"kong/kong.yml: route {name} exposes {internal} of {host}")
    print(f"    {checked} operations of {len(glob.glob(os.path.join(directory, '*.json')))} OpenAPI documents checked against kong/kong.yml")


def run_files():
    check_yaml_parses()
    if problems:
        return
    check_copies()
    check_compose_bindings()
    built = compose_services()
    check_kong(os.path.join(ROOT, "kong", "kong.yml"), built)
    check_kong_schemas(os.path.join(ROOT, "kong", "kong.yml"))
    check_kong_prod()
    check_prometheus(built)
    check_grafana()
    check_k8s_sources(built)


# -------------------------------------------------------------------------------------- manifests

def run_manifests(environment, path):
    objects = load_yaml_docs(path)
    by_kind = {}
    for obj in objects:
        by_kind.setdefault(obj.get("kind"), {})[obj["metadata"]["name"]] = obj
    configmaps = set(by_kind.get("ConfigMap", {}))
    secrets = set(by_kind.get("Secret", {}))
    deployments = by_kind.get("Deployment", {})
    expected_replicas = {"dev": 1, "prod": 3}[environment]
    built = compose_services_quiet()

    for obj in objects:
        namespace = obj["metadata"].get("namespace")
        if obj["kind"] != "Namespace" and namespace != "ecommerce":
            problem(f"{environment}: {obj['kind']} {obj['metadata']['name']} is in namespace {namespace!r}")

    for name in list(built) + ["kong"]:
        if name not in deployments:
            problem(f"{environment}: no Deployment {name}")
    for name, deployment in deployments.items():
        labels = deployment["spec"]["template"]["metadata"].get("labels") or {}
        component = labels.get("app.kubernetes.io/component")
        pod = deployment["spec"]["template"]["spec"]
        where = f"{environment}: Deployment {name}"
        referenced = []
        for container in pod.get("containers", []) + pod.get("initContainers", []):
            for source in container.get("envFrom") or []:
                for kind in ("configMapRef", "secretRef"):
                    if kind in source:
                        referenced.append((kind, source[kind]["name"], source[kind].get("optional", False)))
            for variable in container.get("env") or []:
                ref = (variable.get("valueFrom") or {})
                for kind in ("configMapKeyRef", "secretKeyRef"):
                    if kind in ref:
                        referenced.append((kind, ref[kind]["name"], ref[kind].get("optional", False)))
        for volume in pod.get("volumes") or []:
            if "configMap" in volume:
                referenced.append(("configMap", volume["configMap"]["name"], volume["configMap"].get("optional", False)))
            if "secret" in volume:
                referenced.append(("secret", volume["secret"]["secretName"], volume["secret"].get("optional", False)))
        for kind, ref_name, optional in referenced:
            pool = configmaps if kind.lower().startswith("configmap") else secrets
            if ref_name in pool or optional:
                continue
            if environment == "prod" and kind.lower().startswith("secret") and ref_name in PROD_EXTERNAL_SECRETS:
                continue
            problem(f"{where}: {kind} {ref_name} does not exist")
        if component not in ("service", "gateway"):
            continue
        if deployment["spec"].get("replicas") != expected_replicas:
            problem(f"{where}: {deployment['spec'].get('replicas')} replicas, expected {expected_replicas}")
        if not (pod.get("securityContext") or {}).get("runAsNonRoot"):
            problem(f"{where}: runAsNonRoot is not set")
        if pod.get("terminationGracePeriodSeconds") != 30:
            problem(f"{where}: terminationGracePeriodSeconds is not 30")
        annotations = deployment["spec"]["template"]["metadata"].get("annotations") or {}
        if annotations.get("prometheus.io/scrape") != "true" or not annotations.get("prometheus.io/port"):
            problem(f"{where}: prometheus.io/scrape and /port annotations missing")
        for container in pod.get("containers") or []:
            resources = container.get("resources") or {}
            if not resources.get("requests") or not (resources.get("limits") or {}).get("memory"):
                problem(f"{where}: container {container['name']} needs requests and a memory limit")
            if "preStop" not in (container.get("lifecycle") or {}):
                problem(f"{where}: container {container['name']} has no preStop hook")
            if component == "service":
                ready = ((container.get("readinessProbe") or {}).get("httpGet") or {}).get("path")
                live = ((container.get("livenessProbe") or {}).get("httpGet") or {}).get("path")
                if ready != "/health/ready" or live != "/health/live":
                    problem(f"{where}: probes are {ready!r}/{live!r}, expected /health/ready and /health/live")
                port = annotations.get("prometheus.io/port")
                declared = [str(p.get("containerPort")) for p in container.get("ports") or []]
                if port not in declared:
                    problem(f"{where}: prometheus.io/port {port} is not a container port")
                if name in built and declared != [str(built[name])]:
                    problem(f"{where}: container ports {declared}, docker-compose.yml says {built[name]}")
        if environment == "prod":
            # KEDA makes the HorizontalPodAutoscaler of a Deployment that has a ScaledObject.
            scaled = {(o["spec"].get("scaleTargetRef") or {}).get("name") for o in by_kind.get("ScaledObject", {}).values()}
            hpas = {(o["spec"].get("scaleTargetRef") or {}).get("name") for o in by_kind.get("HorizontalPodAutoscaler", {}).values()}
            if name in scaled and name in hpas:
                problem(f"{where}: both a ScaledObject and a HorizontalPodAutoscaler (they would fight over replicas)")
            elif name not in scaled and name not in hpas:
                problem(f"{where}: no HorizontalPodAutoscaler")
            if name not in by_kind.get("PodDisruptionBudget", {}):
                problem(f"{where}: no PodDisruptionBudget")

    kong_configs = [c for n, c in by_kind.get("ConfigMap", {}).items() if n.startswith("kong-config")]
    # prod holds the variant with Redis rate limits generated from kong/kong.yml (check_kong_prod).
    expected = KONG_PROD if environment == "prod" else os.path.join(ROOT, "kong", "kong.yml")
    with open(expected, encoding="utf-8") as handle:
        kong = handle.read()
    if len(kong_configs) != 1 or kong_configs[0].get("data", {}).get("kong.yml") != kong:
        problem(f"{environment}: the kong-config ConfigMap does not hold {rel(expected)}")
    for hpa in by_kind.get("HorizontalPodAutoscaler", {}).values():
        if hpa["spec"]["scaleTargetRef"]["name"] not in deployments:
            problem(f"{environment}: HPA {hpa['metadata']['name']} targets a missing Deployment")
    for pdb in by_kind.get("PodDisruptionBudget", {}).values():
        selector = pdb["spec"]["selector"]["matchLabels"]
        if not any(all((d["spec"]["template"]["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())
                   for d in deployments.values()):
            problem(f"{environment}: PodDisruptionBudget {pdb['metadata']['name']} selects no pods")
    for service in by_kind.get("Service", {}).values():
        selector = service["spec"].get("selector") or {}
        if not any(all((d["spec"]["template"]["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())
                   for d in deployments.values()):
            problem(f"{environment}: Service {service['metadata']['name']} selects no pods")
    print(f"    {environment}: {len(objects)} objects, {len(deployments)} Deployments checked")


def compose_services_quiet():
    global problems, warnings
    saved = problems, warnings
    problems, warnings = [], []
    stdout = sys.stdout
    sys.stdout = open(os.devnull, "w")
    try:
        return compose_services()
    finally:
        sys.stdout.close()
        sys.stdout = stdout
        problems, warnings = saved


def main(argv):
    if argv[:1] == ["files"]:
        run_files()
    elif len(argv) == 2 and argv[0] == "gateway-routes":
        check_gateway_routes(argv[1])
    elif argv == ["kong-prod"]:
        sys.stdout.write(kong_prod_text())
        return 0
    elif len(argv) == 3 and argv[0] == "manifests" and argv[1] in ("dev", "prod"):
        run_manifests(argv[1], argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for message in warnings:
        print(f"    note: {message}")
    for message in problems:
        print(f"  {message}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
