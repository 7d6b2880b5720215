import { Counter, Histogram } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const reservationsTotal = metric(
  'inventory_reservations_total',
  () =>
    new Counter({
      name: 'inventory_reservations_total',
      help: 'Reserve commands handled, by outcome: reserved, out_of_stock, duplicate (answered from the existing reservation)',
      labelNames: ['outcome'] as const,
    }),
);

export const settlementsTotal = metric(
  'inventory_settlements_total',
  () =>
    new Counter({
      name: 'inventory_settlements_total',
      help: 'Release, commit and expiry of reservations, by what happened (released, committed, late_committed, late_commit_short, ignored, unknown)',
      labelNames: ['settlement', 'outcome'] as const,
    }),
);

export const reserveDuration = metric(
  'inventory_reserve_duration_seconds',
  () =>
    new Histogram({
      name: 'inventory_reserve_duration_seconds',
      help: 'Time to decide and write one reservation inside its transaction',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    }),
);
