import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARD_DIR = join(__dirname, '..', '..', '..', 'infrastructure', 'grafana', 'dashboards');

export interface PanelQuery {
  dashboard: string;
  panel: string;
  expr: string;
}

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/**
 * What Grafana sends for the dashboards' variables with everything selected: `All` of a template
 * variable, and the intervals a one-hour view at the native 5 s scrape interval gets.
 */
const GRAFANA_VARIABLES: [RegExp, string][] = [
  [/\$service\b/g, '.*'],
  [/\$instance\b/g, '.*'],
  [/\$__rate_interval\b/g, '1m'],
  [/\$__interval\b/g, '15s'],
  [/\$__range\b/g, '1h'],
];

export function asGrafanaSendsIt(expr: string): string {
  return GRAFANA_VARIABLES.reduce((query, [variable, value]) => query.replace(variable, value), expr);
}

/** Every panel query of every dashboard, with its dashboard and panel title for the report. */
export function dashboardQueries(): PanelQuery[] {
  const queries: PanelQuery[] = [];
  for (const file of readdirSync(DASHBOARD_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const dashboard = JSON.parse(readFileSync(join(DASHBOARD_DIR, file), 'utf8')) as {
      title: string;
      panels: Panel[];
    };
    const walk = (panels: Panel[]) => {
      for (const panel of panels) {
        for (const target of panel.targets ?? []) {
          if (target.expr)
            queries.push({
              dashboard: dashboard.title,
              panel: panel.title ?? '(untitled)',
              expr: target.expr,
            });
        }
        walk(panel.panels ?? []);
      }
    };
    walk(dashboard.panels);
  }
  return queries;
}

/** The metric names a query selects: every identifier directly followed by a label matcher or a range. */
export function selectedMetrics(expr: string): string[] {
  return [...new Set([...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{[]/g)].map((match) => match[1]))];
}

/** The family a series belongs to in the exposition format (a histogram's _bucket/_sum/_count). */
export function metricFamily(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, '');
}
