import { Counter } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const indexUpdates = metric(
  'search_index_updates_total',
  () =>
    new Counter({
      name: 'search_index_updates_total',
      help: 'Catalog events applied to the index, by type and outcome (written, or unchanged for replayed and stale events)',
      labelNames: ['type', 'outcome'] as const,
    }),
);
