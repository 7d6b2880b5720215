import { Counter } from 'prom-client';

export type CacheName = 'product' | 'list' | 'categories' | 'fx-rates';

export const cacheRequests = new Counter({
  name: 'product_cache_requests_total',
  help: 'Read-cache lookups of product-service, by cache and result (hit or miss; Redis errors count as misses)',
  labelNames: ['cache', 'result'] as const,
});

export const cacheErrors = new Counter({
  name: 'product_cache_errors_total',
  help: 'Redis failures of the read cache, by operation; reads fall back to PostgreSQL',
  labelNames: ['operation'] as const,
});
