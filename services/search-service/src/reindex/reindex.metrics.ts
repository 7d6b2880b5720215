import { Counter } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const reindexJobs = metric(
  'search_reindex_jobs_total',
  () =>
    new Counter({
      name: 'search_reindex_jobs_total',
      help: 'Index rebuilds finished, by outcome',
      labelNames: ['outcome'] as const,
    }),
);
