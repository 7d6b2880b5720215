// ops-check validates the deployment files with the same libraries the real tools use, without a
// Docker engine, a cluster or a running Prometheus. scripts/ops/validate.sh builds and runs it.
//
//	ops-check compose FILE             load like `docker compose config` does (schema, interpolation,
//	                                   merge keys, depends_on), and check every build context exists
//	ops-check k8s NAME < manifests     strict-decode `kustomize build` output into the Kubernetes API
//	                                   types: unknown or duplicate fields and wrong types are errors
//	ops-check prom-config FILE         load a Prometheus configuration like Prometheus does
//	ops-check prom-rules FILE...       parse alerting rules like `promtool check rules` (PromQL, templates)
//	ops-check grafana-promql FILE...   parse the PromQL of every Grafana dashboard target
//	ops-check metric-names FILE...     print every metric name the dashboards (.json) and alerting
//	                                   rules (.yml) select, one per line, for a check against the code
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	kedav1alpha1 "github.com/kedacore/keda/v2/apis/keda/v1alpha1"
	"github.com/prometheus/prometheus/config"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsyaml "sigs.k8s.io/yaml"
)

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: ops-check compose|k8s|prom-config|prom-rules|grafana-promql|metric-names ARGS"))
	}
	args := os.Args[2:]
	var errs []error
	switch os.Args[1] {
	case "compose":
		errs = checkCompose(args)
	case "k8s":
		errs = checkKubernetes(args)
	case "prom-config":
		errs = checkPrometheusConfig(args)
	case "prom-rules":
		errs = checkPrometheusRules(args)
	case "grafana-promql":
		errs = checkGrafanaPromQL(args)
	case "metric-names":
		errs = printMetricNames(args)
	default:
		errs = []error{fmt.Errorf("unknown command %q", os.Args[1])}
	}
	if len(errs) > 0 {
		for _, err := range errs {
			fmt.Fprintln(os.Stderr, "  "+err.Error())
		}
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}

func checkCompose(args []string) []error {
	if len(args) != 1 {
		return []error{errors.New("compose: one file expected")}
	}
	file, err := filepath.Abs(args[0])
	if err != nil {
		return []error{err}
	}
	dir := filepath.Dir(file)
	options, err := cli.NewProjectOptions([]string{file},
		cli.WithWorkingDirectory(dir),
		cli.WithOsEnv,
		cli.WithDotEnv,
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		return []error{err}
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return []error{fmt.Errorf("%s: %w", args[0], err)}
	}
	var errs []error
	names := make([]string, 0, len(project.Services))
	for name := range project.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		service := project.Services[name]
		if service.Build != nil {
			if _, err := os.Stat(service.Build.Context); err != nil {
				errs = append(errs, fmt.Errorf("service %s: build context %s: %w", name, service.Build.Context, err))
			}
			dockerfile := service.Build.Dockerfile
			if dockerfile == "" {
				dockerfile = "Dockerfile"
			}
			if !filepath.IsAbs(dockerfile) {
				dockerfile = filepath.Join(service.Build.Context, dockerfile)
			}
			if _, err := os.Stat(dockerfile); err != nil {
				errs = append(errs, fmt.Errorf("service %s: %w", name, err))
			}
		} else if service.Image == "" {
			errs = append(errs, fmt.Errorf("service %s: neither image nor build", name))
		}
		for _, volume := range service.Volumes {
			if volume.Type == "bind" {
				if _, err := os.Stat(volume.Source); err != nil {
					errs = append(errs, fmt.Errorf("service %s: bind mount source: %w", name, err))
				}
			}
		}
	}
	if len(errs) == 0 {
		fmt.Printf("    %d services loaded\n", len(project.Services))
	}
	return errs
}

func checkKubernetes(args []string) []error {
	name := "manifests"
	if len(args) > 0 {
		name = args[0]
	}
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme, autoscalingv2.AddToScheme, policyv1.AddToScheme,
		networkingv1.AddToScheme,
		// KEDA's ScaledObject (prod overlay): the CRD's own Go types, from KEDA's module.
		kedav1alpha1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			return []error{err}
		}
	}
	decoder := serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	var errs []error
	count := 0
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return append(errs, fmt.Errorf("%s: %w", name, err))
		}
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		count++
		if _, _, err := decoder.Decode(doc, nil, nil); err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %w", name, describeObject(doc, count), err))
		}
	}
	if count == 0 {
		errs = append(errs, fmt.Errorf("%s: no objects", name))
	}
	if len(errs) == 0 {
		fmt.Printf("    %s: %d objects decoded strictly\n", name, count)
	}
	return errs
}

// describeObject names a manifest in messages: "Deployment ecommerce/user-service".
func describeObject(doc []byte, index int) string {
	var meta struct {
		Kind     string `json:"kind"`
		Metadata struct {
			Name      string `json:"name"`
			Namespace string `json:"namespace"`
		} `json:"metadata"`
	}
	if err := sigsyaml.Unmarshal(doc, &meta); err != nil || meta.Kind == "" {
		return fmt.Sprintf("document %d", index)
	}
	name := meta.Metadata.Name
	if meta.Metadata.Namespace != "" {
		name = meta.Metadata.Namespace + "/" + name
	}
	return meta.Kind + " " + name
}

func checkPrometheusConfig(args []string) []error {
	var errs []error
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, file := range args {
		cfg, err := config.LoadFile(file, false, logger)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", file, err))
			continue
		}
		// LoadFile has already made the rule file patterns relative to the configuration's folder.
		for _, pattern := range cfg.RuleFiles {
			matches, _ := filepath.Glob(pattern)
			if len(matches) == 0 {
				errs = append(errs, fmt.Errorf("%s: rule_files %s matches no file", file, pattern))
			}
		}
		if len(errs) == 0 {
			fmt.Printf("    %s: %d scrape jobs\n", file, len(cfg.ScrapeConfigs))
		}
	}
	return errs
}

func checkPrometheusRules(args []string) []error {
	var errs []error
	for _, file := range args {
		groups, parseErrs := rulefmt.ParseFile(file, false)
		for _, err := range parseErrs {
			errs = append(errs, fmt.Errorf("%s: %w", file, err))
		}
		if len(parseErrs) == 0 {
			rules := 0
			for _, group := range groups.Groups {
				rules += len(group.Rules)
			}
			fmt.Printf("    %s: %d groups, %d rules\n", file, len(groups.Groups), rules)
		}
	}
	return errs
}

// Grafana replaces these before the query reaches Prometheus.
var grafanaVariables = regexp.MustCompile(`\$(__rate_interval|__interval|__range|\{[a-zA-Z_]+\}|[a-zA-Z_]+)`)

func substituteGrafanaVariables(expr string) string {
	return grafanaVariables.ReplaceAllStringFunc(expr, func(v string) string {
		switch strings.Trim(v, "${}") {
		case "__rate_interval", "__interval":
			return "1m"
		case "__range":
			return "1h"
		default:
			return "value"
		}
	})
}

type grafanaPanel struct {
	Title   string         `json:"title"`
	Panels  []grafanaPanel `json:"panels"`
	Targets []struct {
		RefID string `json:"refId"`
		Expr  string `json:"expr"`
	} `json:"targets"`
}

// forEachDashboardQuery calls visit with every non-empty PromQL query of a dashboard's panels,
// rows included.
func forEachDashboardQuery(file string, visit func(panel, refID, expr string)) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var dashboard struct {
		Panels []grafanaPanel `json:"panels"`
	}
	if err := json.Unmarshal(data, &dashboard); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	var walk func(panels []grafanaPanel)
	walk = func(panels []grafanaPanel) {
		for _, panel := range panels {
			walk(panel.Panels)
			for _, target := range panel.Targets {
				if target.Expr != "" {
					visit(panel.Title, target.RefID, target.Expr)
				}
			}
		}
	}
	walk(dashboard.Panels)
	return nil
}

func checkGrafanaPromQL(args []string) []error {
	var errs []error
	for _, file := range args {
		count := 0
		err := forEachDashboardQuery(file, func(panel, refID, expr string) {
			count++
			if _, err := parser.ParseExpr(substituteGrafanaVariables(expr)); err != nil {
				errs = append(errs, fmt.Errorf("%s: panel %q, query %s: %w", file, panel, refID, err))
			}
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Printf("    %s: %d queries parsed\n", filepath.Base(file), count)
	}
	return errs
}

// printMetricNames lists the metrics the queries select, so that a dashboard panel or an alert
// that names a metric no service exports (a typo, a renamed counter) is caught before it silently
// shows "No data" or never fires.
func printMetricNames(args []string) []error {
	var errs []error
	names := map[string]bool{}
	collect := func(source, expr string) {
		parsed, err := parser.ParseExpr(substituteGrafanaVariables(expr))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", source, err))
			return
		}
		parser.Inspect(parsed, func(node parser.Node, _ []parser.Node) error {
			if selector, ok := node.(*parser.VectorSelector); ok && selector.Name != "" {
				names[selector.Name] = true
			}
			return nil
		})
	}
	for _, file := range args {
		if strings.HasSuffix(file, ".json") {
			err := forEachDashboardQuery(file, func(panel, _, expr string) {
				collect(fmt.Sprintf("%s: panel %q", file, panel), expr)
			})
			if err != nil {
				errs = append(errs, err)
			}
			continue
		}
		groups, parseErrs := rulefmt.ParseFile(file, false)
		errs = append(errs, parseErrs...)
		for _, group := range groups.Groups {
			for _, rule := range group.Rules {
				collect(fmt.Sprintf("%s: rule %q", file, rule.Alert), rule.Expr)
			}
		}
	}
	sorted := make([]string, 0, len(names))
	for name := range names {
		sorted = append(sorted, name)
	}
	sort.Strings(sorted)
	for _, name := range sorted {
		fmt.Println(name)
	}
	return errs
}
