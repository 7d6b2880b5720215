import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@ecommerce/testing';
import { call, sleep, type ServiceName } from '../support/http';
import {
  asGrafanaSendsIt,
  dashboardQueries,
  metricFamily,
  selectedMetrics,
  type PanelQuery,
} from './support/dashboards';
import {
  instantQuery,
  isExported,
  isReady,
  loadedRules,
  prometheusUrl,
  scrapedServices,
  scrapeIntervalSeconds,
} from './support/prometheus-api';
import { driveTraffic, type TrafficReport } from './support/traffic';

/**
 * The dashboards and alerts proven against the running platform: after real traffic, Prometheus
 * (started by `infra.sh up`, scraping every service natively) must evaluate every panel query and
 * every alert expression without error, and every panel must show series.
 *
 * A panel may be skipped only when the service that exports its metrics is not running (printed),
 * or when it counts events that healthy traffic does not cause (failures, dead letters); those
 * must still be exported by a running service, so a misspelt metric name is caught either way.
 */

const ALERTS_FILE = join(__dirname, '..', '..', 'infrastructure', 'prometheus', 'alerts.yml');

/** Which service exports a metric, by its prefix; metrics of every service (http_, nodejs_, messaging_) have none. */
const OWNERS: [RegExp, string][] = [
  [/^(orders_|saga_|sagas_)/, 'order-service'],
  [/^(payments_|payment_)/, 'payment-service'],
  [/^notifications_/, 'notification-service'],
  [/^cart_/, 'cart-service'],
  [/^product_/, 'product-service'],
  [/^search_/, 'search-service'],
  [/^inventory_/, 'inventory-service'],
];

/** Counters of failures: a healthy run leaves them without series. */
const FAILURE_ONLY = new Set([
  'messaging_dlq_total',
  'messaging_consume_failures_total',
  'product_cache_errors_total',
  'cart_stale_answers_total',
]);

/** Kong is part of docker-compose and Kubernetes, not of the native set-up. */
const NOT_NATIVE = /^kong_/;

const E2E_NAMES: Record<string, ServiceName> = {
  'user-service': 'user',
  'product-service': 'product',
  'cart-service': 'cart',
  'order-service': 'order',
  'payment-service': 'payment',
  'inventory-service': 'inventory',
  'notification-service': 'notification',
  'search-service': 'search',
};

function owner(metric: string): string | undefined {
  return OWNERS.find(([prefix]) => prefix.test(metric))?.[1];
}

describe(`dashboards and alerts against the live Prometheus (${prometheusUrl})`, () => {
  let up: Map<string, boolean>;
  let traffic: TrafficReport;
  const skipped: string[] = [];

  beforeAll(async () => {
    await eventually(async () => expect(await isReady()).toBe(true), { timeoutMs: 30_000 });
    // What runs is what answers its readiness probe; Prometheus must have scraped each of those
    // since (a service restarted a moment ago still shows its last, failed scrape).
    const ready = await Promise.all(
      Object.entries(E2E_NAMES).map(async ([service, name]) =>
        (await call(name, 'GET', '/health/ready').catch(() => undefined))?.status === 200
          ? service
          : undefined,
      ),
    );
    const runningServices = ready.filter((service): service is string => !!service);
    await eventually(
      async () => {
        up = await scrapedServices();
        expect(runningServices.filter((service) => !up.get(service))).toEqual([]);
      },
      { timeoutMs: 60_000 },
    );
    const running = new Set(runningServices.map((service) => E2E_NAMES[service]));
    traffic = await driveTraffic(running);
    // Enough scrapes after the traffic for rate() to have two fresh samples of every new series.
    await sleep((await scrapeIntervalSeconds()) * 3 * 1000);
  });

  afterAll(() => {
    if (skipped.length > 0) console.log(`not checked for series:\n  ${skipped.join('\n  ')}`);
  });

  it('scrapes every service that runs', () => {
    const down = [...up].filter(([, isUp]) => !isUp).map(([service]) => service);
    if (down.length > 0)
      skipped.push(`services not running, their panels are not checked: ${down.join(', ')}`);
    expect([...up.keys()]).toEqual(
      expect.arrayContaining([
        'user-service',
        'product-service',
        'cart-service',
        'inventory-service',
        'search-service',
      ]),
    );
    expect(up.get('user-service')).toBe(true);
  });

  it('drove checkouts to each ending when order-service runs', () => {
    if (!up.get('order-service') || !up.get('payment-service'))
      return void skipped.push('checkouts: order-service or payment-service is not running');
    expect(traffic.checkouts.map((checkout) => checkout.status)).toEqual([
      'CONFIRMED',
      'CONFIRMED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });

  it('loaded exactly the rules of infrastructure/prometheus/alerts.yml, all healthy', async () => {
    const declared = [...readFileSync(ALERTS_FILE, 'utf8').matchAll(/^\s*- alert: (\S+)/gm)]
      .map((match) => match[1])
      .sort();
    const rules = await loadedRules();
    expect(rules.map((rule) => rule.name).sort()).toEqual(declared);
    // health turns "err" when an evaluation fails (a bad expression at run time, a template error).
    await eventually(async () => {
      const unhealthy = (await loadedRules()).filter((rule) => rule.health !== 'ok');
      expect(unhealthy.map((rule) => `${rule.name}: ${rule.health} ${rule.lastError ?? ''}`)).toEqual([]);
    });
  });

  it('evaluates every alert expression without error', async () => {
    const failures: string[] = [];
    for (const rule of await loadedRules()) {
      const { error } = await instantQuery(rule.query);
      if (error) failures.push(`${rule.name}: ${error}`);
    }
    expect(failures).toEqual([]);
  });

  it('evaluates every panel query without error, and every panel shows series', async () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(40);
    const errors: string[] = [];
    const empty: string[] = [];
    const where = (query: PanelQuery) => `${query.dashboard} / ${query.panel}: ${query.expr}`;
    for (const query of queries) {
      const { series, error } = await instantQuery(asGrafanaSendsIt(query.expr));
      if (error) {
        errors.push(`${where(query)}\n    ${error}`);
        continue;
      }
      if (series.length > 0) continue;
      const metrics = selectedMetrics(query.expr);
      if (metrics.some((metric) => NOT_NATIVE.test(metric))) {
        skipped.push(`${query.dashboard} / ${query.panel}: Kong does not run natively`);
        continue;
      }
      const stopped = metrics
        .map(owner)
        .filter((service): service is string => !!service && !up.get(service));
      if (stopped.length > 0) {
        skipped.push(`${query.dashboard} / ${query.panel}: ${[...new Set(stopped)].join(', ')} not running`);
        continue;
      }
      if (metrics.length > 0 && metrics.every((metric) => FAILURE_ONLY.has(metricFamily(metric)))) {
        const unexported: string[] = [];
        for (const metric of metrics) if (!(await isExported(metricFamily(metric)))) unexported.push(metric);
        if (unexported.length === 0) {
          skipped.push(
            `${query.dashboard} / ${query.panel}: no failures happened (metric exported, no series yet)`,
          );
          continue;
        }
      }
      empty.push(where(query));
    }
    expect(errors).toEqual([]);
    expect(empty).toEqual([]);
  });
});
