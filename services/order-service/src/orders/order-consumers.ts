import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@ecommerce/contracts';
import { Database, type Tx } from '@ecommerce/database';
import { EventConsumers } from '@ecommerce/messaging';
import { createLogger } from '@ecommerce/observability';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from '../config';
import { ProductPrices } from '../pricing/product-prices';
import type { SagaEvent } from './order-saga';
import { OrderErrors } from './orders.errors';
import { SagaRunner } from './saga-runner';

/**
 * The saga's answers (inventory.events, payment.events) and the catalog's product.events, in one
 * group named after the service. Every event is keyed by its order (or product) id, so per-partition
 * order is per-order order and partitions can be handled in parallel. The events a poll brings from
 * a partition are applied in one transaction: for each, inbox row, order lock, new state, outbox.
 */
@Injectable()
export class OrderConsumers implements OnApplicationBootstrap {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly db: Database,
    private readonly consumers: EventConsumers,
    private readonly saga: SagaRunner,
    private readonly prices: ProductPrices,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.register({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.inventoryEvents, Topics.paymentEvents, Topics.productEvents],
      database: this.db,
      fromBeginning: this.config.KAFKA_FROM_BEGINNING,
      partitionsConsumedConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENCY,
      // The answers a poll brings from one partition share a transaction. A batch that fails, or
      // that PostgreSQL aborts in a rare deadlock with the other topic's batch for the same orders,
      // is applied again one answer per transaction.
      batchSize: this.config.ORDER_EVENT_BATCH_SIZE,
      handlers: {
        'inventory.reserved': (event, tx) =>
          this.step(tx, event.data.orderId, {
            type: 'RESERVED',
            reservationId: event.data.reservationId,
          }),
        'inventory.reservation-failed': (event, tx) =>
          this.step(tx, event.data.orderId, { type: 'RESERVATION_FAILED' }),
        'payment.succeeded': (event, tx) =>
          this.step(tx, event.data.orderId, {
            type: 'PAYMENT_SUCCEEDED',
            paymentId: event.data.paymentId,
            amount: event.data.amount,
          }),
        'payment.failed': (event, tx) =>
          this.step(tx, event.data.orderId, {
            type: 'PAYMENT_FAILED',
            paymentId: event.data.paymentId,
            reason: event.data.reason,
          }),
        'payment.refunded': (event, tx) =>
          this.step(tx, event.data.orderId, {
            type: 'PAYMENT_REFUNDED',
            paymentId: event.data.paymentId,
            amount: event.data.amount,
          }),
        'product.created': (event, tx) => this.prices.changed(tx, event),
        'product.updated': (event, tx) => this.prices.changed(tx, event),
        'product.deleted': (event, tx) => this.prices.deleted(tx, event),
      },
    });
  }

  private async step(tx: Tx, orderId: string, event: SagaEvent): Promise<void> {
    const outcome = await this.saga.apply(tx, orderId, event);
    if (outcome.kind === 'unknown_order') {
      // Not one of ours (another deployment's order, or one whose database was reset): nothing to do,
      // and parking it would only fill the DLQ.
      this.logger.warn({ orderId, event: event.type }, 'saga event for an unknown order ignored');
      return;
    }
    // An answer that cannot happen in this state points at a bug elsewhere: park it for a person.
    if (outcome.decision.kind === 'reject')
      throw OrderErrors.illegalTransition(outcome.decision.code, outcome.decision.reason);
  }
}
