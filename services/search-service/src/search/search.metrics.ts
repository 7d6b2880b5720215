import { Counter, Histogram } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const searchCacheRequests = metric(
  'search_cache_requests_total',
  () =>
    new Counter({
      name: 'search_cache_requests_total',
      help: 'Query cache lookups by endpoint and result: hit, miss, unsettled (a change was not searchable yet), error (Redis did not answer)',
      labelNames: ['endpoint', 'result'] as const,
    }),
);

export const searchDuration = metric(
  'search_query_duration_seconds',
  () =>
    new Histogram({
      name: 'search_query_duration_seconds',
      help: 'Time to answer a search, suggest or similar query, by whether the cache answered it',
      labelNames: ['endpoint', 'cache'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
);
