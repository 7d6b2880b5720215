import { randomUUID } from 'node:crypto';
import { Topics, type AuthorizePayment } from '@ecommerce/contracts';
import { eventually, TopicRecorder } from '@ecommerce/testing';
import { Answers } from './support/answers';
import { AuthorizePaymentUseCase } from '../src/payments/authorize-payment';
import { PaymentsRepository } from '../src/payments/payments.repository';
import { chargeIdempotencyKey } from '../src/providers/payment-provider';
import { startTestApp, type TestApp } from './support/app';
import { TestPublisher } from '@ecommerce/testing';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(45_000);

describe('payment.authorize through Kafka', () => {
  let t: TestApp;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    t = await startTestApp({
      PAYMENT_FRAUD_MAX_AMOUNT: '500000',
      PAYMENT_FRAUD_MAX_AMOUNTS: 'JPY:90000000',
      PAYMENT_FRAUD_MAX_ATTEMPTS_PER_HOUR: '3',
    });
    publisher = await new TestPublisher().start();
    recorder = await new TopicRecorder([Topics.paymentEvents]).start();
    await waitForConsumers(t.db, publisher);
    answers = new Answers(t.db, recorder);
  }, 60_000);

  afterAll(async () => {
    await recorder?.stop();
    await publisher?.stop();
    await t?.close();
  }, 60_000);

  const command = (overrides: Partial<AuthorizePayment> = {}): AuthorizePayment => ({
    orderId: randomUUID(),
    userId: randomUUID(),
    amount: { amount: 4999, currency: 'EUR' },
    paymentMethod: 'pm_card_visa',
    ...overrides,
  });
  let answers: Answers;
  const nthAnswer = (orderId: string, n: number) => answers.nth(orderId, n);
  const paymentRow = async (orderId: string) =>
    (
      (await t.db.manager.query(
        `SELECT id, status, payment_method AS "paymentMethod", failure_reason AS "failureReason", failure_code AS "failureCode", provider_ref AS "providerRef" FROM payments WHERE order_id = $1`,
        [orderId],
      )) as Record<string, string | null>[]
    )[0];

  it('charges pm_card_visa and answers payment.succeeded with the provider reference', async () => {
    const c = command();
    await publisher.publish('payment.authorize', c.orderId, c);
    const answer = await nthAnswer(c.orderId, 1);
    expect(answer.type).toBe('payment.succeeded');
    const row = await paymentRow(c.orderId);
    expect(answer.data).toEqual({
      orderId: c.orderId,
      paymentId: row!.id,
      amount: c.amount,
      provider: 'sandbox',
      providerRef: row!.providerRef,
    });
    expect(row!.providerRef).toMatch(/^pi_sandbox_/);
    expect(row!.status).toBe('SUCCEEDED');
    expect(t.provider.chargesFor(c.orderId)).toHaveLength(1);
    expect(t.provider.chargesFor(c.orderId)[0]!.idempotencyKey).toBe(`charge:${c.orderId}`);
  });

  it('charges pm_card_mastercard too', async () => {
    const c = command({ paymentMethod: 'pm_card_mastercard' });
    await publisher.publish('payment.authorize', c.orderId, c);
    expect((await nthAnswer(c.orderId, 1)).type).toBe('payment.succeeded');
  });

  it.each([
    ['pm_card_chargeDeclined', 'DECLINED', 'card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'DECLINED', 'insufficient_funds'],
    ['pm_card_radarBlock', 'FRAUD_SUSPECTED', 'fraud_provider_risk'],
    ['pm_card_doesNotExist', 'DECLINED', 'payment_method_unknown'],
  ])('answers %s with payment.failed %s / %s', async (paymentMethod, reason, code) => {
    const c = command({ paymentMethod });
    await publisher.publish('payment.authorize', c.orderId, c);
    const answer = await nthAnswer(c.orderId, 1);
    expect(answer.type).toBe('payment.failed');
    expect(answer.data).toMatchObject({ orderId: c.orderId, reason, code });
    expect(await paymentRow(c.orderId)).toMatchObject({
      status: 'FAILED',
      failureReason: reason,
      failureCode: code,
    });
  });

  it('refuses a raw card number without calling the provider, storing only a redacted form', async () => {
    const c = command({ paymentMethod: '4242 4242 4242 4242' });
    await publisher.publish('payment.authorize', c.orderId, c);
    const answer = await nthAnswer(c.orderId, 1);
    expect(answer).toMatchObject({
      type: 'payment.failed',
      data: { reason: 'DECLINED', code: 'raw_card_number_refused' },
    });
    expect(t.provider.chargesFor(c.orderId)).toHaveLength(0);
    const row = await paymentRow(c.orderId);
    expect(row!.paymentMethod).toBe('redacted-card-number:****4242');
    const stored: unknown[] = await t.db.manager.query(
      `SELECT 1 FROM payments WHERE payment_method LIKE '%42424242%' UNION ALL SELECT 1 FROM outbox_messages WHERE payload::text LIKE '%42424242%'`,
    );
    expect(stored).toHaveLength(0);
  });

  it('blocks an amount above the limit of its currency before the provider is asked', async () => {
    const tooMuch = command({ amount: { amount: 500_001, currency: 'EUR' } });
    const yenOk = command({ amount: { amount: 80_000_000, currency: 'JPY' } });
    await publisher.publish('payment.authorize', tooMuch.orderId, tooMuch);
    await publisher.publish('payment.authorize', yenOk.orderId, yenOk);
    expect(await nthAnswer(tooMuch.orderId, 1)).toMatchObject({
      type: 'payment.failed',
      data: { reason: 'FRAUD_SUSPECTED', code: 'fraud_amount_limit' },
    });
    expect(t.provider.chargesFor(tooMuch.orderId)).toHaveLength(0);
    expect((await nthAnswer(yenOk.orderId, 1)).type).toBe('payment.succeeded');
  });

  it('blocks the attempt after the hourly limit of one user', async () => {
    const userId = randomUUID();
    const commands = [1, 2, 3, 4].map(() => command({ userId }));
    for (const c of commands) {
      await publisher.publish('payment.authorize', c.orderId, c);
      await nthAnswer(c.orderId, 1);
    }
    const types = await Promise.all(commands.map(async (c) => (await answers.of(c.orderId))[0]!.type));
    expect(types).toEqual(['payment.succeeded', 'payment.succeeded', 'payment.succeeded', 'payment.failed']);
    expect((await answers.of(commands[3]!.orderId))[0]!.data).toMatchObject({
      reason: 'FRAUD_SUSPECTED',
      code: 'fraud_velocity_limit',
    });
  });

  it('charges once when the same command is delivered twice, and answers both', async () => {
    const c = command();
    const envelope = publisher.envelope('payment.authorize', c.orderId, c);
    await publisher.send(envelope);
    await nthAnswer(c.orderId, 1);
    // The very same event (inbox) and the same command again under a new event id (a retry).
    await publisher.send(envelope);
    await publisher.publish('payment.authorize', c.orderId, c);
    const second = await nthAnswer(c.orderId, 2);
    expect(second.type).toBe('payment.succeeded');
    expect(second.data).toEqual((await answers.of(c.orderId))[0]!.data);
    expect(t.provider.chargesFor(c.orderId)).toHaveLength(1);
    const [{ count }] = await t.db.manager.query(
      `SELECT count(*)::int AS count FROM sandbox_operations WHERE idempotency_key = $1`,
      [`charge:${c.orderId}`],
    );
    expect(count).toBe(1);
  });

  it('repeats a failure as the same failure without charging again', async () => {
    const c = command({ paymentMethod: 'pm_card_chargeDeclined' });
    await publisher.publish('payment.authorize', c.orderId, c);
    await nthAnswer(c.orderId, 1);
    await publisher.publish('payment.authorize', c.orderId, c);
    const second = await nthAnswer(c.orderId, 2);
    expect(second.data).toEqual((await answers.of(c.orderId))[0]!.data);
    expect(t.provider.chargesFor(c.orderId)).toHaveLength(1);
  });

  it('charges once for concurrent duplicate commands', async () => {
    const authorize = t.app.get(AuthorizePaymentUseCase);
    const c = command();
    const release = t.provider.holdCharges();
    const runs = Array.from({ length: 4 }, () => t.db.transaction((tx) => authorize.execute(tx, c)));
    // Whichever got the row lock is inside the provider call; the others wait on that lock.
    await eventually(() => expect(t.provider.chargesFor(c.orderId)).toHaveLength(1));
    release();
    const payments = await Promise.all(runs);
    expect(new Set(payments.map((p) => p.id)).size).toBe(1);
    expect(payments.every((p) => p.status === 'SUCCEEDED')).toBe(true);
    expect(t.provider.chargesFor(c.orderId)).toHaveLength(1);
  });

  it('claims one payment per order when many duplicates insert at the same moment', async () => {
    const claimAll = async () => {
      const c = command();
      const claims = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.db.transaction((tx) =>
            PaymentsRepository.claim(tx, {
              id: randomUUID(),
              orderId: c.orderId,
              userId: c.userId,
              amount: c.amount,
              paymentMethod: c.paymentMethod,
              provider: 'sandbox',
              idempotencyKey: chargeIdempotencyKey(c.orderId),
            }),
          ),
        ),
      );
      return { orderId: c.orderId, claims };
    };
    // The race needs two inserts to pass the conflict check before either writes its index entries:
    // a few hundred orders at once make that happen on every run.
    const rounds = await Promise.all(Array.from({ length: 400 }, claimAll));
    for (const { orderId, claims } of rounds) {
      expect(claims.filter((claim) => claim.created)).toHaveLength(1);
      expect(new Set(claims.map((claim) => claim.payment.id)).size).toBe(1);
      const [{ count }] = await t.db.manager.query(
        `SELECT count(*)::int AS count FROM payments WHERE order_id = $1`,
        [orderId],
      );
      expect(count).toBe(1);
    }
  });

  it('finishes a payment left PENDING by a crash by asking the provider with the same key', async () => {
    const authorize = t.app.get(AuthorizePaymentUseCase);
    const c = command();
    // The provider charged, then the process died before the outcome committed.
    const first = await t.db.transaction((tx) => authorize.execute(tx, c));
    await t.db.manager.query(`UPDATE payments SET status = 'PENDING', provider_ref = NULL WHERE id = $1`, [
      first.id,
    ]);
    const resumed = await t.db.transaction((tx) => authorize.execute(tx, c));
    expect(resumed).toMatchObject({ id: first.id, status: 'SUCCEEDED', providerRef: first.providerRef });
    expect(t.provider.chargesFor(c.orderId)).toHaveLength(2);
    const [{ count }] = await t.db.manager.query(
      `SELECT count(*)::int AS count FROM sandbox_charges WHERE ref = $1`,
      [first.providerRef],
    );
    expect(count).toBe(1);
  });

  it('parks a command for an order already charged for another amount', async () => {
    const authorize = t.app.get(AuthorizePaymentUseCase);
    const c = command();
    await t.db.transaction((tx) => authorize.execute(tx, c));
    await expect(
      t.db.transaction((tx) => authorize.execute(tx, { ...c, amount: { amount: 1, currency: 'EUR' } })),
    ).rejects.toMatchObject({ code: 'PAYMENT_COMMAND_CONFLICT' });
  });
});
