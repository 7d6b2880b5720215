import type { Tx } from '@ecommerce/database';
import type { EntityManager } from 'typeorm';
import type { Channel } from '../preferences/preference-rules';

export type NotificationStatus = 'PENDING' | 'SENT' | 'FAILED';

/** A notification to record: rendered now, delivered later by the dispatcher. */
export interface NewNotification {
  eventId: string;
  template: string;
  channel: Channel;
  /** Part of the unique key: the user id, or the address for recipients outside the directory. */
  recipient: string;
  userId: string | null;
  /** For payment.failed before the order's owner is known: the dispatcher finds the owner at send time. */
  orderId: string | null;
  email: string | null;
  subject: string;
  body: string;
}

/** What GET /api/notifications shows. */
export interface NotificationView {
  id: string;
  channel: Channel;
  template: string;
  subject: string;
  status: NotificationStatus;
  createdAt: Date;
  sentAt?: Date;
}

export const NotificationsRepository = {
  /** Inserts them all; a row that exists for the same event, recipient and channel is left alone. Returns how many are new. */
  async insert(tx: Tx, notifications: readonly NewNotification[]): Promise<number> {
    if (notifications.length === 0) return 0;
    const column = <K extends keyof NewNotification>(key: K) => notifications.map((n) => n[key]);
    const rows: unknown[] = await tx.query(
      `INSERT INTO notifications (event_id, template, channel, recipient, user_id, order_id, email, subject, body)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (event_id, recipient, channel) DO NOTHING
       RETURNING id`,
      [
        column('eventId'),
        column('template'),
        column('channel'),
        column('recipient'),
        column('userId'),
        column('orderId'),
        column('email'),
        column('subject'),
        column('body'),
      ],
    );
    return rows.length;
  },

  /** One user's notifications, newest first. */
  async pageForUser(
    db: EntityManager,
    userId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: NotificationView[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      db.query(
        `SELECT id, channel, template, subject, status, created_at AS "createdAt", sent_at AS "sentAt"
           FROM notifications WHERE user_id = $1
          ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, limit, offset],
      ) as Promise<(NotificationView & { sentAt: Date | null })[]>,
      db.query(`SELECT count(*)::int AS total FROM notifications WHERE user_id = $1`, [userId]) as Promise<
        { total: number }[]
      >,
    ]);
    return { items: items.map(({ sentAt, ...rest }) => (sentAt ? { ...rest, sentAt } : rest)), total };
  },
};
