import { register, type Metric } from 'prom-client';

/**
 * A metric on the default registry (served at /metrics), created on first use. An already registered
 * one is reused, so loading the code that declares it twice in one process (two app instances in a
 * test, a module evaluated by two test files) does not throw "already registered".
 *
 *   export const searches = metric('search_requests_total', () => new Counter({ ... }));
 */
export function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
