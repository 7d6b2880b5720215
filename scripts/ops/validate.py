"""Consistency checks of the deployment files; scripts/ops/validate.sh runs them.

    python3 scripts/ops/validate.py files                   every file on its own and against the others
    python3 scripts/ops/validate.py manifests dev|prod FILE  the output of `kustomize build`

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
PROD_EXTERNAL_SECRETS = {"user-service-secrets", "product-service-secrets", "inventory-service-secrets", "platform-secrets"}

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


def run_files():
    check_yaml_parses()
    if problems:
        return
    check_copies()
    built = compose_services()
    check_kong(os.path.join(ROOT, "kong", "kong.yml"), built)
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
            if name not in by_kind.get("HorizontalPodAutoscaler", {}):
                problem(f"{where}: no HorizontalPodAutoscaler")
            if name not in by_kind.get("PodDisruptionBudget", {}):
                problem(f"{where}: no PodDisruptionBudget")

    kong_configs = [c for n, c in by_kind.get("ConfigMap", {}).items() if n.startswith("kong-config")]
    with open(os.path.join(ROOT, "kong", "kong.yml"), encoding="utf-8") as handle:
        kong = handle.read()
    if len(kong_configs) != 1 or kong_configs[0].get("data", {}).get("kong.yml") != kong:
        problem(f"{environment}: the kong-config ConfigMap does not hold kong/kong.yml")
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
