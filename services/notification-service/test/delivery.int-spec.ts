import { randomUUID } from 'node:crypto';
import { Topics } from '@ecommerce/contracts';
import { eventually, TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/app';
import { deliveryLog, notificationsFor, orderData, uniqueEmail } from './support/fixtures';
import { TestPublisher } from '@ecommerce/testing';
import { MailReceiver } from './support/mail-receiver';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(60_000);

const OPS_EMAIL = 'ops-alerts@example.com';
const API_KEY = 'SG.test-key-for-the-local-receiver';

describe('notification delivery through SendGrid', () => {
  let t: TestApp;
  let publisher: TestPublisher;
  let receiver: MailReceiver;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    receiver = await new MailReceiver().start();
    t = await startTestApp({
      SENDGRID_API_KEY: API_KEY,
      SENDGRID_API_BASE_URL: receiver.baseUrl,
      NOTIFICATION_MAX_ATTEMPTS: '4',
      NOTIFICATION_ADMIN_EMAILS: OPS_EMAIL,
      NOTIFICATION_FROM_EMAIL: 'orders@shop.example',
      NOTIFICATION_FROM_NAME: 'Example Shop',
    });
    publisher = await new TestPublisher().start();
    recorder = await new TopicRecorder([Topics.notificationEvents]).start();
    await waitForConsumers(t.db, publisher);
  }, 90_000);

  afterAll(async () => {
    await recorder?.stop();
    await publisher?.stop();
    await t?.close();
    await receiver?.stop();
  }, 60_000);

  async function registerUser(
    email = uniqueEmail(),
    name = 'Ada Lovelace',
  ): Promise<{ userId: string; email: string }> {
    const userId = randomUUID();
    await publisher.publish('user.registered', userId, { userId, email, name }, 'user-service');
    return { userId, email };
  }

  it('sends the welcome mail and the order confirmation, rendered, with the exact SendGrid request', async () => {
    const { userId, email } = await registerUser();
    const order = orderData(userId);
    await publisher.publish('order.confirmed', order.orderId, order);

    const sent = await eventually(async () => {
      const rows = await notificationsFor(t.db, { userId, template: 'order.confirmed' });
      expect(rows.find((row) => row.channel === 'email')?.status).toBe('SENT');
      return rows;
    });
    const mail = sent.find((row) => row.channel === 'email')!;
    expect(mail).toMatchObject({
      subject: `Order ${order.orderId} is confirmed`,
      email,
      transport: 'sendgrid',
      attempts: 1,
      sentAt: expect.any(Date),
    });
    expect(sent.find((row) => row.channel === 'in_app')).toMatchObject({
      status: 'SENT',
      transport: 'in_app',
    });

    const requests = await eventually(() => {
      const received = receiver.to(email);
      expect(received).toHaveLength(2);
      return received;
    });
    const confirmation = requests.find((r) => r.body.subject.startsWith('Order'))!;
    expect(confirmation.method).toBe('POST');
    expect(confirmation.path).toBe('/v3/mail/send');
    expect(confirmation.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(confirmation.headers['content-type']).toMatch(/^application\/json/);
    expect(confirmation.body).toEqual({
      from: { email: 'orders@shop.example', name: 'Example Shop' },
      subject: `Order ${order.orderId} is confirmed`,
      personalizations: [{ to: [{ email }] }],
      content: [
        {
          type: 'text/html',
          value: `<p>Thank you for your order ${order.orderId}.</p><p>Total: €34.99 for 3 item(s). We will tell you when it ships.</p>`,
        },
      ],
      custom_args: { notificationId: mail.id },
    });
    const welcome = requests.find((r) => r.body.subject.startsWith('Welcome'))!;
    expect(welcome.body.subject).toBe('Welcome to the shop, Ada Lovelace');

    await eventually(() =>
      expect(recorder.ofType('notification.sent', mail.id).map((m) => m.envelope.data)).toEqual([
        { notificationId: mail.id, userId, channel: 'email', template: 'order.confirmed' },
      ]),
    );
  });

  it('sends nothing twice for a duplicate event', async () => {
    const { userId, email } = await registerUser();
    const order = orderData(userId, 'SHIPPED');
    const envelope = await publisher.publish('order.shipped', order.orderId, order);
    await publisher.send(envelope);

    await eventually(async () =>
      expect(
        (await notificationsFor(t.db, { userId, template: 'order.shipped' })).map((r) => r.status),
      ).toEqual(['SENT', 'SENT']),
    );
    // Let the redelivered copy be consumed and any dispatch after it run, then count.
    const marker = await registerUser(uniqueEmail('marker'));
    await eventually(() => expect(receiver.to(marker.email)).toHaveLength(1));
    expect(receiver.to(email).filter((r) => r.body.subject.includes('on its way'))).toHaveLength(1);
    expect(await notificationsFor(t.db, { userId, template: 'order.shipped' })).toHaveLength(2);
  });

  it('retries 5xx answers with backoff and records every attempt', async () => {
    const email = uniqueEmail('flaky');
    receiver.script(email, [500, 500]);
    const { userId } = await registerUser(email);
    const mail = await eventually(async () => {
      const [row] = (await notificationsFor(t.db, { userId, template: 'user.registered' })).filter(
        (r) => r.channel === 'email',
      );
      expect(row.status).toBe('SENT');
      return row;
    });
    expect(mail.attempts).toBe(3);
    expect(await deliveryLog(t.db, mail.id)).toEqual([
      {
        attempt: 1,
        transport: 'sendgrid',
        outcome: 'RETRY',
        responseCode: 500,
        error: expect.stringContaining('500'),
      },
      {
        attempt: 2,
        transport: 'sendgrid',
        outcome: 'RETRY',
        responseCode: 500,
        error: expect.stringContaining('500'),
      },
      { attempt: 3, transport: 'sendgrid', outcome: 'SENT', responseCode: 202, error: null },
    ]);
    expect(receiver.to(email).map((r) => r.answered)).toEqual([500, 500, 202]);
  });

  it('gives up at once on a 4xx and publishes notification.failed', async () => {
    const email = uniqueEmail('rejected');
    receiver.script(email, [400]);
    const { userId } = await registerUser(email);
    const mail = await eventually(async () => {
      const [row] = (await notificationsFor(t.db, { userId, template: 'user.registered' })).filter(
        (r) => r.channel === 'email',
      );
      expect(row.status).toBe('FAILED');
      return row;
    });
    expect(mail.attempts).toBe(1);
    expect(mail.lastError).toContain('400');
    expect(await deliveryLog(t.db, mail.id)).toEqual([
      {
        attempt: 1,
        transport: 'sendgrid',
        outcome: 'FAILED',
        responseCode: 400,
        error: expect.stringContaining('scripted 400'),
      },
    ]);
    await eventually(() =>
      expect(recorder.ofType('notification.failed', mail.id).map((m) => m.envelope.data)).toEqual([
        {
          notificationId: mail.id,
          userId,
          channel: 'email',
          template: 'user.registered',
          error: expect.stringContaining('400'),
        },
      ]),
    );
    expect(receiver.to(email)).toHaveLength(1);
  });

  it('retries a 429 and fails after the last attempt', async () => {
    const email = uniqueEmail('throttled');
    receiver.script(email, [429, 503, 500, 500, 202]);
    const { userId } = await registerUser(email);
    const mail = await eventually(async () => {
      const [row] = (await notificationsFor(t.db, { userId, template: 'user.registered' })).filter(
        (r) => r.channel === 'email',
      );
      expect(row.status).toBe('FAILED');
      return row;
    });
    expect((await deliveryLog(t.db, mail.id)).map((a) => [a.outcome, a.responseCode])).toEqual([
      ['RETRY', 429],
      ['RETRY', 503],
      ['RETRY', 500],
      ['FAILED', 500],
    ]);
    expect(receiver.to(email)).toHaveLength(4);
  });

  it('sends no marketing mail to a customer who opted out, but always order mail', async () => {
    const userId = randomUUID();
    const email = uniqueEmail('opted-out');
    const auth = `Bearer ${await t.tokens.customer(userId)}`;
    const put = await request(t.http)
      .put('/api/notifications/preferences')
      .set('Authorization', auth)
      .send({
        email: { marketing: false, orderUpdates: true },
        inApp: { marketing: true, orderUpdates: false },
      });
    expect(put.status).toBe(200);

    await publisher.publish('user.registered', userId, { userId, email, name: 'Opted Out' }, 'user-service');
    const order = orderData(userId, 'CANCELLED', { reason: 'PAYMENT_DECLINED' });
    await publisher.publish('order.cancelled', order.orderId, order);

    const rows = await eventually(async () => {
      const all = await notificationsFor(t.db, { userId });
      expect(all.map((r) => [r.template, r.channel, r.status])).toEqual([
        ['user.registered', 'in_app', 'SENT'],
        ['order.cancelled', 'email', 'SENT'],
      ]);
      return all;
    });
    expect(rows[1].subject).toBe(`Order ${order.orderId} was cancelled`);
    const received = receiver.to(email);
    expect(received.map((r) => r.body.subject)).toEqual([`Order ${order.orderId} was cancelled`]);
    expect(received[0].body.content[0].value).toContain('the payment was declined');
  });

  it('mails a failed payment to the order owner known from order.created', async () => {
    const { userId, email } = await registerUser();
    const order = orderData(userId, 'PENDING');
    await publisher.publish('order.created', order.orderId, order);
    await publisher.publish(
      'payment.failed',
      order.orderId,
      { orderId: order.orderId, paymentId: randomUUID(), reason: 'DECLINED', code: 'card_declined' },
      'payment-service',
    );
    const request = await eventually(() => {
      const [found] = receiver.to(email).filter((r) => r.body.subject.startsWith('Payment'));
      expect(found).toBeDefined();
      return found;
    });
    expect(request.body.subject).toBe(`Payment for order ${order.orderId} failed`);
    expect(request.body.content[0].value).toContain('your card was declined');
  });

  it('sends low-stock alerts to the admins and the configured addresses only', async () => {
    const admin = await registerUser(uniqueEmail('admin'), 'Admin');
    await publisher.publish(
      'user.updated',
      admin.userId,
      { userId: admin.userId, email: admin.email, name: 'Admin', roles: ['admin', 'customer'] },
      'user-service',
    );
    const customer = await registerUser(uniqueEmail('customer'));
    await eventually(async () => {
      const rows: unknown[] = await t.db.manager.query(
        `SELECT 1 FROM users WHERE user_id = $1 AND 'admin' = ANY (roles)`,
        [admin.userId],
      );
      expect(rows).toHaveLength(1);
    });

    const productId = randomUUID();
    await publisher.publish(
      'inventory.low-stock',
      productId,
      { productId, available: 2, threshold: 5 },
      'inventory-service',
    );

    const subject = `Low stock: product ${productId}`;
    await eventually(() => {
      expect(receiver.to(admin.email).filter((r) => r.body.subject === subject)).toHaveLength(1);
      expect(receiver.to(OPS_EMAIL).filter((r) => r.body.subject === subject)).toHaveLength(1);
    });
    const rows = await notificationsFor(t.db, { template: 'inventory.low-stock' });
    const forThisProduct = rows.filter((r) => r.subject === subject);
    expect(forThisProduct.map((r) => r.email).sort()).toEqual([admin.email, OPS_EMAIL].sort());
    expect(receiver.to(customer.email).filter((r) => r.body.subject === subject)).toHaveLength(0);
  });
});
