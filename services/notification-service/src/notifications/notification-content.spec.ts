import type { OrderEventData } from '@ecommerce/contracts';
import { TEMPLATE_PLACEHOLDERS } from '../templates/template-catalog';
import {
  formatMoney,
  lowStockValues,
  orderValues,
  paymentFailedValues,
  welcomeValues,
} from './notification-content';

const order = (overrides: Partial<OrderEventData> = {}): OrderEventData => ({
  orderId: '7f1c0d1e-0000-4000-8000-000000000001',
  userId: '7f1c0d1e-0000-4000-8000-000000000002',
  status: 'CONFIRMED',
  total: { amount: 123450, currency: 'EUR' },
  items: [
    {
      productId: '7f1c0d1e-0000-4000-8000-000000000003',
      name: 'A',
      unitPrice: { amount: 100, currency: 'EUR' },
      quantity: 2,
      lineTotal: { amount: 200, currency: 'EUR' },
    },
    {
      productId: '7f1c0d1e-0000-4000-8000-000000000004',
      name: 'B',
      unitPrice: { amount: 100, currency: 'EUR' },
      quantity: 1,
      lineTotal: { amount: 100, currency: 'EUR' },
    },
  ],
  ...overrides,
});

describe('formatMoney', () => {
  it.each([
    [{ amount: 123450, currency: 'EUR' }, '€1,234.50'],
    [{ amount: 5, currency: 'USD' }, '$0.05'],
    [{ amount: 0, currency: 'USD' }, '$0.00'],
    [{ amount: 1500, currency: 'JPY' }, '¥1,500'],
    [{ amount: 1234, currency: 'KWD' }, 'KWD 1.234'],
    [{ amount: -250, currency: 'GBP' }, '-£2.50'],
    [{ amount: 900719925474099, currency: 'USD' }, '$9,007,199,254,740.99'],
  ])('%j -> %s', (money, expected) => {
    expect(formatMoney(money).replace(/\u00a0/g, ' ')).toBe(expected);
  });
});

describe('template values', () => {
  it('gives an order its id, formatted total and item count', () => {
    expect(orderValues(order())).toMatchObject({
      orderId: order().orderId,
      total: '€1,234.50',
      itemCount: '3',
    });
  });

  it('explains a cancellation reason in words', () => {
    expect(orderValues(order({ status: 'CANCELLED', reason: 'OUT_OF_STOCK' })).reason).toBe(
      'an item is out of stock',
    );
  });

  it('explains a payment failure in words', () => {
    expect(
      paymentFailedValues({ orderId: 'o', paymentId: 'p', reason: 'DECLINED', code: 'card_declined' }),
    ).toEqual({ orderId: 'o', reason: 'your card was declined' });
  });

  it('provides every placeholder of each template key', () => {
    const provided = {
      'user.registered': welcomeValues({ userId: 'u', email: 'a@example.com', name: 'Ada' }),
      'order.confirmed': orderValues(order()),
      'order.cancelled': orderValues(order({ reason: 'TIMEOUT' })),
      'order.shipped': orderValues(order()),
      'order.refunded': orderValues(order()),
      'payment.failed': paymentFailedValues({ orderId: 'o', paymentId: 'p', reason: 'PROVIDER_ERROR' }),
      'inventory.low-stock': lowStockValues({ productId: 'p', available: 2, threshold: 5 }),
    };
    for (const [key, values] of Object.entries(provided)) {
      for (const name of TEMPLATE_PLACEHOLDERS[key as keyof typeof provided])
        expect(values).toHaveProperty(name);
    }
  });
});
