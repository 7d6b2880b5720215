import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { chargeIdempotencyKey, refundIdempotencyKey } from '../src/providers/payment-provider';
import { createStripeClient, StripeProvider } from '../src/providers/stripe/stripe-provider';
import {
  ensureStripeMock,
  startStripeMock,
  STRIPE_MOCK_VERSION,
  type RunningStripeMock,
} from './support/stripe-mock';

jest.setTimeout(60_000);

const binary = ensureStripeMock();
if (!binary.ok) {
  console.warn(
    `\n!!! SKIPPING the StripeProvider suite against stripe-mock ${STRIPE_MOCK_VERSION}: ${binary.reason}\n` +
      '!!! Install Go and allow access to the Go module proxy to run it.\n',
  );
}
const suite = binary.ok ? describe : describe.skip;

suite(`StripeProvider against stripe-mock ${STRIPE_MOCK_VERSION}`, () => {
  let mock: RunningStripeMock;
  let stripe: Stripe;
  let provider: StripeProvider;
  const sent: { method: string; path: string; idempotency_key?: string }[] = [];

  beforeAll(async () => {
    if (!binary.ok) return;
    mock = await startStripeMock(binary.path);
    stripe = createStripeClient({ apiKey: 'sk_test_123', apiBase: mock.baseUrl, timeoutMs: 5_000 });
    stripe.on('request', (event: { method: string; path: string; idempotency_key?: string }) =>
      sent.push(event),
    );
    provider = new StripeProvider(stripe);
  });

  afterAll(async () => {
    await mock?.stop();
  });

  it('creates a confirmed PaymentIntent with the order’s idempotency key', async () => {
    const orderId = randomUUID();
    const outcome = await provider.charge({
      idempotencyKey: chargeIdempotencyKey(orderId),
      paymentId: randomUUID(),
      orderId,
      amount: { amount: 4_999, currency: 'EUR' },
      paymentMethod: 'pm_card_visa',
    });
    expect(outcome.providerRef).toMatch(/^pi_/);
    // stripe-mock is stateless and answers with its fixture (status requires_payment_method), which
    // the provider must read as a decline, never as money taken.
    expect(outcome).toMatchObject({ status: 'declined', code: 'requires_payment_method' });
    expect(sent.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      idempotency_key: `charge:${orderId}`,
    });
  });

  it('refunds with the refund’s idempotency key', async () => {
    const refundId = randomUUID();
    const outcome = await provider.refund({
      idempotencyKey: refundIdempotencyKey(refundId),
      refundId,
      providerRef: 'pi_123',
      amount: { amount: 1_000, currency: 'EUR' },
    });
    expect(outcome).toMatchObject({ status: 'succeeded', providerRef: expect.stringMatching(/^re_/) });
    expect(sent.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/refunds',
      idempotency_key: `refund:${refundId}`,
    });
  });

  it('retrieves a PaymentIntent for the reconciliation', async () => {
    const state = await provider.retrieve('pi_123');
    expect(state.status).toBe('failed');
    expect(state.amountRefunded).toBe(0);
    expect(sent.at(-1)).toMatchObject({
      method: 'GET',
      path: expect.stringMatching(/^\/v1\/payment_intents\/pi_123\?expand/),
    });
  });

  it('throws when Stripe cannot be reached, so the charge is retried with the same key', async () => {
    await mock.stop();
    const unreachable = new StripeProvider(
      createStripeClient({ apiKey: 'sk_test_123', apiBase: mock.baseUrl, timeoutMs: 1_000 }),
    );
    await expect(
      unreachable.charge({
        idempotencyKey: chargeIdempotencyKey(randomUUID()),
        paymentId: randomUUID(),
        orderId: randomUUID(),
        amount: { amount: 100, currency: 'EUR' },
        paymentMethod: 'pm_card_visa',
      }),
    ).rejects.toMatchObject({ type: 'StripeConnectionError' });
  });
});
