import { eventually } from '@ecommerce/testing';
import { randomUUID } from 'node:crypto';
import { call, expectCall, sleep, type ServiceName } from '../../support/http';

/**
 * Traffic of the kind a shop sees, through every service that runs, so that each dashboard panel
 * and alert has series to work on: catalog reads, searches, a guest cart, a stock change, client
 * errors, and (with order-service running) checkouts that confirm, are declined and run out of stock.
 */

const ADMIN = {
  email: process.env.ADMIN_EMAIL ?? 'admin@shop.local',
  password: process.env.ADMIN_PASSWORD ?? 'admin-password-change-me',
};
const ADDRESS = { line1: '1 Observability Road', city: 'Berlin', postalCode: '10115', country: 'DE' };
const TERMINAL = ['CONFIRMED', 'CANCELLED'];

export interface TrafficReport {
  checkouts: { paymentMethod: string; status: string; cancellationReason?: string }[];
}

async function login(email: string, password: string): Promise<string> {
  const answer = await expectCall('user', 'POST', '/api/auth/login', 200, { body: { email, password } });
  return answer.body.accessToken as string;
}

async function newCustomer(): Promise<string> {
  const email = `ops-${randomUUID()}@example.com`;
  const password = 'observability-password';
  await expectCall('user', 'POST', '/api/auth/register', 201, {
    body: { email, password, name: 'Ops Check' },
  });
  return login(email, password);
}

interface StockedProduct {
  id: string;
  name: string;
  available: number;
}

/** Products of the catalog that have stock, most available first. */
async function stockedProducts(): Promise<StockedProduct[]> {
  const page = await expectCall('product', 'GET', '/api/products?limit=50', 200);
  const products = (page.body.items ?? page.body.data ?? []) as { id: string; name: string }[];
  if (products.length === 0)
    throw new Error(
      'the catalog is empty: start the platform with npm run start:native (it seeds the demo catalog)',
    );
  const withStock = await Promise.all(
    products.map(async (product) => {
      const stock = await call('inventory', 'GET', `/api/inventory/${product.id}`);
      return {
        id: product.id,
        name: product.name,
        available: stock.status === 200 ? Number(stock.body.available) : 0,
      };
    }),
  );
  return withStock.filter((product) => product.available > 0).sort((a, b) => b.available - a.available);
}

async function catalogAndSearch(products: StockedProduct[]): Promise<void> {
  for (const product of products.slice(0, 10)) {
    await expectCall('product', 'GET', `/api/products/${product.id}`, 200);
    // The second read of the same product is a cache hit.
    await expectCall('product', 'GET', `/api/products/${product.id}`, 200);
  }
  await expectCall('product', 'GET', '/api/categories', 200);
  await expectCall('product', 'GET', `/api/products/${randomUUID()}`, 404);
  const words = products.slice(0, 5).map((product) => product.name.split(/\s+/)[0]);
  for (const word of words) {
    await expectCall('search', 'GET', `/api/search?q=${encodeURIComponent(word)}`, 200);
    await expectCall('search', 'GET', `/api/search?q=${encodeURIComponent(word)}`, 200);
    await expectCall('search', 'GET', `/api/search/suggest?q=${encodeURIComponent(word.slice(0, 3))}`, 200);
  }
  // An answer is cached only once the catalog has settled (no change applied within the index's
  // refresh interval); stock changes of earlier checkouts may still be arriving, so the same search
  // is repeated until one is served from the cache.
  await eventually(
    async () => {
      await expectCall('search', 'GET', `/api/search?q=${encodeURIComponent(words[0])}`, 200);
      await expectCall('search', 'GET', `/api/search?q=${encodeURIComponent(words[0])}`, 200);
      const metrics = await expectCall<string>('search', 'GET', '/metrics', 200);
      expect(String(metrics.body)).toMatch(/^search_cache_requests_total\{[^}]*result="hit"[^}]*\} [1-9]/m);
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  await expectCall('search', 'GET', '/api/search?sort=nonsense', 400);
}

async function guestCart(products: StockedProduct[]): Promise<void> {
  const first = await expectCall('cart', 'POST', '/api/cart/items', [200, 201], {
    body: { productId: products[0].id, quantity: 1 },
  });
  const cartId = first.headers.get('x-cart-id');
  if (!cartId) throw new Error('the cart answered without X-Cart-Id');
  for (const product of products.slice(1, 4)) {
    await expectCall('cart', 'POST', '/api/cart/items', [200, 201], {
      headers: { 'x-cart-id': cartId },
      body: { productId: product.id, quantity: 1 },
    });
  }
  await expectCall('cart', 'GET', '/api/cart', 200, { headers: { 'x-cart-id': cartId } });
  await expectCall('cart', 'POST', '/api/cart/items', 404, {
    headers: { 'x-cart-id': cartId },
    body: { productId: randomUUID(), quantity: 1 },
  });
  await expectCall('cart', 'DELETE', '/api/cart', 204, { headers: { 'x-cart-id': cartId } });
}

/** An admin raises one warehouse's on-hand quantity by one and sets it back: two stock adjustments, no net change. */
async function stockAdjustment(adminToken: string, product: StockedProduct): Promise<void> {
  const stock = await expectCall('inventory', 'GET', `/api/inventory/${product.id}`, 200);
  const warehouse = (stock.body.warehouses as { warehouseId: string; onHand: number }[])[0];
  const path = `/api/inventory/${product.id}/warehouses/${warehouse.warehouseId}`;
  await expectCall('inventory', 'PUT', path, 200, {
    token: adminToken,
    body: { onHand: warehouse.onHand + 1 },
  });
  await expectCall('inventory', 'PUT', path, 200, { token: adminToken, body: { onHand: warehouse.onHand } });
}

async function checkout(token: string, productId: string, quantity: number, paymentMethod: string) {
  const placed = await expectCall('order', 'POST', '/api/orders', 202, {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { items: [{ productId, quantity }], paymentMethod, shippingAddress: ADDRESS },
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const order = await expectCall('order', 'GET', `/api/orders/${placed.body.id}`, 200, { token });
    if (TERMINAL.includes(order.body.status))
      return {
        paymentMethod,
        status: order.body.status as string,
        cancellationReason: order.body.cancellationReason,
      };
    if (Date.now() > deadline)
      throw new Error(`order ${placed.body.id} is still ${order.body.status} after 90 s`);
    await sleep(250);
  }
}

export async function driveTraffic(running: Set<ServiceName>): Promise<TrafficReport> {
  const report: TrafficReport = { checkouts: [] };
  const products = await stockedProducts();
  const adminToken = await login(ADMIN.email, ADMIN.password);
  await expectCall('user', 'POST', '/api/auth/login', 401, {
    body: { email: ADMIN.email, password: 'not-the-password' },
  });
  await catalogAndSearch(products);
  await guestCart(products);
  await stockAdjustment(adminToken, products[0]);
  if (running.has('order') && running.has('payment')) {
    const buyer = await newCustomer();
    const product = products[0];
    report.checkouts.push(await checkout(buyer, product.id, 1, 'pm_card_visa'));
    report.checkouts.push(await checkout(buyer, product.id, 1, 'pm_card_visa'));
    report.checkouts.push(await checkout(buyer, product.id, 1, 'pm_card_chargeDeclined'));
    // More than there is: the saga cancels it OUT_OF_STOCK after reserving nothing.
    const scarce = products.find((candidate) => candidate.available < 999) ?? product;
    report.checkouts.push(
      await checkout(buyer, scarce.id, Math.min(scarce.available + 1, 999), 'pm_card_visa'),
    );
  }
  return report;
}
