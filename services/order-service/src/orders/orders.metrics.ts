import { Counter, Gauge, Histogram } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const ordersPlacedTotal = metric(
  'orders_placed_total',
  () =>
    new Counter({
      name: 'orders_placed_total',
      help: 'Orders accepted by POST /api/orders (replays of an idempotency key not counted)',
      labelNames: ['currency'] as const,
    }),
);

export const checkoutsShedTotal = metric(
  'order_checkouts_shed_total',
  () =>
    new Counter({
      name: 'order_checkouts_shed_total',
      help: 'POST /api/orders answered 503 CHECKOUT_BUSY because ORDER_MAX_SAGAS_IN_FLIGHT sagas were waiting',
    }),
);

export const ordersCompletedTotal = metric(
  'orders_completed_total',
  () =>
    new Counter({
      name: 'orders_completed_total',
      help: 'Checkouts that reached their end, by final status (CONFIRMED, CANCELLED) and cancellation reason (none when confirmed)',
      labelNames: ['status', 'reason'] as const,
    }),
);

export const sagaDuration = metric(
  'saga_duration_seconds',
  () =>
    new Histogram({
      name: 'saga_duration_seconds',
      help: 'From POST /api/orders to the end of the checkout (CONFIRMED or CANCELLED), by final status',
      labelNames: ['status'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 30, 60, 120],
    }),
);

export const sagaStepDuration = metric(
  'saga_step_duration_seconds',
  () =>
    new Histogram({
      name: 'saga_step_duration_seconds',
      help: 'Time a saga waited on a step (reservation, payment) until it was answered or timed out',
      labelNames: ['step', 'outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
);

export const sagasInFlight = metric(
  'saga_in_flight',
  () =>
    new Gauge({
      name: 'saga_in_flight',
      help: 'Sagas waiting on a step (from the orders table), by step',
      labelNames: ['step'] as const,
    }),
);

export const sagaTimeoutsTotal = metric(
  'saga_timeouts_total',
  () =>
    new Counter({
      name: 'saga_timeouts_total',
      help: 'Sagas cancelled because a step got no answer in time, by step',
      labelNames: ['step'] as const,
    }),
);
// Zero from the start, so a ratio or an alert over them has a series before the first timeout.
for (const step of ['reservation', 'payment'] as const) sagaTimeoutsTotal.inc({ step }, 0);

export const sagaCompensationsTotal = metric(
  'saga_compensations_total',
  () =>
    new Counter({
      name: 'saga_compensations_total',
      help: 'Compensating commands sent: release (stock given back) and refund (payment given back)',
      labelNames: ['action'] as const,
    }),
);
for (const action of ['release', 'refund'] as const) sagaCompensationsTotal.inc({ action }, 0);

export const sagaEventsTotal = metric(
  'saga_events_total',
  () =>
    new Counter({
      name: 'saga_events_total',
      help: 'Events applied to sagas, by event and outcome (transition, ignored, rejected, unknown_order)',
      labelNames: ['event', 'outcome'] as const,
    }),
);
