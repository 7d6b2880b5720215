import { DomainError } from '@ecommerce/http';

export const RefundErrors = {
  notRefundable: (status: string) =>
    new DomainError('PAYMENT_NOT_REFUNDABLE', 'conflict', `A ${status} payment cannot be refunded.`, {
      extensions: { paymentStatus: status },
    }),
  nothingToRefund: () =>
    new DomainError('NOTHING_TO_REFUND', 'conflict', 'This payment is refunded in full already.', {
      extensions: { remaining: 0 },
    }),
  exceedsRemaining: (remaining: number) =>
    new DomainError(
      'REFUND_EXCEEDS_REMAINING',
      'unprocessable',
      `At most ${remaining} can still be refunded.`,
      { extensions: { remaining } },
    ),
  orderMismatch: () =>
    new DomainError('REFUND_ORDER_MISMATCH', 'invalid', 'The payment does not belong to this order.'),
  currencyMismatch: (currency: string) =>
    new DomainError('REFUND_CURRENCY_MISMATCH', 'invalid', `The payment is in ${currency}.`),
  providerRefused: (code: string) =>
    new DomainError('REFUND_FAILED', 'unprocessable', `The provider refused the refund (${code}).`, {
      extensions: { providerCode: code },
    }),
};
