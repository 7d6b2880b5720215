import { Counter, register, type Metric } from 'prom-client';

function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const reindexJobs = metric(
  'search_reindex_jobs_total',
  () => new Counter({ name: 'search_reindex_jobs_total', help: 'Index rebuilds finished, by outcome', labelNames: ['outcome'] as const }),
);
