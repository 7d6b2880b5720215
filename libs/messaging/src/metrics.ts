import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

// Metrics live on prom-client's default registry, which the observability lib serves on /metrics.
// Reuse a metric that is already registered: a second copy of this module (tests, two bundles)
// must not throw "metric already registered".
function metric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const publishedTotal = metric(
  'messaging_published_total',
  () =>
    new Counter({
      name: 'messaging_published_total',
      help: 'Outbox events published to Kafka and acknowledged',
      labelNames: ['topic'] as const,
    }),
);

export const publishFailuresTotal = metric(
  'messaging_publish_failures_total',
  () =>
    new Counter({
      name: 'messaging_publish_failures_total',
      help: 'Outbox batches Kafka did not acknowledge (retried)',
    }),
);

export const outboxBacklog = metric(
  'messaging_outbox_backlog',
  () => new Gauge({ name: 'messaging_outbox_backlog', help: 'Outbox rows not yet published' }),
);

export const outboxParked = metric(
  'messaging_outbox_parked',
  () =>
    new Gauge({
      name: 'messaging_outbox_parked',
      help: 'Outbox rows Kafka refused for good (too large, unknown topic); their keys wait until an operator retries them',
    }),
);

export const consumerWaiting = metric(
  'messaging_consumer_waiting_partitions',
  () =>
    new Gauge({
      name: 'messaging_consumer_waiting_partitions',
      help: 'Partitions whose current message waits for infrastructure (database, Redis, Elasticsearch, an upstream) to come back',
      labelNames: ['group'] as const,
    }),
);

export const consumedTotal = metric(
  'messaging_consumed_total',
  () =>
    new Counter({
      name: 'messaging_consumed_total',
      help: 'Events consumed, by outcome: processed, duplicate (already in the inbox) or skipped (no handler)',
      labelNames: ['topic', 'type', 'outcome'] as const,
    }),
);

export const consumeFailuresTotal = metric(
  'messaging_consume_failures_total',
  () =>
    new Counter({
      name: 'messaging_consume_failures_total',
      help: 'Failed handler attempts and undecodable messages',
      labelNames: ['topic', 'type'] as const,
    }),
);

export const dlqTotal = metric(
  'messaging_dlq_total',
  () =>
    new Counter({
      name: 'messaging_dlq_total',
      help: 'Messages parked on a dead-letter topic',
      labelNames: ['topic'] as const,
    }),
);

export const consumerLag = metric(
  'messaging_consumer_lag',
  () =>
    new Gauge({
      name: 'messaging_consumer_lag',
      help: 'Messages behind the high watermark after the last batch',
      labelNames: ['topic', 'partition', 'group'] as const,
    }),
);

export const handlerDuration = metric(
  'messaging_handler_duration_seconds',
  () =>
    new Histogram({
      name: 'messaging_handler_duration_seconds',
      help: 'Time to run one event handler attempt, inbox transaction included',
      labelNames: ['topic', 'type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);

export const consumerBatchesTotal = metric(
  'messaging_consumer_batches_total',
  () =>
    new Counter({
      name: 'messaging_consumer_batches_total',
      help: 'Multi-message inbox transactions, by result: committed, or fallback (failed, then applied one message per transaction)',
      labelNames: ['topic', 'result'] as const,
    }),
);

export const consumerBatchDuration = metric(
  'messaging_consumer_batch_duration_seconds',
  () =>
    new Histogram({
      name: 'messaging_consumer_batch_duration_seconds',
      help: 'Time to apply one multi-message inbox transaction, commit included',
      labelNames: ['topic'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);

export type ConsumeOutcome = 'processed' | 'duplicate' | 'skipped';
