import { randomUUID } from 'node:crypto';
import { eventually } from '@ecommerce/testing';
import { call, expectCall } from './http';

const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'admin@shop.local';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'admin-password-change-me';
const E2E_WAREHOUSE = { code: 'E2E-WH', name: 'End-to-end test warehouse', country: 'DE' };

export const address = { line1: '1 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

export interface Session {
  token: string;
  userId: string;
  email: string;
}

async function login(email: string, password: string): Promise<string> {
  const answer = await expectCall<{ accessToken: string }>('user', 'POST', '/api/auth/login', 200, {
    body: { email, password },
  });
  return answer.body.accessToken;
}

/** A new customer account, signed in. */
export async function newCustomer(label = 'buyer'): Promise<Session> {
  const email = `${label}.${randomUUID().slice(0, 12)}@e2e.example`;
  const password = 'e2e-password-long-enough';
  const registered = await expectCall<{ id: string }>('user', 'POST', '/api/auth/register', 201, {
    body: { email, password, name: `E2E ${label}` },
  });
  return { token: await login(email, password), userId: registered.body.id, email };
}

let adminToken: Promise<string> | undefined;
export const admin = (): Promise<string> => (adminToken ??= login(ADMIN_EMAIL, ADMIN_PASSWORD));

let warehouseId: Promise<string> | undefined;
async function e2eWarehouse(): Promise<string> {
  const token = await admin();
  const list = await expectCall<{ items: { id: string; code: string }[] }>(
    'inventory',
    'GET',
    '/api/inventory/warehouses?limit=100',
    200,
    { token },
  );
  const found = list.body.items.find((warehouse) => warehouse.code === E2E_WAREHOUSE.code);
  if (found) return found.id;
  const created = await expectCall<{ id: string }>(
    'inventory',
    'POST',
    '/api/inventory/warehouses',
    [201, 409],
    { token, body: E2E_WAREHOUSE },
  );
  if (created.status === 201) return created.body.id;
  return e2eWarehouse();
}

let categoryId: Promise<string> | undefined;
async function e2eCategory(): Promise<string> {
  const token = await admin();
  const slug = `e2e-${randomUUID().slice(0, 8)}`;
  const created = await expectCall<{ id: string }>('product', 'POST', '/api/categories', 201, {
    token,
    body: { name: `E2E ${slug}`, slug },
  });
  return created.body.id;
}

export interface TestProduct {
  id: string;
  name: string;
  price: { amount: number; currency: string };
}

/**
 * A product priced `amount` EUR cents with `onHand` units in the test warehouse. inventory-service
 * creates the stock record when it consumes product.created, so the stock is set once it exists.
 */
export async function productWithStock(onHand: number, amount = 1_999): Promise<TestProduct> {
  const token = await admin();
  warehouseId ??= e2eWarehouse();
  categoryId ??= e2eCategory();
  const name = `E2E product ${randomUUID().slice(0, 8)}`;
  const created = await expectCall<TestProduct>('product', 'POST', '/api/products', 201, {
    token,
    body: {
      sku: `E2E-${randomUUID().slice(0, 13)}`,
      name,
      description: 'A product made by the end-to-end tests.',
      categoryId: await categoryId,
      price: { amount, currency: 'EUR' },
    },
  });
  const productId = created.body.id;
  const warehouse = await warehouseId;
  await eventually(() => expectCall('inventory', 'GET', `/api/inventory/${productId}`, 200), {
    timeoutMs: 15_000,
    intervalMs: 100,
  });
  await expectCall('inventory', 'PUT', `/api/inventory/${productId}/warehouses/${warehouse}`, 200, {
    token,
    body: { onHand },
  });
  return created.body;
}

export interface StockLevel {
  available: number;
  reserved: number;
}

export async function stockOf(productId: string): Promise<StockLevel> {
  const answer = await expectCall<StockLevel>('inventory', 'GET', `/api/inventory/${productId}`, 200);
  return { available: answer.body.available, reserved: answer.body.reserved };
}

export interface PlaceOrder {
  items?: { productId: string; quantity: number }[];
  fromCart?: boolean;
  paymentMethod: string;
  currency?: string;
}

/**
 * POST /api/orders with a fresh Idempotency-Key (or the given one). A product created a moment ago
 * may not have reached order-service's price list yet: that answer (422) is retried briefly.
 */
export async function placeOrder(buyer: Session, order: PlaceOrder, idempotencyKey = randomUUID()) {
  return eventually(
    async () => {
      const answer = await call('order', 'POST', '/api/orders', {
        token: buyer.token,
        headers: { 'idempotency-key': idempotencyKey },
        body: { shippingAddress: address, ...order },
      });
      if (answer.status === 422 && /product/i.test(JSON.stringify(answer.body)))
        throw new Error(`not priced yet: ${JSON.stringify(answer.body)}`);
      return answer;
    },
    { timeoutMs: 10_000, intervalMs: 100 },
  );
}

export interface OrderView {
  id: string;
  userId: string;
  status: string;
  cancellationReason?: string;
  total: { amount: number; currency: string };
  items: {
    productId: string;
    quantity: number;
    unitPrice: { amount: number };
    lineTotal: { amount: number };
  }[];
  payment?: { id: string; status: string };
  timeline: { status: string; at: string; detail?: string }[];
  createdAt: string;
}

export const TERMINAL = ['CONFIRMED', 'CANCELLED', 'REFUNDED', 'SHIPPED'];

/** Polls the order until its status is one of `statuses`. */
export async function orderReaching(
  token: string,
  orderId: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<OrderView> {
  return eventually(
    async () => {
      const answer = await expectCall<OrderView>('order', 'GET', `/api/orders/${orderId}`, 200, { token });
      if (!statuses.includes(answer.body.status))
        throw new Error(`order ${orderId} is ${answer.body.status}, waiting for ${statuses.join('|')}`);
      return answer.body;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

export interface PaymentView {
  id: string;
  orderId: string;
  status: string;
  amount: { amount: number; currency: string };
  failureCode?: string;
}

export async function paymentsOf(token: string, orderId: string): Promise<PaymentView[]> {
  const answer = await expectCall<PaymentView[] | { items: PaymentView[] }>(
    'payment',
    'GET',
    `/api/payments?orderId=${orderId}`,
    200,
    { token },
  );
  return Array.isArray(answer.body) ? answer.body : answer.body.items;
}
