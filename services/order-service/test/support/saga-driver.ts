import { randomUUID } from 'node:crypto';
import type { EventEnvelope, OrderStatus } from '@ecommerce/contracts';
import { eventually, type TopicRecorder } from '@ecommerce/testing';
import request from 'supertest';
import type { TestApp } from './app';
import { orderBody, orderRow, seedProduct } from './fixtures';
import type { TestPublisher } from '@ecommerce/testing';

/** Places orders through the API and plays inventory-service and payment-service on Kafka. */
export class SagaDriver {
  constructor(
    private readonly t: TestApp,
    private readonly publisher: TestPublisher,
    private readonly recorder: TopicRecorder,
  ) {}

  async place(
    auth: string,
    options: { quantity?: number; amount?: number } = {},
  ): Promise<{ orderId: string; productId: string }> {
    const productId = await seedProduct(this.t.db, {
      price: { amount: options.amount ?? 1000, currency: 'EUR' },
    });
    const response = await request(this.t.http)
      .post('/api/orders')
      .set('Authorization', auth)
      .set('Idempotency-Key', randomUUID())
      .send(orderBody([{ productId, quantity: options.quantity ?? 2 }]));
    if (response.status !== 202)
      throw new Error(`POST /api/orders answered ${response.status}: ${response.text}`);
    return { orderId: response.body.id as string, productId };
  }

  reserved(orderId: string, productId: string, reservationId: string = randomUUID()) {
    return this.publisher.publish(
      'inventory.reserved',
      orderId,
      { orderId, reservationId, items: [{ productId, quantity: 2, warehouseId: randomUUID() }] },
      'inventory-service',
    );
  }

  reservationFailed(orderId: string, productId: string) {
    return this.publisher.publish(
      'inventory.reservation-failed',
      orderId,
      { orderId, reason: 'OUT_OF_STOCK', items: [{ productId, requested: 2, available: 0 }] },
      'inventory-service',
    );
  }

  succeeded(orderId: string, paymentId: string = randomUUID(), amount = 2000) {
    return this.publisher.publish(
      'payment.succeeded',
      orderId,
      {
        orderId,
        paymentId,
        amount: { amount, currency: 'EUR' },
        provider: 'sandbox',
        providerRef: `ch_${paymentId.slice(0, 8)}`,
      },
      'payment-service',
    );
  }

  failed(
    orderId: string,
    reason: 'DECLINED' | 'FRAUD_SUSPECTED' | 'PROVIDER_ERROR',
    paymentId: string = randomUUID(),
  ) {
    return this.publisher.publish(
      'payment.failed',
      orderId,
      { orderId, paymentId, reason },
      'payment-service',
    );
  }

  refunded(orderId: string, paymentId: string, amount = 2000) {
    return this.publisher.publish(
      'payment.refunded',
      orderId,
      { orderId, paymentId, amount: { amount, currency: 'EUR' } },
      'payment-service',
    );
  }

  /** Waits until the order is in `status` (and, when given, has that cancellation reason). */
  status(orderId: string, status: OrderStatus, reason?: string) {
    return eventually(
      async () => {
        const row = await orderRow(this.t.db, orderId);
        expect(row.status).toBe(status);
        if (reason) expect(row.cancellationReason).toBe(reason);
        return row;
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
  }

  /** Waits until the order's messages of `type` number `count`, and returns them. */
  messages(orderId: string, type: string, count = 1): Promise<EventEnvelope[]> {
    return eventually(
      () => {
        const found = this.recorder.ofType(type, orderId).map((message) => message.envelope);
        if (found.length < count)
          throw new Error(`${found.length} ${type} for ${orderId}, expected ${count}`);
        return found;
      },
      { timeoutMs: 15_000 },
    );
  }

  /** Waits until the consumer has handled the event (its inbox row committed). */
  processed(eventId: string) {
    return eventually(async () => {
      const rows: unknown[] = await this.t.db.manager.query(
        `SELECT 1 FROM inbox_messages WHERE event_id = $1`,
        [eventId],
      );
      if (rows.length === 0) throw new Error(`event ${eventId} not processed yet`);
    });
  }

  async timeline(orderId: string): Promise<{ status: string; detail?: string }[]> {
    return (await this.t.db.manager.query(
      `SELECT status, detail FROM order_timeline WHERE order_id = $1 ORDER BY id`,
      [orderId],
    )) as { status: string; detail?: string }[];
  }
}
