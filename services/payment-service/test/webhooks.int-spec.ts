import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import request from 'supertest';
import { AuthorizePaymentUseCase } from '../src/payments/authorize-payment';
import { startTestApp, WEBHOOK_SECRET, type TestApp } from './support/app';
import { pay } from './support/payments';
import { expectProblem } from './support/problem';

jest.setTimeout(30_000);

const PATH = '/api/payments/webhooks/stripe';

describe('POST /api/payments/webhooks/stripe', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  const stripeEvent = (
    type: string,
    object: Record<string, unknown>,
    id = `evt_${randomUUID().replace(/-/g, '')}`,
  ) =>
    // Pretty-printed on purpose: the signature covers these exact bytes, not a re-serialisation.
    JSON.stringify(
      {
        id,
        object: 'event',
        type,
        api_version: '2026-01-01',
        created: Math.floor(Date.now() / 1000),
        data: { object },
      },
      null,
      2,
    );
  const sign = (payload: string, secret = WEBHOOK_SECRET) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const deliver = (payload: string, signature = sign(payload)) =>
    request(t.http)
      .post(PATH)
      .set('content-type', 'application/json; charset=utf-8')
      .set('stripe-signature', signature)
      .send(payload);
  const row = async (id: string) =>
    (
      (await t.db.manager.query(
        `SELECT status, refunded_amount::int AS refunded, provider_ref AS "providerRef" FROM payments WHERE id = $1`,
        [id],
      )) as Record<string, unknown>[]
    )[0];
  const outboxCount = async (type: string, paymentId: string) =>
    (
      (await t.db.manager.query(
        `SELECT count(*)::int AS count FROM outbox_messages WHERE payload->>'type' = $1 AND payload->'data'->>'paymentId' = $2`,
        [type, paymentId],
      )) as {
        count: number;
      }[]
    )[0]!.count;

  /** A payment whose charge is still in flight: the row exists, the synchronous answer has not committed. */
  async function pendingPayment() {
    const orderId = randomUUID();
    const paymentId = randomUUID();
    await t.db.manager.query(
      `INSERT INTO payments (id, order_id, user_id, amount, currency, status, payment_method, provider, idempotency_key)
       VALUES ($1, $2, $3, 5000, 'EUR', 'PENDING', 'pm_card_visa', 'sandbox', $4)`,
      [paymentId, orderId, randomUUID(), `charge:${orderId}`],
    );
    return { paymentId, orderId };
  }

  it('accepts a signed payment_intent.succeeded and decides a pending payment once', async () => {
    const { paymentId } = await pendingPayment();
    const payload = stripeEvent('payment_intent.succeeded', {
      id: 'pi_webhook_1',
      object: 'payment_intent',
      status: 'succeeded',
      metadata: { paymentId },
    });
    const answer = await deliver(payload).expect(200);
    expect(answer.body).toEqual({ received: true, outcome: 'applied' });
    expect(await row(paymentId)).toMatchObject({ status: 'SUCCEEDED', providerRef: 'pi_webhook_1' });
    expect(await outboxCount('payment.succeeded', paymentId)).toBe(1);

    // Stripe delivers again: the event id was seen, nothing happens.
    expect((await deliver(payload).expect(200)).body).toEqual({ received: true, outcome: 'duplicate' });
    // Another event with the same news: the state machine finds it already applied.
    const again = stripeEvent('payment_intent.succeeded', {
      id: 'pi_webhook_1',
      object: 'payment_intent',
      status: 'succeeded',
      metadata: { paymentId },
    });
    expect((await deliver(again).expect(200)).body).toEqual({ received: true, outcome: 'unchanged' });
    expect(await outboxCount('payment.succeeded', paymentId)).toBe(1);
  });

  it('refuses a bad signature with 400 and changes nothing', async () => {
    const { paymentId } = await pendingPayment();
    const payload = stripeEvent('payment_intent.succeeded', {
      id: 'pi_forged',
      object: 'payment_intent',
      metadata: { paymentId },
    });
    expectProblem(
      await deliver(payload, sign(payload, 'whsec_someone_else')),
      400,
      'WEBHOOK_SIGNATURE_INVALID',
    );
    expectProblem(await deliver(payload, 'garbage'), 400, 'WEBHOOK_SIGNATURE_INVALID');
    expectProblem(
      await request(t.http).post(PATH).set('content-type', 'application/json').send(payload),
      400,
      'WEBHOOK_SIGNATURE_INVALID',
    );
    // Signed, then tampered with.
    expectProblem(
      await deliver(payload.replace('pi_forged', 'pi_forgex'), sign(payload)),
      400,
      'WEBHOOK_SIGNATURE_INVALID',
    );
    expect(await row(paymentId)).toMatchObject({ status: 'PENDING', providerRef: null });
    const seen: unknown[] = await t.db.manager.query(`SELECT 1 FROM webhook_events WHERE event_id = $1`, [
      JSON.parse(payload).id,
    ]);
    expect(seen).toHaveLength(0);
  });

  it('marks a pending payment failed on payment_intent.payment_failed, and cannot fail a succeeded one', async () => {
    const { paymentId } = await pendingPayment();
    const failed = stripeEvent('payment_intent.payment_failed', {
      id: 'pi_webhook_2',
      object: 'payment_intent',
      metadata: { paymentId },
      last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
    });
    expect((await deliver(failed).expect(200)).body.outcome).toBe('applied');
    expect(await row(paymentId)).toMatchObject({ status: 'FAILED' });

    const charged = await pay(t);
    const late = stripeEvent('payment_intent.payment_failed', {
      id: charged.providerRef,
      object: 'payment_intent',
      metadata: { paymentId: charged.id },
    });
    expect((await deliver(late).expect(200)).body.outcome).toBe('unchanged');
    expect(await row(charged.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await outboxCount('payment.failed', charged.id)).toBe(0);
  });

  it('records a refund made at the provider from charge.refunded, once', async () => {
    const payment = await pay(t);
    const refunded = stripeEvent('charge.refunded', {
      id: 'ch_1',
      object: 'charge',
      payment_intent: payment.providerRef,
      amount_refunded: 4_000,
    });
    expect((await deliver(refunded).expect(200)).body.outcome).toBe('applied');
    expect(await row(payment.id)).toMatchObject({ status: 'SUCCEEDED', refunded: 4_000 });
    // A later event with the same total adds nothing; a larger total adds the difference.
    const same = stripeEvent('charge.refunded', {
      id: 'ch_1',
      object: 'charge',
      payment_intent: payment.providerRef,
      amount_refunded: 4_000,
    });
    expect((await deliver(same).expect(200)).body.outcome).toBe('unchanged');
    const more = stripeEvent('charge.refunded', {
      id: 'ch_1',
      object: 'charge',
      payment_intent: payment.providerRef,
      amount_refunded: 10_000,
    });
    expect((await deliver(more).expect(200)).body.outcome).toBe('applied');
    expect(await row(payment.id)).toMatchObject({ status: 'REFUNDED', refunded: 10_000 });
    expect(await outboxCount('payment.refunded', payment.id)).toBe(2);
  });

  it('waits for a charge in flight and does not decide it twice', async () => {
    const authorize = t.app.get(AuthorizePaymentUseCase);
    const command = {
      orderId: randomUUID(),
      userId: randomUUID(),
      amount: { amount: 2_000, currency: 'EUR' },
      paymentMethod: 'pm_card_visa',
    };
    const release = t.provider.holdCharges();
    const charging = t.db.transaction((tx) => authorize.execute(tx, command));
    const [claimed] = await (async () => {
      for (;;) {
        const rows: { id: string }[] = await t.db.manager.query(
          `SELECT id FROM payments WHERE order_id = $1`,
          [command.orderId],
        );
        if (rows.length > 0 && t.provider.chargesFor(command.orderId).length === 1) return rows;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const webhook = deliver(
      stripeEvent('payment_intent.succeeded', {
        id: 'pi_racing',
        object: 'payment_intent',
        metadata: { paymentId: claimed!.id },
      }),
    );
    const webhookDone = webhook.then((answer) => answer);
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const payment = await charging;
    const answer = await webhookDone;
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe('unchanged');
    expect(payment.status).toBe('SUCCEEDED');
    expect(await outboxCount('payment.succeeded', payment.id)).toBe(1);
    expect(t.provider.chargesFor(command.orderId)).toHaveLength(1);
  });

  it('refuses a body too large to come from Stripe with a problem', async () => {
    const payload = stripeEvent('customer.created', {
      id: 'cus_big',
      object: 'customer',
      padding: 'x'.repeat(600_000),
    });
    expectProblem(await deliver(payload), 413);
  });

  it('leaves JSON parsing of every other route alone', async () => {
    const payment = await pay(t);
    const answer = await request(t.http)
      .post(`/api/payments/${payment.id}/refund`)
      .set('authorization', `Bearer ${await t.tokens.admin()}`)
      .set('content-type', 'application/json')
      .send('{"amount": 100}')
      .expect(202);
    expect(answer.body.amount).toBe(100);
  });

  it('acknowledges events it does not act on, and those of unknown payments', async () => {
    expect(
      (await deliver(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' })).expect(200)).body
        .outcome,
    ).toBe('ignored');
    expect(
      (
        await deliver(
          stripeEvent('payment_intent.succeeded', {
            id: 'pi_not_ours',
            object: 'payment_intent',
            metadata: {},
          }),
        ).expect(200)
      ).body.outcome,
    ).toBe('unknown_payment');
  });
});
