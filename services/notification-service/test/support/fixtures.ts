import { randomUUID } from 'node:crypto';
import type { OrderEventData, OrderStatus } from '@ecommerce/contracts';
import type { Database } from '@ecommerce/database';
import type { NewNotification } from '../../src/notifications/notifications.repository';

let counter = 0;
export const uniqueEmail = (label = 'user') => `${label}-${Date.now().toString(36)}-${counter++}@example.com`;

/** A PENDING notification as the recording writes it, for tests that dispatch it themselves. */
export const pendingNotification = (overrides: Partial<NewNotification> = {}): NewNotification => {
  const userId = randomUUID();
  return {
    eventId: randomUUID(),
    template: 'order.shipped',
    channel: 'email',
    recipient: userId,
    userId,
    orderId: null,
    email: uniqueEmail(),
    subject: 'Subject',
    body: 'Body',
    ...overrides,
  };
};

/** An order event's `data` as order-service publishes it: two lines, 2 x 12.50 EUR + 1 x 9.99 EUR. */
export function orderData(
  userId: string,
  status: OrderStatus = 'CONFIRMED',
  overrides: Partial<OrderEventData> = {},
): OrderEventData {
  return {
    orderId: randomUUID(),
    userId,
    status,
    total: { amount: 3499, currency: 'EUR' },
    items: [
      {
        productId: randomUUID(),
        name: 'Mug',
        unitPrice: { amount: 1250, currency: 'EUR' },
        quantity: 2,
        lineTotal: { amount: 2500, currency: 'EUR' },
      },
      {
        productId: randomUUID(),
        name: 'Tea',
        unitPrice: { amount: 999, currency: 'EUR' },
        quantity: 1,
        lineTotal: { amount: 999, currency: 'EUR' },
      },
    ],
    ...overrides,
  };
}

export interface NotificationRow {
  id: string;
  template: string;
  channel: string;
  status: string;
  subject: string;
  body: string;
  email: string | null;
  userId: string | null;
  attempts: number;
  lastError: string | null;
  transport: string | null;
  sentAt: Date | null;
}

export async function notificationsFor(
  db: Database,
  where: { userId?: string; email?: string; template?: string },
): Promise<NotificationRow[]> {
  return db.manager.query(
    `SELECT id, template, channel, status, subject, body, email, user_id AS "userId", attempts, last_error AS "lastError", transport, sent_at AS "sentAt"
       FROM notifications
      WHERE ($1::uuid IS NULL OR user_id = $1) AND ($2::text IS NULL OR email = $2) AND ($3::text IS NULL OR template = $3)
      ORDER BY created_at, channel`,
    [where.userId ?? null, where.email ?? null, where.template ?? null],
  );
}

export async function deliveryLog(
  db: Database,
  notificationId: string,
): Promise<
  { attempt: number; transport: string; outcome: string; responseCode: number | null; error: string | null }[]
> {
  return db.manager.query(
    `SELECT attempt, transport, outcome, response_code AS "responseCode", error FROM delivery_attempts WHERE notification_id = $1 ORDER BY attempt`,
    [notificationId],
  );
}
