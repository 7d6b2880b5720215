import {
  minorUnitExponent,
  type CancellationReason,
  type LowStock,
  type Money,
  type OrderEventData,
  type PaymentFailed,
  type UserRegistered,
} from '@ecommerce/contracts';
import type { TemplateValues } from '../templates/template-catalog';

/**
 * Formats integer minor units for people: `{amount: 123450, currency: 'EUR'}` -> `€1,234.50`. The
 * decimal string is built from the integer, so no floating-point rounding reaches a customer.
 */
export function formatMoney({ amount, currency }: Money): string {
  const exponent = minorUnitExponent(currency);
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  const decimal = `${amount < 0 ? '-' : ''}${whole}${fraction}`;
  const format = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl formats a decimal string exactly (ES2023 Intl.NumberFormat v3); the cast only satisfies older typings.
  return format.format(decimal as unknown as number);
}

const CANCELLATION_TEXT: Record<CancellationReason, string> = {
  OUT_OF_STOCK: 'an item is out of stock',
  PAYMENT_DECLINED: 'the payment was declined',
  FRAUD_SUSPECTED: 'the payment could not be verified',
  TIMEOUT: 'it could not be completed in time',
  CUSTOMER_CANCELLED: 'you cancelled it',
};

const PAYMENT_FAILURE_TEXT: Record<PaymentFailed['reason'], string> = {
  DECLINED: 'your card was declined',
  FRAUD_SUSPECTED: 'the payment could not be verified',
  PROVIDER_ERROR: 'the payment provider could not process it',
};

export const welcomeValues = (user: UserRegistered): TemplateValues => ({
  name: user.name,
  email: user.email,
});

export function orderValues(order: OrderEventData): TemplateValues {
  return {
    orderId: order.orderId,
    total: formatMoney(order.total),
    itemCount: String(order.items.reduce((count, item) => count + item.quantity, 0)),
    reason: order.reason ? CANCELLATION_TEXT[order.reason] : 'it could not be completed',
  };
}

export const paymentFailedValues = (payment: PaymentFailed): TemplateValues => ({
  orderId: payment.orderId,
  reason: PAYMENT_FAILURE_TEXT[payment.reason],
});

export const lowStockValues = (stock: LowStock): TemplateValues => ({
  productId: stock.productId,
  available: String(stock.available),
  threshold: String(stock.threshold),
});
