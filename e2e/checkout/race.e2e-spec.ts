import { eventually } from '@ecommerce/testing';
import {
  newCustomer,
  orderReaching,
  paymentsOf,
  placeOrder,
  productWithStock,
  stockOf,
} from '../support/shop';

describe('buyers racing for the last units', () => {
  it('confirms exactly as many orders as there are units, and charges only those', async () => {
    const product = await productWithStock(5);
    const buyers = await Promise.all(Array.from({ length: 30 }, (_, index) => newCustomer(`racer${index}`)));

    const placed = await Promise.all(
      buyers.map((buyer) =>
        placeOrder(buyer, { items: [{ productId: product.id, quantity: 1 }], paymentMethod: 'pm_card_visa' }),
      ),
    );
    expect(placed.map((answer) => answer.status)).toEqual(Array(30).fill(202));

    const orders = await Promise.all(
      placed.map((answer, index) =>
        orderReaching(buyers[index].token, answer.body.id, ['CONFIRMED', 'CANCELLED'], 90_000),
      ),
    );
    const confirmed = orders.filter((order) => order.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(5);
    expect(
      orders.filter((order) => order.status === 'CANCELLED').map((order) => order.cancellationReason),
    ).toEqual(Array(25).fill('OUT_OF_STOCK'));

    const charged = await Promise.all(
      orders.map((order, index) => paymentsOf(buyers[index].token, order.id)),
    );
    expect(charged.flat().filter((payment) => payment.status === 'SUCCEEDED')).toHaveLength(5);
    await eventually(async () => expect(await stockOf(product.id)).toEqual({ available: 0, reserved: 0 }), {
      timeoutMs: 10_000,
    });
  });
});
