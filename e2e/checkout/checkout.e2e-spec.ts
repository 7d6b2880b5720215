import { randomUUID } from 'node:crypto';
import { eventually } from '@ecommerce/testing';
import { call, expectCall } from '../support/http';
import {
  address,
  admin,
  newCustomer,
  orderReaching,
  paymentsOf,
  placeOrder,
  productWithStock,
  stockOf,
  type Session,
} from '../support/shop';

describe('checkout through the started platform', () => {
  let buyer: Session;

  beforeAll(async () => {
    buyer = await newCustomer('checkout');
  });

  it('confirms a cart checkout: payment taken, stock committed, cart emptied, confirmation recorded', async () => {
    const product = await productWithStock(10, 2_500);
    await expectCall('cart', 'POST', '/api/cart/items', 200, {
      token: buyer.token,
      body: { productId: product.id, quantity: 2 },
    });

    const placed = await placeOrder(buyer, { fromCart: true, paymentMethod: 'pm_card_visa' });
    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({ status: 'PENDING', total: { amount: 5_000, currency: 'EUR' } });

    const order = await orderReaching(buyer.token, placed.body.id, ['CONFIRMED', 'CANCELLED']);
    expect(order.status).toBe('CONFIRMED');
    expect(order.items).toEqual([
      expect.objectContaining({
        productId: product.id,
        quantity: 2,
        unitPrice: expect.objectContaining({ amount: 2_500 }),
      }),
    ]);
    expect(order.timeline.map((entry) => entry.status)).toEqual(
      expect.arrayContaining(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED']),
    );

    const payments = await paymentsOf(buyer.token, order.id);
    expect(payments).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED', amount: { amount: 5_000, currency: 'EUR' } }),
    ]);
    await eventually(async () => expect(await stockOf(product.id)).toEqual({ available: 8, reserved: 0 }), {
      timeoutMs: 10_000,
    });
    await eventually(
      async () => {
        const cart = await expectCall('cart', 'GET', '/api/cart', 200, { token: buyer.token });
        expect(cart.body.items).toEqual([]);
      },
      { timeoutMs: 10_000 },
    );
    await eventually(
      async () => {
        const notifications = await expectCall('notification', 'GET', '/api/notifications', 200, {
          token: buyer.token,
        });
        expect(notifications.body.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ template: 'order.confirmed' })]),
        );
      },
      { timeoutMs: 15_000 },
    );
  });

  it.each([
    ['pm_card_chargeDeclined', 'PAYMENT_DECLINED'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'PAYMENT_DECLINED'],
    ['pm_card_radarBlock', 'FRAUD_SUSPECTED'],
  ])('cancels an order paid with %s as %s and puts the stock back', async (paymentMethod, reason) => {
    const product = await productWithStock(5);
    const placed = await placeOrder(buyer, {
      items: [{ productId: product.id, quantity: 3 }],
      paymentMethod,
    });
    expect(placed.status).toBe(202);

    const order = await orderReaching(buyer.token, placed.body.id, ['CONFIRMED', 'CANCELLED']);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: reason });
    const payments = await paymentsOf(buyer.token, order.id);
    expect(payments.map((payment) => payment.status)).toEqual(['FAILED']);
    await eventually(async () => expect(await stockOf(product.id)).toEqual({ available: 5, reserved: 0 }), {
      timeoutMs: 10_000,
    });
  });

  it('cancels an order above the stock as OUT_OF_STOCK without charging anything', async () => {
    const product = await productWithStock(2);
    const placed = await placeOrder(buyer, {
      items: [{ productId: product.id, quantity: 3 }],
      paymentMethod: 'pm_card_visa',
    });
    expect(placed.status).toBe(202);

    const order = await orderReaching(buyer.token, placed.body.id, ['CONFIRMED', 'CANCELLED']);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'OUT_OF_STOCK' });
    expect(await paymentsOf(buyer.token, order.id)).toEqual([]);
    expect(await stockOf(product.id)).toEqual({ available: 2, reserved: 0 });
  });

  it('makes one order and one charge of retries with the same Idempotency-Key, and refuses the key for another body', async () => {
    const product = await productWithStock(10);
    const key = randomUUID();
    const body = { items: [{ productId: product.id, quantity: 1 }], paymentMethod: 'pm_card_visa' };
    const first = await placeOrder(buyer, body, key);
    expect(first.status).toBe(202);
    const retries = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('order', 'POST', '/api/orders', {
          token: buyer.token,
          headers: { 'idempotency-key': key },
          body: { shippingAddress: address, ...body },
        }),
      ),
    );
    expect(new Set(retries.map((answer) => answer.status))).toEqual(new Set([202]));
    expect(new Set(retries.map((answer) => answer.body.id))).toEqual(new Set([first.body.id]));

    const other = await call('order', 'POST', '/api/orders', {
      token: buyer.token,
      headers: { 'idempotency-key': key },
      body: { shippingAddress: address, ...body, items: [{ productId: product.id, quantity: 2 }] },
    });
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');

    const order = await orderReaching(buyer.token, first.body.id, ['CONFIRMED', 'CANCELLED']);
    expect(order.status).toBe('CONFIRMED');
    const mine = await expectCall('order', 'GET', `/api/orders?limit=100`, 200, { token: buyer.token });
    expect(mine.body.items.filter((item: { id: string }) => item.id === first.body.id)).toHaveLength(1);
    expect(await paymentsOf(buyer.token, order.id)).toHaveLength(1);
    await eventually(async () => expect(await stockOf(product.id)).toEqual({ available: 9, reserved: 0 }), {
      timeoutMs: 10_000,
    });
  });

  it('refunds and restocks a confirmed order the customer cancels', async () => {
    const product = await productWithStock(4, 1_250);
    const placed = await placeOrder(buyer, {
      items: [{ productId: product.id, quantity: 2 }],
      paymentMethod: 'pm_card_visa',
    });
    await orderReaching(buyer.token, placed.body.id, ['CONFIRMED']);
    await eventually(async () => expect(await stockOf(product.id)).toEqual({ available: 2, reserved: 0 }), {
      timeoutMs: 10_000,
    });

    await expectCall('order', 'POST', `/api/orders/${placed.body.id}/cancel`, 202, { token: buyer.token });
    const order = await orderReaching(buyer.token, placed.body.id, ['REFUNDED'], 30_000);
    expect(order.cancellationReason).toBe('CUSTOMER_CANCELLED');
    const payments = await paymentsOf(buyer.token, order.id);
    expect(payments).toEqual([expect.objectContaining({ status: 'REFUNDED' })]);
    await eventually(async () => expect(await stockOf(product.id)).toEqual({ available: 4, reserved: 0 }), {
      timeoutMs: 10_000,
    });
    const again = await call('order', 'POST', `/api/orders/${placed.body.id}/cancel`, { token: buyer.token });
    expect(again.status).toBe(409);
  });

  it('shows an order only to its owner and admins', async () => {
    const product = await productWithStock(3);
    const placed = await placeOrder(buyer, {
      items: [{ productId: product.id, quantity: 1 }],
      paymentMethod: 'pm_card_visa',
    });
    const stranger = await newCustomer('stranger');
    expect(
      (await call('order', 'GET', `/api/orders/${placed.body.id}`, { token: stranger.token })).status,
    ).toBe(404);
    expect(await paymentsOf(stranger.token, placed.body.id)).toEqual([]);
    expect(
      (await call('order', 'GET', `/api/orders/${placed.body.id}`, { token: await admin() })).status,
    ).toBe(200);
    await orderReaching(buyer.token, placed.body.id, ['CONFIRMED']);
  });

  it('refuses a raw card number and bad quantities with problem details', async () => {
    const product = await productWithStock(3);
    for (const body of [
      { items: [{ productId: product.id, quantity: 1 }], paymentMethod: '4242 4242 4242 4242' },
      { items: [{ productId: product.id, quantity: 0 }], paymentMethod: 'pm_card_visa' },
      { items: [{ productId: product.id, quantity: 1000 }], paymentMethod: 'pm_card_visa' },
    ]) {
      const answer = await call('order', 'POST', '/api/orders', {
        token: buyer.token,
        headers: { 'idempotency-key': randomUUID() },
        body: { shippingAddress: address, ...body },
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    const noKey = await call('order', 'POST', '/api/orders', {
      token: buyer.token,
      body: {
        shippingAddress: address,
        items: [{ productId: product.id, quantity: 1 }],
        paymentMethod: 'pm_card_visa',
      },
    });
    expect(noKey.status).toBe(400);
  });
});
