import { Topics } from '../topics';
import { defineEvent, objectSchema, uuid } from './define';

export interface NotificationOutcome {
  notificationId: string;
  userId: string | null;
  channel: 'email' | 'in_app';
  template: string;
  error?: string;
}

const outcomeSchema = objectSchema(
  {
    notificationId: uuid,
    userId: { type: ['string', 'null'] },
    channel: { enum: ['email', 'in_app'] },
    template: { type: 'string' },
    error: { type: 'string' },
  },
  ['error'],
);

export const NotificationEvents = {
  sent: defineEvent({
    type: 'notification.sent',
    version: 1,
    topic: Topics.notificationEvents,
    summary: 'A notification was delivered to its channel.',
    schema: outcomeSchema,
  }),
  failed: defineEvent({
    type: 'notification.failed',
    version: 1,
    topic: Topics.notificationEvents,
    summary: 'A notification could not be delivered after its retries.',
    schema: outcomeSchema,
  }),
} as const;
