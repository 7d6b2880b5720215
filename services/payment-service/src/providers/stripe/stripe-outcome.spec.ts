import { outcomeOfError, outcomeOfIntent, stateOfIntent } from './stripe-outcome';

describe('Stripe outcomes', () => {
  it('maps a succeeded PaymentIntent', () => {
    expect(outcomeOfIntent({ id: 'pi_1', status: 'succeeded' })).toEqual({
      status: 'succeeded',
      providerRef: 'pi_1',
    });
  });

  it('leaves a processing PaymentIntent pending', () => {
    expect(outcomeOfIntent({ id: 'pi_1', status: 'processing' })).toEqual({
      status: 'pending',
      providerRef: 'pi_1',
    });
  });

  it('declines what needs customer authentication', () => {
    expect(outcomeOfIntent({ id: 'pi_1', status: 'requires_action' })).toMatchObject({
      status: 'declined',
      code: 'authentication_required',
    });
  });

  it('prefers the specific decline code to the generic one', () => {
    expect(
      outcomeOfIntent({
        id: 'pi_1',
        status: 'requires_payment_method',
        last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
      }),
    ).toEqual({
      status: 'declined',
      providerRef: 'pi_1',
      code: 'insufficient_funds',
    });
    expect(
      outcomeOfIntent({
        id: 'pi_1',
        status: 'requires_payment_method',
        last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' },
      }),
    ).toMatchObject({
      code: 'card_declined',
    });
  });

  it('treats a card error from the risk check as fraud', () => {
    expect(
      outcomeOfError({
        type: 'StripeCardError',
        code: 'card_declined',
        decline_code: 'fraudulent',
        payment_intent: { id: 'pi_9' },
      }),
    ).toEqual({
      status: 'blocked',
      providerRef: 'pi_9',
      code: 'fraud_provider_risk',
    });
  });

  it('declines on a card error', () => {
    expect(
      outcomeOfError({ type: 'StripeCardError', code: 'card_declined', decline_code: 'generic_decline' }),
    ).toEqual({ status: 'declined', providerRef: null, code: 'card_declined' });
  });

  it('rejects a request Stripe will never accept', () => {
    expect(
      outcomeOfError({ type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 400 }),
    ).toEqual({ status: 'rejected', providerRef: null, code: 'resource_missing' });
  });

  it.each([
    { type: 'StripeConnectionError' },
    { type: 'StripeAPIError', statusCode: 500 },
    { type: 'StripeRateLimitError', statusCode: 429 },
    { type: 'StripeIdempotencyError', statusCode: 409 },
    { type: 'StripeInvalidRequestError', statusCode: 409 },
    { type: 'StripeAuthenticationError', statusCode: 401 },
  ])('leaves %j to be retried', (error) => {
    expect(outcomeOfError(error)).toBeUndefined();
  });

  it('reads refunds and status for the reconciliation', () => {
    expect(
      stateOfIntent({ id: 'pi_1', status: 'succeeded', latest_charge: { amount_refunded: 300 } }),
    ).toEqual({ status: 'succeeded', amountRefunded: 300 });
    expect(stateOfIntent({ id: 'pi_1', status: 'canceled' })).toEqual({
      status: 'failed',
      amountRefunded: 0,
      code: 'canceled',
    });
  });
});
