import { randomUUID } from 'node:crypto';
import { eventually } from '@ecommerce/testing';
import { call, expectCall, sleep } from '../support/http';
import { killService, restartServices } from '../support/services';
import {
  address,
  newCustomer,
  orderReaching,
  paymentsOf,
  productWithStock,
  stockOf,
  TERMINAL,
  type Session,
} from '../support/shop';

const ORDERS = 45;
const STOCK = 200;

/** A client that retries one order with the same Idempotency-Key until the platform accepts it. */
async function placeUntilAccepted(buyer: Session, productId: string, quantity: number): Promise<string> {
  const key = randomUUID();
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const answer = await call('order', 'POST', '/api/orders', {
        token: buyer.token,
        headers: { 'idempotency-key': key },
        body: { items: [{ productId, quantity }], paymentMethod: 'pm_card_visa', shippingAddress: address },
        timeoutMs: 5_000,
      });
      if (answer.status === 202) return answer.body.id as string;
      if (answer.status < 500 && answer.status !== 422 && answer.status !== 429)
        throw new Error(`order refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('order refused')) throw error;
      // the service is down or restarting: retry the same key, as a shop's front end would
    }
    if (Date.now() > deadline) throw new Error('order never accepted');
    await sleep(250);
  }
}

describe('crash recovery of the checkout saga', () => {
  it('brings every order of a burst to a terminal state across kill -9 of order-, payment- and inventory-service', async () => {
    const product = await productWithStock(STOCK, 990);
    const buyers = await Promise.all(Array.from({ length: 9 }, (_, index) => newCustomer(`crash${index}`)));
    const placedBefore: { buyer: Session; id: string; quantity: number }[] = [];
    // Warm the price list of order-service for this product before the burst.
    await eventually(async () => {
      const answer = await call('order', 'POST', '/api/orders', {
        token: buyers[0].token,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          items: [{ productId: product.id, quantity: 1 }],
          paymentMethod: 'pm_card_visa',
          shippingAddress: address,
        },
      });
      expect(answer.status).toBe(202);
      placedBefore.push({ buyer: buyers[0], id: answer.body.id, quantity: 1 });
    });

    const submissions: Promise<{ buyer: Session; id: string; quantity: number }>[] = [];
    const burst = (async () => {
      for (let index = 0; index < ORDERS; index++) {
        const buyer = buyers[index % buyers.length];
        const quantity = (index % 3) + 1;
        submissions.push(
          placeUntilAccepted(buyer, product.id, quantity).then((id) => ({ buyer, id, quantity })),
        );
        await sleep(120);
      }
    })();

    await sleep(1_000);
    await killService('order-service');
    await restartServices(['order-service']);
    await killService('payment-service');
    await restartServices(['payment-service']);
    await killService('inventory-service');
    await restartServices(['inventory-service']);
    await burst;
    const placed = [...placedBefore, ...(await Promise.all(submissions))];
    expect(new Set(placed.map((order) => order.id)).size).toBe(placed.length);

    const orders = await Promise.all(
      placed.map((order) => orderReaching(order.buyer.token, order.id, TERMINAL, 150_000)),
    );
    let confirmedUnits = 0;
    for (const [index, order] of orders.entries()) {
      const payments = await paymentsOf(placed[index].buyer.token, order.id);
      const charged = payments.filter((payment) => ['SUCCEEDED', 'REFUNDED'].includes(payment.status));
      expect(charged.length).toBeLessThanOrEqual(1);
      if (order.status === 'CONFIRMED') {
        expect(payments.filter((payment) => payment.status === 'SUCCEEDED')).toHaveLength(1);
        confirmedUnits += placed[index].quantity;
      } else {
        expect(payments.filter((payment) => payment.status === 'SUCCEEDED')).toHaveLength(0);
      }
    }
    expect(orders.filter((order) => order.status === 'CONFIRMED').length).toBeGreaterThan(0);
    await eventually(
      async () =>
        expect(await stockOf(product.id)).toEqual({ available: STOCK - confirmedUnits, reserved: 0 }),
      { timeoutMs: 30_000 },
    );

    // every buyer sees exactly the orders they placed: no duplicates from the retried submissions
    for (const buyer of buyers) {
      const mine = await expectCall('order', 'GET', '/api/orders?limit=100', 200, { token: buyer.token });
      const ids = (mine.body.items as { id: string }[]).map((item) => item.id).sort();
      expect(ids).toEqual(
        placed
          .filter((order) => order.buyer === buyer)
          .map((order) => order.id)
          .sort(),
      );
    }
  });
});
