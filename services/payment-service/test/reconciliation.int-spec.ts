import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { Reconciler } from '../src/reconciliation/reconciler';
import { refundIdempotencyKey } from '../src/providers/payment-provider';
import { startTestApp, type TestApp } from './support/app';
import { pay } from './support/payments';

jest.setTimeout(60_000);

describe('reconciliation with the provider', () => {
  let t: TestApp;
  let reconciler: Reconciler;

  const mismatches = async (kind: string, fixed: boolean): Promise<number> => {
    const values = (await register.getSingleMetric('payments_reconciliation_mismatches_total')!.get()).values;
    return values.find((v) => v.labels.kind === kind && v.labels.fixed === String(fixed))?.value ?? 0;
  };
  const row = async (id: string) =>
    (
      (await t.db.manager.query(
        `SELECT status, refunded_amount::int AS refunded, provider_ref AS "providerRef" FROM payments WHERE id = $1`,
        [id],
      )) as Record<string, unknown>[]
    )[0];
  const outboxTypes = async (paymentId: string) =>
    (
      (await t.db.manager.query(
        `SELECT payload->>'type' AS type FROM outbox_messages WHERE payload->'data'->>'paymentId' = $1 ORDER BY id`,
        [paymentId],
      )) as { type: string }[]
    ).map((r) => r.type);
  /** Runs until nothing is left to do, so leftovers of earlier test files do not hide this file's rows. */
  const reconcileAll = async () => {
    for (let i = 0; i < 50; i++) {
      const report = await reconciler.run();
      if (report.resumedPayments + report.resumedRefunds + report.compared === 0) return;
    }
  };
  const makeStale = (table: 'payments' | 'refunds', id: string) =>
    t.db.manager.query(`UPDATE ${table} SET updated_at = now() - interval '1 hour' WHERE id = $1`, [id]);

  beforeAll(async () => {
    t = await startTestApp({ RECONCILIATION_STALE_AFTER_MS: '60000' });
    reconciler = t.app.get(Reconciler);
    await reconcileAll();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('finishes a payment left PENDING with the same idempotency key, charging once', async () => {
    const orderId = randomUUID();
    const paymentId = randomUUID();
    await t.db.manager.query(
      `INSERT INTO payments (id, order_id, user_id, amount, currency, status, payment_method, provider, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, 2500, 'EUR', 'PENDING', 'pm_card_visa', 'sandbox', $4, now() - interval '1 hour', now() - interval '1 hour')`,
      [paymentId, orderId, randomUUID(), `charge:${orderId}`],
    );
    const before = await mismatches('stale_pending_payment', true);
    await reconcileAll();
    expect(await row(paymentId)).toMatchObject({
      status: 'SUCCEEDED',
      providerRef: expect.stringMatching(/^pi_sandbox_/),
    });
    expect(await outboxTypes(paymentId)).toEqual(['payment.succeeded']);
    expect(t.provider.chargesFor(orderId).map((c) => c.idempotencyKey)).toEqual([`charge:${orderId}`]);
    expect(await mismatches('stale_pending_payment', true)).toBe(before + 1);
  });

  it('does not charge again by a key the provider has forgotten, and asks for a person', async () => {
    const orderId = randomUUID();
    const paymentId = randomUUID();
    await t.db.manager.query(
      `INSERT INTO payments (id, order_id, user_id, amount, currency, status, payment_method, provider, idempotency_key, created_at, updated_at)
       VALUES ($1, $2, $3, 2500, 'EUR', 'PENDING', 'pm_card_visa', 'sandbox', $4, now() - interval '2 days', now() - interval '1 hour')`,
      [paymentId, orderId, randomUUID(), `charge:${orderId}`],
    );
    const before = await mismatches('stale_pending_payment', false);
    await reconcileAll();
    expect(await row(paymentId)).toMatchObject({ status: 'PENDING', providerRef: null });
    expect(t.provider.chargesFor(orderId)).toHaveLength(0);
    expect(await mismatches('stale_pending_payment', false)).toBe(before + 1);
    // Left for a person: remove it, or every later run of this file would count it again.
    await t.db.manager.query(`DELETE FROM payments WHERE id = $1`, [paymentId]);
  });

  it('leaves a payment alone while it is being charged', async () => {
    const payment = await pay(t);
    await t.db.manager.query(
      `UPDATE payments SET status = 'PENDING', failure_reason = NULL, updated_at = now() WHERE id = $1`,
      [payment.id],
    );
    await reconcileAll();
    expect(await row(payment.id)).toMatchObject({ status: 'PENDING' });
  });

  it('records a success the provider reports for a payment failed here, and publishes it', async () => {
    const payment = await pay(t);
    await t.db.manager.query(
      `UPDATE payments SET status = 'FAILED', failure_reason = 'PROVIDER_ERROR', failure_code = 'timeout', updated_at = now() WHERE id = $1`,
      [payment.id],
    );
    const before = await mismatches('late_success', true);
    await reconcileAll();
    expect(await row(payment.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(await outboxTypes(payment.id)).toEqual(['payment.succeeded', 'payment.succeeded']);
    expect(await mismatches('late_success', true)).toBe(before + 1);
  });

  it('records a refund made only at the provider', async () => {
    const payment = await pay(t);
    const refundId = randomUUID();
    await t.provider.refund({
      idempotencyKey: refundIdempotencyKey(refundId),
      refundId,
      providerRef: payment.providerRef!,
      amount: { amount: 3_000, currency: 'EUR' },
    });
    await t.db.manager.query(`UPDATE payments SET updated_at = now() WHERE id = $1`, [payment.id]);
    const before = await mismatches('refund_unknown_locally', true);
    await reconcileAll();
    expect(await row(payment.id)).toMatchObject({ status: 'SUCCEEDED', refunded: 3_000 });
    expect(await outboxTypes(payment.id)).toEqual(['payment.succeeded', 'payment.refunded']);
    expect(await mismatches('refund_unknown_locally', true)).toBe(before + 1);
  });

  it('finishes a refund left PENDING with its own idempotency key', async () => {
    const payment = await pay(t);
    const refundId = randomUUID();
    await t.db.manager.query(
      `INSERT INTO refunds (id, payment_id, amount, status, source) VALUES ($1, $2, 4000, 'PENDING', 'admin')`,
      [refundId, payment.id],
    );
    await makeStale('refunds', refundId);
    await reconcileAll();
    expect(await row(payment.id)).toMatchObject({ status: 'SUCCEEDED', refunded: 4_000 });
    expect(t.provider.refunds.filter((r) => r.refundId === refundId).map((r) => r.idempotencyKey)).toEqual([
      `refund:${refundId}`,
    ]);
  });

  it('counts a charge the provider does not know, and does not touch it', async () => {
    const payment = await pay(t);
    await t.db.manager.query(`DELETE FROM sandbox_charges WHERE ref = $1`, [payment.providerRef]);
    const before = await mismatches('status', false);
    await reconcileAll();
    expect(await row(payment.id)).toMatchObject({ status: 'SUCCEEDED', refunded: 0 });
    expect(await mismatches('status', false)).toBe(before + 1);
    // Compared once per change, not on every run.
    await reconcileAll();
    expect(await mismatches('status', false)).toBe(before + 1);
  });
});
