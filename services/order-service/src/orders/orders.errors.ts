import { DomainError } from '@ecommerce/http';
import type { SagaRejectionCode } from './order-saga';

const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', {
    errors: { [field]: [message] },
  });

export const OrderErrors = {
  notFound: () => new DomainError('ORDER_NOT_FOUND', 'not_found', 'No such order.'),
  invalid,
  idempotencyKeyMissing: () =>
    invalid('Idempotency-Key', 'the Idempotency-Key header is required (1 to 200 visible ASCII characters)'),
  idempotencyKeyReused: () =>
    new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'conflict',
      'This Idempotency-Key was already used with another request body; use a new key for a new order.',
    ),
  emptyCart: () =>
    new DomainError('CART_EMPTY', 'unprocessable', 'The cart is empty: there is nothing to order.'),
  addressNotFound: (addressId: string) =>
    new DomainError('ADDRESS_NOT_FOUND', 'unprocessable', 'No saved address with this id.', {
      extensions: { addressId },
    }),
  productUnavailable: (productIds: string[]) =>
    new DomainError('PRODUCT_UNAVAILABLE', 'unprocessable', `Not for sale: ${productIds.join(', ')}.`, {
      extensions: { productIds },
    }),
  noExchangeRate: (currency: string, productId: string) =>
    new DomainError(
      'NO_EXCHANGE_RATE',
      'unprocessable',
      `No price in ${currency} and no exchange rate to ${currency} for product ${productId}.`,
      {
        extensions: { currency, productId },
      },
    ),
  fxUnavailable: () =>
    new DomainError(
      'FX_RATES_UNAVAILABLE',
      'unavailable',
      'Exchange rates are not available right now; try again shortly.',
      { retryAfterSeconds: 5 },
    ),
  upstreamUnavailable: (upstream: string, retryAfterSeconds = 2) =>
    new DomainError(
      'UPSTREAM_UNAVAILABLE',
      'unavailable',
      `The ${upstream} did not answer; try again shortly.`,
      { retryAfterSeconds },
    ),
  checkoutBusy: () =>
    new DomainError(
      'CHECKOUT_BUSY',
      'unavailable',
      'Too many checkouts are in progress; try again shortly.',
      { retryAfterSeconds: 1 },
    ),
  illegalTransition: (code: SagaRejectionCode, reason: string) => new DomainError(code, 'conflict', reason),
};
