import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { eventually } from '@ecommerce/testing';
import { expectCall } from '../support/http';
import { restartServices } from '../support/services';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';

/**
 * One request, one trace: the services started with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local
 * OTLP receiver export spans that share the trace id of the request that caused them, with the
 * caller's span as parent, across HTTP calls and across Kafka (traceparent in the message headers).
 */

const TRACED = [
  'product-service',
  'inventory-service',
  'search-service',
  'cart-service',
  'order-service',
  'payment-service',
];
const SPAN_KIND = { SERVER: 2, CONSUMER: 5 } as const;

/** A W3C traceparent the test starts its trace with, so it knows the trace id to look for. */
function newTraceparent() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}

const byService = (spans: ReceivedSpan[], service: string) =>
  spans.filter((span) => span.service === service);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const REPO_ROOT = join(__dirname, '..', '..');

describe('trace context across the services', () => {
  const receiver = new OtlpReceiver();
  let adminToken: string;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    // Export every 200 ms instead of every 5 s, so the test waits for spans briefly.
    await restartServices(TRACED, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' });
    const login = await expectCall('user', 'POST', '/api/auth/login', 200, {
      body: {
        email: process.env.ADMIN_EMAIL ?? 'admin@shop.local',
        password: process.env.ADMIN_PASSWORD ?? 'admin-password-change-me',
      },
    });
    adminToken = login.body.accessToken;
  });

  afterAll(async () => {
    // Back to how start:native runs them: no exporter.
    await restartServices(TRACED, {
      OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
      OTEL_BSP_SCHEDULE_DELAY: undefined,
    });
    await receiver.stop();
  });

  it('an item added to a cart: the product and stock look-ups are children of the cart request', async () => {
    // A product in stock: the newest products may be ones other tests sold out.
    const page = await expectCall('product', 'GET', '/api/products?limit=50', 200);
    const inStock: { id: string }[] = [];
    for (const item of page.body.items as { id: string }[]) {
      const stock = await expectCall('inventory', 'GET', `/api/inventory/${item.id}`, [200, 404]);
      if (stock.status === 200 && stock.body.available > 0) inStock.push(item);
    }
    const product = inStock[Math.floor(Math.random() * inStock.length)];
    const trace = newTraceparent();
    await expectCall('cart', 'POST', '/api/cart/items', [200, 201], {
      headers: { traceparent: trace.header },
      body: { productId: product.id, quantity: 1 },
    });

    const spans = await eventually(
      () => {
        const found = receiver.trace(trace.traceId);
        expect(new Set(found.map((span) => span.service))).toEqual(
          new Set(['cart-service', 'product-service', 'inventory-service']),
        );
        return found;
      },
      { timeoutMs: 15_000 },
    );
    const cartSpans = byService(spans, 'cart-service');
    const cartRequest = cartSpans.find((span) => span.kind === SPAN_KIND.SERVER);
    expect(cartRequest?.parentSpanId).toBe(trace.spanId);
    const cartSpanIds = new Set(cartSpans.map((span) => span.spanId));
    for (const upstream of ['product-service', 'inventory-service']) {
      const served = byService(spans, upstream).filter((span) => span.kind === SPAN_KIND.SERVER);
      expect(served.length).toBeGreaterThan(0);
      for (const span of served) expect(cartSpanIds.has(span.parentSpanId ?? '')).toBe(true);
    }
  });

  it('a product created by an admin: its event is consumed by search- and inventory-service within the same trace', async () => {
    const categories = await expectCall('product', 'GET', '/api/categories', 200);
    const categoryId = (Array.isArray(categories.body) ? categories.body : categories.body.items)[0].id;
    const trace = newTraceparent();
    const sku = `TRACE-${randomUUID().slice(0, 8)}`;
    await expectCall('product', 'POST', '/api/products', 201, {
      token: adminToken,
      headers: { traceparent: trace.header },
      body: {
        sku,
        name: `Traced product ${sku}`,
        description: 'Proves trace propagation through Kafka.',
        categoryId,
        price: { amount: 1_999, currency: 'EUR' },
      },
    });

    const spans = await eventually(
      () => {
        const found = receiver.trace(trace.traceId);
        for (const consumer of ['search-service', 'inventory-service']) {
          expect(byService(found, consumer).some((span) => span.kind === SPAN_KIND.CONSUMER)).toBe(true);
        }
        return found;
      },
      { timeoutMs: 20_000 },
    );
    const productRequest = byService(spans, 'product-service').find((span) => span.kind === SPAN_KIND.SERVER);
    expect(productRequest?.parentSpanId).toBe(trace.spanId);
    // Each consumer span continues the span of product-service that wrote the event (its
    // traceparent travelled in the Kafka headers), not a new root nor the relay's loop.
    const producerSpanIds = new Set(byService(spans, 'product-service').map((span) => span.spanId));
    const consumers = spans.filter((span) => span.kind === SPAN_KIND.CONSUMER);
    expect(
      consumers
        .filter((span) => !producerSpanIds.has(span.parentSpanId ?? ''))
        .map((span) => `${span.service} ${span.name} <- ${span.parentSpanId}`),
    ).toEqual([]);
  });
  it('one checkout, one trace: each saga step is a child of the span that sent its message', async () => {
    const email = `trace-${randomUUID()}@example.com`;
    await expectCall('user', 'POST', '/api/auth/register', 201, {
      body: { email, password: 'trace-password-1', name: 'Trace Buyer' },
    });
    const token = (
      await expectCall('user', 'POST', '/api/auth/login', 200, {
        body: { email, password: 'trace-password-1' },
      })
    ).body.accessToken;
    const page = await expectCall('product', 'GET', '/api/products?limit=50', 200);
    const stocked = await Promise.all(
      (page.body.items as { id: string }[]).map(async (item) => ({
        id: item.id,
        available: (await expectCall('inventory', 'GET', `/api/inventory/${item.id}`, 200)).body
          .available as number,
      })),
    );
    const product = stocked.sort((a, b) => b.available - a.available)[0];
    expect(product.available).toBeGreaterThan(0);
    const trace = newTraceparent();
    const placed = await expectCall('order', 'POST', '/api/orders', 202, {
      token,
      headers: { traceparent: trace.header, 'idempotency-key': randomUUID() },
      body: {
        items: [{ productId: product.id, quantity: 1 }],
        paymentMethod: 'pm_card_visa',
        shippingAddress: { line1: '1 Trace Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
      },
    });
    for (;;) {
      const order = await expectCall('order', 'GET', `/api/orders/${placed.body.id}`, 200, { token });
      if (order.body.status === 'CONFIRMED') break;
      expect({ status: order.body.status, reason: order.body.cancellationReason }).toEqual({
        status: expect.stringMatching(/^(PENDING|AWAITING_PAYMENT|RESERVED|PAYMENT_AUTHORIZED)$/),
        reason: undefined,
      });
      await sleep(200);
    }

    // The saga's chain, each step a child of the span that sent its message:
    // POST /api/orders -> inventory.reserve -> inventory.reserved -> payment.authorize -> payment.succeeded.
    const chain: [service: string, message: string, parentService: string][] = [
      ['inventory-service', 'inventory.reserve', 'order-service'],
      ['order-service', 'inventory.reserved', 'inventory-service'],
      ['payment-service', 'payment.authorize', 'order-service'],
      ['order-service', 'payment.succeeded', 'payment-service'],
    ];
    const spans = await eventually(
      () => {
        const found = receiver.trace(trace.traceId);
        for (const [service, message, parentService] of chain) {
          const parents = new Set(byService(found, parentService).map((span) => span.spanId));
          const step = byService(found, service).filter(
            (span) => span.kind === SPAN_KIND.CONSUMER && span.name.endsWith(message),
          );
          expect({ message, consumed: step.length > 0 }).toEqual({ message, consumed: true });
          expect({
            message,
            childOf: parentService,
            ok: step.some((span) => parents.has(span.parentSpanId ?? '')),
          }).toEqual({ message, childOf: parentService, ok: true });
        }
        return found;
      },
      { timeoutMs: 20_000 },
    );
    const orderRequest = byService(spans, 'order-service').find((span) => span.kind === SPAN_KIND.SERVER);
    expect(orderRequest?.parentSpanId).toBe(trace.spanId);

    // The logs of those steps carry the same trace id, so one id finds the spans and the log lines.
    const transitions = readFileSync(
      join(REPO_ROOT, '.infra', 'logs', 'services', 'order-service.log'),
      'utf8',
    )
      .split('\n')
      .filter((line) => line.includes(placed.body.id) && line.includes('saga transition'))
      .map((line) => JSON.parse(line) as { traceId?: string; to: string });
    expect(transitions.map((line) => line.to)).toEqual(['AWAITING_PAYMENT', 'CONFIRMED']);
    expect(new Set(transitions.map((line) => line.traceId))).toEqual(new Set([trace.traceId]));
  });
});
