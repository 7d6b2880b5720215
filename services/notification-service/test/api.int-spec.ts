import { randomUUID } from 'node:crypto';
import { eventually } from '@ecommerce/testing';
import request from 'supertest';
import { RecordNotificationsUseCase } from '../src/notifications/record-notifications';
import { DEFAULT_TEMPLATES } from '../src/templates/default-templates';
import { startTestApp, type TestApp } from './support/app';
import { notificationsFor, orderData, uniqueEmail } from './support/fixtures';
import { TestPublisher } from '@ecommerce/testing';
import { expectProblem } from './support/problem';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(60_000);

// No SENDGRID_API_KEY here: mail goes through the log transport.
describe('notification API (mail to the log)', () => {
  let t: TestApp;
  let publisher: TestPublisher;
  let admin: string;
  let customer: string;

  beforeAll(async () => {
    t = await startTestApp();
    publisher = await new TestPublisher().start();
    await waitForConsumers(t.db, publisher);
    admin = `Bearer ${await t.tokens.admin()}`;
    customer = `Bearer ${await t.tokens.customer()}`;
  }, 90_000);

  afterAll(async () => {
    await publisher?.stop();
    await t?.close();
  }, 60_000);

  async function registerUser(name = 'Ada'): Promise<{ userId: string; email: string; auth: string }> {
    const userId = randomUUID();
    const email = uniqueEmail();
    await publisher.publish('user.registered', userId, { userId, email, name }, 'user-service');
    return { userId, email, auth: `Bearer ${await t.tokens.customer(userId)}` };
  }

  describe('templates', () => {
    it('lists every template with its placeholders, for admins', async () => {
      const response = await request(t.http).get('/api/notifications/templates').set('Authorization', admin);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ page: 1, total: 7, limit: 7 });
      expect(response.body.items.map((template: { key: string }) => template.key)).toEqual([
        'inventory.low-stock',
        'order.cancelled',
        'order.confirmed',
        'order.refunded',
        'order.shipped',
        'payment.failed',
        'user.registered',
      ]);
      expect(
        response.body.items.find((template: { key: string }) => template.key === 'order.confirmed'),
      ).toEqual({
        key: 'order.confirmed',
        ...DEFAULT_TEMPLATES['order.confirmed'],
        placeholders: ['orderId', 'total', 'itemCount'],
        updatedAt: expect.any(String),
        updatedBy: null,
      });
    });

    it('is for admins only: 401 without a token, 403 for a customer', async () => {
      expectProblem(await request(t.http).get('/api/notifications/templates'), 401);
      expectProblem(
        await request(t.http).get('/api/notifications/templates').set('Authorization', customer),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await request(t.http)
          .put('/api/notifications/templates/order.shipped')
          .set('Authorization', customer)
          .send({ subject: 'x', body: 'y' }),
        403,
        'FORBIDDEN',
      );
    });

    it('answers 404 for a key that is not a template', async () => {
      expectProblem(
        await request(t.http)
          .put('/api/notifications/templates/order.teleported')
          .set('Authorization', admin)
          .send({ subject: 'x', body: 'y' }),
        404,
        'TEMPLATE_NOT_FOUND',
      );
    });

    it.each([
      ['missing fields and an unknown one', { subject: 'Hi', extra: 1 }, ['body', 'extra']],
      ['an unknown placeholder', { subject: 'Hi {{firstName}}', body: '<p>{{orderId}}</p>' }, ['subject']],
      ['a malformed placeholder', { subject: 'Hi', body: '<p>{{ order id }}</p>' }, ['body']],
      ['a subject on two lines', { subject: 'Hi\nBcc: x', body: 'b' }, ['subject']],
      ['a blank body', { subject: 'Hi', body: '   ' }, ['body']],
      ['a subject too long', { subject: 'x'.repeat(201), body: 'b' }, ['subject']],
      ['a body that is not a string', { subject: 'Hi', body: 42 }, ['body']],
    ])('answers 400 for %s', async (_, body, fields) => {
      const response = await request(t.http)
        .put('/api/notifications/templates/order.shipped')
        .set('Authorization', admin)
        .send(body);
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(Object.keys(problem.errors as object).sort()).toEqual(fields);
    });

    it('renders notifications with an edited template, escaping HTML in values', async () => {
      const adminId = randomUUID();
      const put = await request(t.http)
        .put('/api/notifications/templates/user.registered')
        .set('Authorization', `Bearer ${await t.tokens.admin(adminId)}`)
        .send({ subject: 'Hi {{ name }}!', body: '<h1>Welcome {{name}}</h1><p>{{email}}</p>' });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        key: 'user.registered',
        subject: 'Hi {{ name }}!',
        updatedBy: adminId,
      });
      try {
        const user = await registerUser('<b>Eve</b> & co');
        const [mail] = await eventually(async () => {
          const rows = (await notificationsFor(t.db, { userId: user.userId })).filter(
            (row) => row.channel === 'email',
          );
          expect(rows).toHaveLength(1);
          return rows;
        });
        expect(mail.subject).toBe('Hi <b>Eve</b> & co!');
        expect(mail.body).toBe(`<h1>Welcome &lt;b&gt;Eve&lt;/b&gt; &amp; co</h1><p>${user.email}</p>`);
      } finally {
        const restored = await request(t.http)
          .put('/api/notifications/templates/user.registered')
          .set('Authorization', admin)
          .send(DEFAULT_TEMPLATES['user.registered']);
        expect(restored.status).toBe(200);
      }
    });
  });

  describe('preferences', () => {
    it('starts with everything on', async () => {
      const response = await request(t.http)
        .get('/api/notifications/preferences')
        .set('Authorization', customer);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        email: { marketing: true, orderUpdates: true },
        inApp: { marketing: true, orderUpdates: true },
      });
    });

    it('stores what the customer sets', async () => {
      const { auth } = await registerUser();
      const body = {
        email: { marketing: false, orderUpdates: true },
        inApp: { marketing: false, orderUpdates: false },
      };
      const put = await request(t.http)
        .put('/api/notifications/preferences')
        .set('Authorization', auth)
        .send(body);
      expect(put.status).toBe(200);
      expect(put.body).toEqual(body);
      expect(
        (await request(t.http).get('/api/notifications/preferences').set('Authorization', auth)).body,
      ).toEqual(body);
    });

    it('refuses to switch off order mail', async () => {
      const response = await request(t.http)
        .put('/api/notifications/preferences')
        .set('Authorization', customer)
        .send({
          email: { marketing: true, orderUpdates: false },
          inApp: { marketing: true, orderUpdates: true },
        });
      const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(Object.keys(problem.errors as object)).toEqual(['email.orderUpdates']);
    });

    it.each([
      ['a missing group', { email: { marketing: true, orderUpdates: true } }, ['inApp']],
      [
        'a value that is not a boolean',
        { email: { marketing: 'no', orderUpdates: true }, inApp: { marketing: true, orderUpdates: true } },
        ['email.marketing'],
      ],
      [
        'an unknown field',
        {
          email: { marketing: true, orderUpdates: true, sms: true },
          inApp: { marketing: true, orderUpdates: true },
        },
        ['email.sms'],
      ],
    ])('answers 400 for %s', async (_, body, fields) => {
      const problem = expectProblem(
        await request(t.http).put('/api/notifications/preferences').set('Authorization', customer).send(body),
        400,
        'VALIDATION_FAILED',
      );
      expect(Object.keys(problem.errors as object).sort()).toEqual(fields);
    });

    it('needs a token', async () => {
      expectProblem(await request(t.http).get('/api/notifications/preferences'), 401);
    });
  });

  describe('in-app list', () => {
    it("shows only the caller's own notifications, newest first, paginated", async () => {
      const ada = await registerUser('Ada');
      const bob = await registerUser('Bob');
      const order = orderData(ada.userId);
      await publisher.publish('order.confirmed', order.orderId, order);
      // Delivered through the log transport: SENT without a mail provider.
      await eventually(async () =>
        expect((await notificationsFor(t.db, { userId: ada.userId })).map((row) => row.status)).toEqual([
          'SENT',
          'SENT',
          'SENT',
          'SENT',
        ]),
      );
      await eventually(async () =>
        expect(await notificationsFor(t.db, { userId: bob.userId })).toHaveLength(2),
      );

      const first = await request(t.http).get('/api/notifications?limit=3').set('Authorization', ada.auth);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ page: 1, limit: 3, total: 4 });
      expect(first.body.items).toHaveLength(3);
      expect(first.body.items[0]).toEqual({
        id: expect.any(String),
        channel: expect.stringMatching(/^(email|in_app)$/),
        template: 'order.confirmed',
        subject: `Order ${order.orderId} is confirmed`,
        status: 'SENT',
        createdAt: expect.any(String),
        sentAt: expect.any(String),
      });
      const second = await request(t.http)
        .get('/api/notifications?limit=3&page=2')
        .set('Authorization', ada.auth);
      expect(second.body.items.map((item: { template: string }) => item.template)).toEqual([
        'user.registered',
      ]);
      const all = [...first.body.items, ...second.body.items];
      expect(all.map((item: { createdAt: string }) => item.createdAt)).toEqual(
        [...all.map((item: { createdAt: string }) => item.createdAt)].sort().reverse(),
      );

      const bobs = await request(t.http).get('/api/notifications').set('Authorization', bob.auth);
      expect(bobs.body.total).toBe(2);
      expect(bobs.body.items.every((item: { template: string }) => item.template === 'user.registered')).toBe(
        true,
      );
      expect(bobs.body.items.map((item: { id: string }) => item.id)).not.toEqual(
        expect.arrayContaining([first.body.items[0].id]),
      );
    });

    it('answers 400 for a bad page and 401 without a token', async () => {
      expectProblem(
        await request(t.http).get('/api/notifications?limit=500').set('Authorization', customer),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(await request(t.http).get('/api/notifications'), 401);
    });
  });

  it('records one notification per event, recipient and channel even without the inbox', async () => {
    const user = await registerUser();
    await eventually(async () =>
      expect(await notificationsFor(t.db, { userId: user.userId })).toHaveLength(2),
    );
    const record = t.app.get(RecordNotificationsUseCase);
    const eventId = randomUUID();
    const values = { orderId: randomUUID(), total: '€1.00', itemCount: '1' };
    const first = await t.db.transaction((tx) =>
      record.execute(tx, eventId, 'order.shipped', { kind: 'user', userId: user.userId }, values),
    );
    const again = await t.db.transaction((tx) =>
      record.execute(tx, eventId, 'order.shipped', { kind: 'user', userId: user.userId }, values),
    );
    expect([first, again]).toEqual([2, 0]);
    expect(await notificationsFor(t.db, { userId: user.userId, template: 'order.shipped' })).toHaveLength(2);
  });

  it('serves health, metrics and OpenAPI', async () => {
    expect((await request(t.http).get('/health/ready')).status).toBe(200);
    const metrics = await request(t.http).get('/metrics');
    expect(metrics.text).toMatch(
      /notifications_sent_total\{channel="email",template="user.registered",transport="log"[^}]*\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /notification_delivery_attempts_total\{channel="in_app",transport="in_app",outcome="SENT"[^}]*\} [1-9]/,
    );
    expect(metrics.text).toContain('notification_dispatcher_backlog');
    const docs = await request(t.http).get('/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/notifications',
        '/api/notifications/preferences',
        '/api/notifications/templates',
        '/api/notifications/templates/{key}',
      ]),
    );
  });
});
