import { Topics } from '@ecommerce/contracts';
import { Outbox } from '@ecommerce/messaging';
import { DeliverNotificationUseCase } from '../src/delivery/deliver-notification';
import { Dispatcher } from '../src/delivery/dispatcher';
import type { SendResult, Transport, OutgoingNotification } from '../src/delivery/transport';
import { NotificationsRepository, type NewNotification } from '../src/notifications/notifications.repository';
import { startTestApp, type TestApp } from './support/app';
import { deliveryLog, pendingNotification, uniqueEmail } from './support/fixtures';
import { MailReceiver } from './support/mail-receiver';

jest.setTimeout(60_000);

const RETRY_MS = 600_000;

interface StoredNotification {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
  transport: string | null;
  lastError: string | null;
  sentAt: Date | null;
  retryInMs: number;
}

interface OutboxEvent {
  key: string;
  topic: string;
  type: string;
  causationId: string;
  correlationId: string;
  data: unknown;
}

/**
 * The dispatcher's batch, recorded: the in-process dispatcher is off (each test dispatches itself)
 * and so is the relay, so the outbox rows stay as the batch wrote them.
 */
describe('recording a dispatched batch', () => {
  let t: TestApp;
  let receiver: MailReceiver;

  beforeAll(async () => {
    receiver = await new MailReceiver().start();
    t = await startTestApp({
      SENDGRID_API_KEY: 'SG.test-key-for-the-local-receiver',
      SENDGRID_API_BASE_URL: receiver.baseUrl,
      NOTIFICATION_DISPATCHER_ENABLED: 'false',
      OUTBOX_RELAY_ENABLED: 'false',
      NOTIFICATION_MAX_ATTEMPTS: '4',
      NOTIFICATION_RETRY_BASE_MS: String(RETRY_MS),
      NOTIFICATION_RETRY_MAX_MS: String(RETRY_MS),
    });
  }, 90_000);

  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  }, 60_000);

  async function insert(notifications: NewNotification[]): Promise<StoredNotification[]> {
    await t.db.transaction((tx) => NotificationsRepository.insert(tx, notifications));
    return stored(notifications.map((n) => n.eventId));
  }

  async function stored(eventIds: string[]): Promise<StoredNotification[]> {
    const rows: StoredNotification[] = await t.db.manager.query(
      `SELECT id, event_id AS "eventId", status, attempts, transport, last_error AS "lastError", sent_at AS "sentAt",
              (extract(epoch FROM next_attempt_at - updated_at) * 1000)::float8 AS "retryInMs"
         FROM notifications WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return eventIds.map((eventId) => rows.find((row) => row.eventId === eventId)!);
  }

  async function eventsOf(ids: string[]): Promise<OutboxEvent[]> {
    return t.db.manager.query(
      `SELECT message_key AS key, topic, event_type AS type, payload->>'causationId' AS "causationId",
              payload->>'correlationId' AS "correlationId", payload->'data' AS data
         FROM outbox_messages WHERE message_key = ANY($1::text[]) ORDER BY id`,
      [ids],
    );
  }

  /** The ids of the transactions that wrote these notifications' attempts and events. */
  async function writers(ids: string[]): Promise<string[]> {
    const rows: { xid: string }[] = await t.db.manager.query(
      `SELECT xmin::text AS xid FROM delivery_attempts WHERE notification_id = ANY($1::uuid[])
        UNION
       SELECT xmin::text FROM outbox_messages WHERE message_key = ANY($2::text[])`,
      [ids, ids],
    );
    return rows.map((row) => row.xid);
  }

  /** A dispatcher like the app's, but sending mail through the given transport. */
  function dispatcherWith(mail: Transport): Dispatcher {
    const deliver = new DeliverNotificationUseCase(t.db, t.app.get(Outbox), mail, t.config);
    return new Dispatcher(t.db, deliver, t.config);
  }

  it('records a batch of different outcomes in one transaction', async () => {
    const [accepted, throttled, rejected] = [
      uniqueEmail('accepted'),
      uniqueEmail('busy'),
      uniqueEmail('bad'),
    ];
    receiver.script(throttled, [500]);
    receiver.script(rejected, [400]);
    const sentMail = pendingNotification({ email: accepted });
    const inApp = pendingNotification({ channel: 'in_app', email: null });
    const retried = pendingNotification({ email: throttled, template: 'order.confirmed' });
    const failed = pendingNotification({ email: rejected, template: 'user.registered' });
    const batch = [sentMail, inApp, retried, failed];
    const [mail, bell, retry, failure] = await insert(batch);
    const ids = [mail.id, bell.id, retry.id, failure.id];

    expect(await t.app.get(Dispatcher).dispatchOnce()).toBe(4);

    const [mailNow, bellNow, retryNow, failureNow] = await stored(batch.map((n) => n.eventId));
    expect(mailNow).toMatchObject({
      status: 'SENT',
      attempts: 1,
      transport: 'sendgrid',
      lastError: null,
      sentAt: expect.any(Date),
    });
    expect(bellNow).toMatchObject({
      status: 'SENT',
      attempts: 1,
      transport: 'in_app',
      lastError: null,
      sentAt: expect.any(Date),
    });
    expect(retryNow).toMatchObject({ status: 'PENDING', attempts: 1, transport: 'sendgrid', sentAt: null });
    expect(retryNow.lastError).toContain('SendGrid answered 500');
    // The first retry waits the base delay less up to a fifth of jitter.
    expect(retryNow.retryInMs).toBeGreaterThanOrEqual(RETRY_MS * 0.8);
    expect(retryNow.retryInMs).toBeLessThanOrEqual(RETRY_MS);
    expect(failureNow).toMatchObject({ status: 'FAILED', attempts: 1, transport: 'sendgrid', sentAt: null });
    expect(failureNow.lastError).toContain('SendGrid answered 400');

    expect(await deliveryLog(t.db, mail.id)).toEqual([
      { attempt: 1, transport: 'sendgrid', outcome: 'SENT', responseCode: 202, error: null },
    ]);
    expect(await deliveryLog(t.db, bell.id)).toEqual([
      { attempt: 1, transport: 'in_app', outcome: 'SENT', responseCode: null, error: null },
    ]);
    expect(await deliveryLog(t.db, retry.id)).toEqual([
      {
        attempt: 1,
        transport: 'sendgrid',
        outcome: 'RETRY',
        responseCode: 500,
        error: expect.stringContaining('500'),
      },
    ]);
    expect(await deliveryLog(t.db, failure.id)).toEqual([
      {
        attempt: 1,
        transport: 'sendgrid',
        outcome: 'FAILED',
        responseCode: 400,
        error: expect.stringContaining('scripted 400'),
      },
    ]);

    // An event per final outcome, none for the retry; each caused by the event that recorded its notification.
    const events = await eventsOf(ids);
    expect(events.sort((a, b) => ids.indexOf(a.key) - ids.indexOf(b.key))).toEqual([
      {
        key: mail.id,
        topic: Topics.notificationEvents,
        type: 'notification.sent',
        causationId: sentMail.eventId,
        correlationId: expect.any(String),
        data: {
          notificationId: mail.id,
          userId: sentMail.userId,
          channel: 'email',
          template: 'order.shipped',
        },
      },
      {
        key: bell.id,
        topic: Topics.notificationEvents,
        type: 'notification.sent',
        causationId: inApp.eventId,
        correlationId: expect.any(String),
        data: { notificationId: bell.id, userId: inApp.userId, channel: 'in_app', template: 'order.shipped' },
      },
      {
        key: failure.id,
        topic: Topics.notificationEvents,
        type: 'notification.failed',
        causationId: failed.eventId,
        correlationId: expect.any(String),
        data: {
          notificationId: failure.id,
          userId: failed.userId,
          channel: 'email',
          template: 'user.registered',
          error: expect.stringContaining('SendGrid answered 400'),
        },
      },
    ]);
    // Each attempt is its own unit of work, with a correlation id of its own.
    expect(new Set(events.map((event) => event.correlationId)).size).toBe(3);

    expect(await writers(ids)).toHaveLength(1);
    expect([accepted, throttled, rejected].map((address) => receiver.to(address).length)).toEqual([1, 1, 1]);
  });

  it('leaves a notification taken over during the send alone, with no event, and records the rest', async () => {
    const [kept, lost] = await insert([pendingNotification(), pendingNotification()]);
    // Another dispatcher takes the notification over (its claim timed out) while this one is sending it.
    const mail: Transport = {
      name: 'sendgrid',
      send: async (notification: OutgoingNotification): Promise<SendResult> => {
        if (notification.notificationId === lost.id)
          await t.db.manager.query(`UPDATE notifications SET attempts = attempts + 1 WHERE id = $1`, [
            lost.id,
          ]);
        return { ok: true, statusCode: 202 };
      },
    };

    expect(await dispatcherWith(mail).dispatchOnce()).toBe(2);

    const [keptNow, lostNow] = await stored([kept.eventId, lost.eventId]);
    expect(keptNow).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(lostNow).toMatchObject({ status: 'PENDING', attempts: 2, transport: null, sentAt: null });
    // The attempt is logged all the same: it did go out.
    expect(await deliveryLog(t.db, lost.id)).toEqual([
      { attempt: 1, transport: 'sendgrid', outcome: 'SENT', responseCode: 202, error: null },
    ]);
    expect((await eventsOf([kept.id, lost.id])).map((event) => [event.key, event.type])).toEqual([
      [kept.id, 'notification.sent'],
    ]);
    expect(await writers([kept.id, lost.id])).toHaveLength(1);
  });

  it('records the rest of a batch one by one when the database refuses one attempt', async () => {
    const [first, poisoned, last] = await insert([
      pendingNotification(),
      pendingNotification(),
      pendingNotification(),
    ]);
    // PostgreSQL text cannot hold a NUL, and an HTTP reason phrase can carry one into the error.
    const mail: Transport = {
      name: 'sendgrid',
      send: (notification: OutgoingNotification): Promise<SendResult> =>
        Promise.resolve(
          notification.notificationId === poisoned.id
            ? {
                ok: false,
                permanent: false,
                statusCode: 500,
                error: 'SendGrid answered 500 Bad\u0000Gateway',
              }
            : { ok: true, statusCode: 202 },
        ),
    };

    expect(await dispatcherWith(mail).dispatchOnce()).toBe(3);

    const [firstNow, poisonedNow, lastNow] = await stored([first.eventId, poisoned.eventId, last.eventId]);
    expect([firstNow.status, lastNow.status]).toEqual(['SENT', 'SENT']);
    // Not recorded: the claim times out and it is sent again, as when every attempt had a transaction of its own.
    expect(poisonedNow).toMatchObject({ status: 'PENDING', attempts: 1, transport: null, lastError: null });
    expect(await deliveryLog(t.db, poisoned.id)).toEqual([]);
    expect(
      (await eventsOf([first.id, poisoned.id, last.id])).map((event) => [event.key, event.type]),
    ).toEqual(
      expect.arrayContaining([
        [first.id, 'notification.sent'],
        [last.id, 'notification.sent'],
      ]),
    );
    expect(await eventsOf([poisoned.id])).toEqual([]);
  });
});
