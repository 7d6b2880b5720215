import { Counter } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const lowStockAlertsTotal = metric(
  'inventory_low_stock_alerts_total',
  () =>
    new Counter({
      name: 'inventory_low_stock_alerts_total',
      help: 'inventory.low-stock events published (one per crossing)',
    }),
);

export const stockAdjustmentsTotal = metric(
  'inventory_stock_adjustments_total',
  () =>
    new Counter({
      name: 'inventory_stock_adjustments_total',
      help: 'On-hand quantities set by an admin',
      labelNames: ['reason'] as const,
    }),
);
