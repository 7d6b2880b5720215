import { DomainError } from '@ecommerce/http';

export const PaymentErrors = {
  notFound: () => new DomainError('PAYMENT_NOT_FOUND', 'not_found', 'No such payment.'),
  orderAlreadyPaidDifferently: (orderId: string) =>
    new DomainError(
      'PAYMENT_COMMAND_CONFLICT',
      'conflict',
      `Order ${orderId} already has a payment for another amount, currency or user.`,
    ),
};
