import { Counter } from 'prom-client';
import { metric } from '@ecommerce/observability';

export const notificationsRecorded = metric(
  'notifications_recorded_total',
  () =>
    new Counter({
      name: 'notifications_recorded_total',
      help: 'Notifications recorded for delivery, by template and channel (counted again if the recording transaction is retried)',
      labelNames: ['template', 'channel'] as const,
    }),
);

export const notificationsSuppressed = metric(
  'notifications_suppressed_total',
  () =>
    new Counter({
      name: 'notifications_suppressed_total',
      help: 'Notifications not recorded because the recipient opted out of that channel, by template and channel',
      labelNames: ['template', 'channel'] as const,
    }),
);
