import { Counter, register, type Metric } from 'prom-client';

function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const indexUpdates = metric(
  'search_index_updates_total',
  () =>
    new Counter({
      name: 'search_index_updates_total',
      help: 'Catalog events applied to the index, by type and outcome (written, or unchanged for replayed and stale events)',
      labelNames: ['type', 'outcome'] as const,
    }),
);
