import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics, type OrderEventData } from '@ecommerce/contracts';
import { Database, type Tx } from '@ecommerce/database';
import { EventConsumers } from '@ecommerce/messaging';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../config';
import { DirectoryRepository } from '../directory/user-directory.repository';
import { lowStockValues, orderValues, paymentFailedValues, welcomeValues } from './notification-content';
import { RecordNotificationsUseCase } from './record-notifications';

// With `database` every handler gets the transaction that also writes the inbox row.
const inTx = (tx: Tx | undefined): Tx => {
  if (!tx) throw new Error('notification handlers run inside the inbox transaction');
  return tx;
};

type OrderTemplate = 'order.confirmed' | 'order.cancelled' | 'order.shipped' | 'order.refunded';

/**
 * The Kafka entry points. One group for the four topics, named after the service, so replicas share
 * the partitions; each event is applied with its inbox row, so a redelivery records nothing twice.
 * Event types without a handler here (user.sessions-revoked, inventory.reserved, ...) are skipped.
 */
@Injectable()
export class NotificationConsumers implements OnApplicationBootstrap {
  constructor(
    private readonly db: Database,
    private readonly consumers: EventConsumers,
    private readonly record: RecordNotificationsUseCase,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const onOrder =
      (template: OrderTemplate) =>
      async (event: { id: string; data: OrderEventData }, tx: Tx | undefined) => {
        await DirectoryRepository.rememberOrder(inTx(tx), event.data.orderId, event.data.userId);
        await this.record.execute(
          inTx(tx),
          event.id,
          template,
          { kind: 'user', userId: event.data.userId },
          orderValues(event.data),
        );
      };
    await this.consumers.register({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.userEvents, Topics.orderEvents, Topics.paymentEvents, Topics.inventoryEvents],
      database: this.db,
      fromBeginning: this.config.KAFKA_FROM_BEGINNING,
      partitionsConsumedConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENCY,
      // The events a poll brings from one partition are recorded in one transaction; a batch that
      // fails is recorded again one event per transaction, so a bad event is parked alone.
      batchSize: this.config.NOTIFICATION_EVENT_BATCH_SIZE,
      handlers: {
        'user.registered': async (event, tx) => {
          await DirectoryRepository.registered(inTx(tx), event.data);
          await this.record.execute(
            inTx(tx),
            event.id,
            'user.registered',
            { kind: 'user', userId: event.data.userId, email: event.data.email },
            welcomeValues(event.data),
          );
        },
        'user.updated': (event, tx) => DirectoryRepository.updated(inTx(tx), event.data),
        'order.created': (event, tx) =>
          DirectoryRepository.rememberOrder(inTx(tx), event.data.orderId, event.data.userId),
        'order.confirmed': onOrder('order.confirmed'),
        'order.cancelled': onOrder('order.cancelled'),
        'order.shipped': onOrder('order.shipped'),
        'order.refunded': onOrder('order.refunded'),
        'payment.failed': async (event, tx) => {
          await this.record.execute(
            inTx(tx),
            event.id,
            'payment.failed',
            { kind: 'orderOwner', orderId: event.data.orderId },
            paymentFailedValues(event.data),
          );
        },
        'inventory.low-stock': async (event, tx) => {
          await this.record.execute(
            inTx(tx),
            event.id,
            'inventory.low-stock',
            { kind: 'admins' },
            lowStockValues(event.data),
          );
        },
      },
    });
  }
}
