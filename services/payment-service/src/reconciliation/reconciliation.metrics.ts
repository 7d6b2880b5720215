import { Counter } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const reconciliationMismatchesTotal = metric(
  'payments_reconciliation_mismatches_total',
  () =>
    new Counter({
      name: 'payments_reconciliation_mismatches_total',
      help: 'Differences between local payments and the provider found by the reconciliation, by kind and whether it fixed them (fixed=true|false)',
      labelNames: ['kind', 'fixed'] as const,
    }),
);
// Zero from the start, so "no mismatch yet" shows as 0 rather than as no data.
reconciliationMismatchesTotal.inc({ kind: 'status', fixed: 'false' }, 0);
