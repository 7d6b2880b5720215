import { register, type Metric } from 'prom-client';

/**
 * A business metric on the default registry (served at /metrics). An already registered one is
 * reused, so loading this code twice in one process (two app instances in a test) does not throw.
 */
export function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
