import { Topics } from '@ecommerce/contracts';
import { TopicRecorder } from '@ecommerce/testing';
import { Answers } from './support/answers';
import { startTestApp, type TestApp } from './support/app';
import { TestPublisher } from '@ecommerce/testing';
import { pay } from './support/payments';
import { waitForConsumers } from './support/warmup';

jest.setTimeout(45_000);

describe('payment.refund through Kafka', () => {
  let t: TestApp;
  let publisher: TestPublisher;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    t = await startTestApp();
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

  let answers: Answers;
  const refunded = (orderId: string) => answers.of(orderId, 'payment.refunded');
  const nthRefunded = (orderId: string, n: number) => answers.nth(orderId, n, 'payment.refunded');
  const paymentState = async (id: string) =>
    (
      (await t.db.manager.query(
        `SELECT status, refunded_amount::int AS refunded FROM payments WHERE id = $1`,
        [id],
      )) as { status: string; refunded: number }[]
    )[0];
  const refundCalls = (providerRef: string | null) =>
    t.provider.refunds.filter((r) => r.providerRef === providerRef);

  it('refunds in full and answers payment.refunded', async () => {
    const payment = await pay(t);
    await publisher.publish('payment.refund', payment.orderId, {
      orderId: payment.orderId,
      paymentId: payment.id,
      amount: payment.amount,
    });
    const answer = await nthRefunded(payment.orderId, 1);
    expect(answer.data).toEqual({ orderId: payment.orderId, paymentId: payment.id, amount: payment.amount });
    expect(await paymentState(payment.id)).toEqual({ status: 'REFUNDED', refunded: 10_000 });
    expect(refundCalls(payment.providerRef)).toHaveLength(1);
  });

  it('refunds in parts, and a redelivered or repeated command pays back nothing more', async () => {
    const payment = await pay(t);
    const part = publisher.envelope('payment.refund', payment.orderId, {
      orderId: payment.orderId,
      paymentId: payment.id,
      amount: { amount: 3_000, currency: 'EUR' },
    });
    await publisher.send(part);
    await nthRefunded(payment.orderId, 1);
    await publisher.send(part);
    await publisher.publish('payment.refund', payment.orderId, {
      orderId: payment.orderId,
      paymentId: payment.id,
      amount: { amount: 7_000, currency: 'EUR' },
    });
    const second = await nthRefunded(payment.orderId, 2);
    expect(second.data).toMatchObject({ amount: { amount: 7_000, currency: 'EUR' } });
    expect(await paymentState(payment.id)).toEqual({ status: 'REFUNDED', refunded: 10_000 });
    expect(refundCalls(payment.providerRef)).toHaveLength(2);

    // The saga compensating again after everything went back: the same answer, no provider call.
    await publisher.publish('payment.refund', payment.orderId, {
      orderId: payment.orderId,
      paymentId: payment.id,
      amount: payment.amount,
    });
    const third = await nthRefunded(payment.orderId, 3);
    expect(third.data).toMatchObject({ amount: { amount: 10_000, currency: 'EUR' } });
    expect(refundCalls(payment.providerRef)).toHaveLength(2);
  });

  it('refuses to refund more than remains and leaves the payment alone', async () => {
    const payment = await pay(t);
    await publisher.publish('payment.refund', payment.orderId, {
      orderId: payment.orderId,
      paymentId: payment.id,
      amount: { amount: 10_001, currency: 'EUR' },
    });
    // Same key, same partition: once this later command is answered, the first one was handled (parked).
    await publisher.publish('payment.refund', payment.orderId, {
      orderId: payment.orderId,
      paymentId: payment.id,
      amount: { amount: 1, currency: 'EUR' },
    });
    const answer = await nthRefunded(payment.orderId, 1);
    expect(answer.data).toMatchObject({ amount: { amount: 1, currency: 'EUR' } });
    expect(await refunded(payment.orderId)).toHaveLength(1);
    expect(await paymentState(payment.id)).toEqual({ status: 'SUCCEEDED', refunded: 1 });
    expect(refundCalls(payment.providerRef).map((r) => r.amount.amount)).toEqual([1]);
  });
});
