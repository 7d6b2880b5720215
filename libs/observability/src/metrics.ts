import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let defaultsCollected = false;

/** Process metrics (CPU, memory, event loop lag, GC) labelled with the service; idempotent. */
export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  register.setDefaultLabels({ service });
  collectDefaultMetrics({ register });
  defaultsCollected = true;
}

export const httpServerRequests = new Histogram({
  name: 'http_server_requests_seconds',
  help: 'HTTP requests served, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export { register as metricsRegistry };
