import request from 'supertest';
import { TestTokens } from '@ecommerce/testing';
import { startTestApp, type TestApp } from './support/app';
import { pay } from './support/payments';
import { expectProblem } from './support/problem';

jest.setTimeout(30_000);

describe('payments REST', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  describe('GET /api/payments', () => {
    it('lists the caller’s payment of an order', async () => {
      const buyer = await t.tokens.newCustomer();
      const payment = await pay(t, { userId: buyer.id });
      const response = await request(t.http)
        .get(`/api/payments?orderId=${payment.orderId}`)
        .set('authorization', buyer.auth)
        .expect(200);
      expect(response.body).toEqual([
        {
          id: payment.id,
          orderId: payment.orderId,
          amount: { amount: 10_000, currency: 'EUR' },
          refunded: { amount: 0, currency: 'EUR' },
          status: 'SUCCEEDED',
          provider: 'sandbox',
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ]);
      expect(JSON.stringify(response.body)).not.toContain('pm_card_visa');
    });

    it('shows a failed payment with its reason and code', async () => {
      const buyer = await t.tokens.newCustomer();
      const payment = await pay(t, {
        userId: buyer.id,
        paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
      });
      const response = await request(t.http)
        .get(`/api/payments?orderId=${payment.orderId}`)
        .set('authorization', buyer.auth)
        .expect(200);
      expect(response.body[0]).toMatchObject({
        status: 'FAILED',
        failureReason: 'DECLINED',
        failureCode: 'insufficient_funds',
      });
    });

    it('never shows another user’s payment', async () => {
      const owner = await t.tokens.newCustomer();
      const stranger = await t.tokens.newCustomer();
      const payment = await pay(t, { userId: owner.id });
      const byOrder = await request(t.http)
        .get(`/api/payments?orderId=${payment.orderId}`)
        .set('authorization', stranger.auth)
        .expect(200);
      expect(byOrder.body).toEqual([]);
      const all = await request(t.http).get('/api/payments').set('authorization', stranger.auth).expect(200);
      expect(all.body).toEqual([]);
      const own = await request(t.http).get('/api/payments').set('authorization', owner.auth).expect(200);
      expect(own.body.map((p: { id: string }) => p.id)).toEqual([payment.id]);
    });

    it('shows an admin anyone’s payment', async () => {
      const payment = await pay(t);
      const response = await request(t.http)
        .get(`/api/payments?orderId=${payment.orderId}`)
        .set('authorization', `Bearer ${await t.tokens.admin()}`)
        .expect(200);
      expect(response.body.map((p: { id: string }) => p.id)).toEqual([payment.id]);
    });

    it('wants a token, a trusted one, and a UUID order id', async () => {
      expectProblem(await request(t.http).get('/api/payments'), 401);
      expectProblem(
        await request(t.http)
          .get('/api/payments')
          .set('authorization', `Bearer ${await TestTokens.foreign()}`),
        401,
      );
      const buyer = await t.tokens.newCustomer();
      const bad = expectProblem(
        await request(t.http).get('/api/payments?orderId=nope').set('authorization', buyer.auth),
        400,
      );
      expect(bad.errors).toHaveProperty('orderId');
    });
  });

  describe('POST /api/payments/:id/refund', () => {
    const admin = async () => `Bearer ${await t.tokens.admin()}`;
    const refundedOf = async (paymentId: string) =>
      (
        (await t.db.manager.query(
          `SELECT status, refunded_amount::int AS refunded FROM payments WHERE id = $1`,
          [paymentId],
        )) as { status: string; refunded: number }[]
      )[0];

    it('refunds part, then the rest, and publishes each refund', async () => {
      const payment = await pay(t);
      const partial = await request(t.http)
        .post(`/api/payments/${payment.id}/refund`)
        .set('authorization', await admin())
        .send({ amount: 2_500 })
        .expect(202);
      expect(partial.body).toMatchObject({ paymentId: payment.id, amount: 2_500, status: 'SUCCEEDED' });
      expect(await refundedOf(payment.id)).toEqual({ status: 'SUCCEEDED', refunded: 2_500 });

      const rest = await request(t.http)
        .post(`/api/payments/${payment.id}/refund`)
        .set('authorization', await admin())
        .send({})
        .expect(202);
      expect(rest.body).toMatchObject({ amount: 7_500, status: 'SUCCEEDED' });
      expect(await refundedOf(payment.id)).toEqual({ status: 'REFUNDED', refunded: 10_000 });

      const events: { payload: { data: unknown } }[] = await t.db.manager.query(
        `SELECT payload FROM outbox_messages WHERE payload->>'type' = 'payment.refunded' AND payload->'data'->>'paymentId' = $1 ORDER BY id`,
        [payment.id],
      );
      expect(events.map((e) => e.payload.data)).toEqual([
        { orderId: payment.orderId, paymentId: payment.id, amount: { amount: 2_500, currency: 'EUR' } },
        { orderId: payment.orderId, paymentId: payment.id, amount: { amount: 7_500, currency: 'EUR' } },
      ]);
      expect(
        t.provider.refunds.filter((r) => r.providerRef === payment.providerRef).map((r) => r.idempotencyKey),
      ).toEqual([`refund:${partial.body.id}`, `refund:${rest.body.id}`]);
    });

    it('refuses more than remains, and anything once all went back', async () => {
      const payment = await pay(t);
      await request(t.http)
        .post(`/api/payments/${payment.id}/refund`)
        .set('authorization', await admin())
        .send({ amount: 9_000 })
        .expect(202);
      const over = expectProblem(
        await request(t.http)
          .post(`/api/payments/${payment.id}/refund`)
          .set('authorization', await admin())
          .send({ amount: 1_001 }),
        422,
        'REFUND_EXCEEDS_REMAINING',
      );
      expect(over.remaining).toBe(1_000);
      await request(t.http)
        .post(`/api/payments/${payment.id}/refund`)
        .set('authorization', await admin())
        .send({ amount: 1_000 })
        .expect(202);
      expectProblem(
        await request(t.http)
          .post(`/api/payments/${payment.id}/refund`)
          .set('authorization', await admin())
          .send({}),
        409,
        'NOTHING_TO_REFUND',
      );
      expect(await refundedOf(payment.id)).toEqual({ status: 'REFUNDED', refunded: 10_000 });
    });

    it('cannot refund what was never charged', async () => {
      const payment = await pay(t, { paymentMethod: 'pm_card_chargeDeclined' });
      expectProblem(
        await request(t.http)
          .post(`/api/payments/${payment.id}/refund`)
          .set('authorization', await admin())
          .send({}),
        409,
        'PAYMENT_NOT_REFUNDABLE',
      );
      expect(t.provider.refunds.filter((r) => r.providerRef === payment.providerRef)).toHaveLength(0);
    });

    it('lets concurrent refunds add up to the payment at most', async () => {
      const payment = await pay(t);
      const answers = await Promise.all(
        [4_000, 4_000, 4_000].map(async (amount) =>
          request(t.http)
            .post(`/api/payments/${payment.id}/refund`)
            .set('authorization', await admin())
            .send({ amount }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 422]);
      expect(await refundedOf(payment.id)).toEqual({ status: 'SUCCEEDED', refunded: 8_000 });
    });

    it('is for admins, on payments that exist, with a sane amount', async () => {
      const payment = await pay(t);
      const buyer = await t.tokens.newCustomer();
      expectProblem(
        await request(t.http)
          .post(`/api/payments/${payment.id}/refund`)
          .set('authorization', buyer.auth)
          .send({}),
        403,
      );
      expectProblem(await request(t.http).post(`/api/payments/${payment.id}/refund`).send({}), 401);
      expectProblem(
        await request(t.http)
          .post(`/api/payments/00000000-0000-4000-8000-000000000000/refund`)
          .set('authorization', await admin())
          .send({}),
        404,
        'PAYMENT_NOT_FOUND',
      );
      expectProblem(
        await request(t.http)
          .post(`/api/payments/not-a-uuid/refund`)
          .set('authorization', await admin())
          .send({}),
        400,
      );
      for (const amount of [0, -1, 1.5, '100']) {
        const bad = expectProblem(
          await request(t.http)
            .post(`/api/payments/${payment.id}/refund`)
            .set('authorization', await admin())
            .send({ amount }),
          400,
        );
        expect(bad.errors).toHaveProperty('amount');
      }
      expect(await refundedOf(payment.id)).toEqual({ status: 'SUCCEEDED', refunded: 0 });
    });
  });
});
