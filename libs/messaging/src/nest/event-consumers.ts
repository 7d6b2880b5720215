import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Database } from '@ecommerce/database';
import type { BackgroundWorkStatus } from '@ecommerce/observability';
import {
  EventConsumer,
  type EventConsumerOptions,
  type EventConsumerStatus,
} from '../consumer/event-consumer';
import type { MessagingLogger } from '../logger';
import { MESSAGING_LOGGER, MESSAGING_OPTIONS } from './tokens';
import type { MessagingModuleOptions } from './messaging-options';

/**
 * What a service passes to `EventConsumers.register`: contract topic names and the group's plain
 * name (default: the service name); MessagingModule's `topicPrefix` is put before both. With
 * `database`, handlers receive the inbox transaction as `tx: Tx`; without, `tx` is `undefined`.
 */
export type ConsumerRegistration<D extends Database | undefined = Database | undefined> = Omit<
  EventConsumerOptions<D>,
  'kafka' | 'logger' | 'groupId' | 'topicPrefix'
> & {
  groupId?: string;
};

/**
 * Starts the service's consumers and stops them on shutdown. Call `register` from the service's own
 * `onApplicationBootstrap`, so consumption starts only once every provider is ready:
 *
 * ```ts
 * async onApplicationBootstrap() {
 *   await this.consumers.register({
 *     topics: [Topics.inventoryEvents],
 *     database: this.db,
 *     handlers: { 'inventory.reserved': (event, tx) => this.saga.onReserved(event, tx) },
 *   });
 * }
 * ```
 */
@Injectable()
export class EventConsumers implements BeforeApplicationShutdown {
  private readonly consumers: Array<EventConsumer<Database | undefined>> = [];

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(MESSAGING_LOGGER) private readonly logger: MessagingLogger,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
  ) {}

  async register<D extends Database | undefined = undefined>(
    spec: ConsumerRegistration<D>,
  ): Promise<EventConsumer<D>> {
    const consumer = new EventConsumer<D>({
      ...spec,
      groupId: spec.groupId ?? this.options.serviceName,
      topicPrefix: this.options.topicPrefix,
      kafka: this.kafka,
      logger: this.logger,
    });
    this.consumers.push(consumer as unknown as EventConsumer<Database | undefined>);
    await consumer.start();
    return consumer;
  }

  /** What each consumer is doing: a partition listed under `waiting` is stuck on an infrastructure error. */
  status(): EventConsumerStatus[] {
    return this.consumers.map((consumer) => consumer.status());
  }

  /**
   * For readiness (`BACKGROUND_WORK_STATUS`, provided by MessagingModule): a consumer waiting for
   * infrastructure makes the service degraded, not unready (its HTTP side may well work), so it shows
   * under `degraded` in `/health/ready` and in `health_dependency_up{dependency="event-consumers"}`.
   */
  backgroundStatus(): BackgroundWorkStatus {
    return {
      name: 'event-consumers',
      degraded: () => {
        const waiting = this.status().flatMap((status) =>
          status.waiting.map((partition) => ({ groupId: status.groupId, ...partition })),
        );
        return waiting.length > 0 ? { waiting } : undefined;
      },
    };
  }

  // Before the database pool closes (onApplicationShutdown): the batch in flight still commits.
  async beforeApplicationShutdown(): Promise<void> {
    const consumers = this.consumers.splice(0);
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  }
}
