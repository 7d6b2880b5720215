import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';

let defaultsCollected = false;
const EVENT_LOOP_SAMPLE_MS = 500;

/** Process metrics (CPU, memory, event loop lag, GC) labelled with the service; idempotent. */
export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  register.setDefaultLabels({ service });
  // The event-loop delay histogram samples with a timer; prom-client's default of every 10 ms wakes an
  // idle process 100 times a second (a third of its idle CPU). A stall still delays the next sample
  // by its full length, so sampling twice a second loses nothing an alert would look at.
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  defaultsCollected = true;
}

export const httpServerRequests = new Histogram({
  name: 'http_server_requests_seconds',
  help: 'HTTP requests served, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export { register as metricsRegistry };

export const httpServerShed = new Counter({
  name: 'http_server_shed_total',
  help: 'HTTP requests refused at once (503 + Retry-After) because the service was overloaded, by route template',
  labelNames: ['route'] as const,
});
