import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { EventConsumer, type EventConsumerOptions } from '../consumer/event-consumer';
import type { MessagingLogger } from '../logger';
import { MESSAGING_LOGGER, MESSAGING_OPTIONS } from './tokens';
import type { MessagingModuleOptions } from './messaging-options';

/** What a service passes to `EventConsumers.register`; the group defaults to the service name. */
export type ConsumerRegistration = Omit<EventConsumerOptions, 'kafka' | 'logger' | 'groupId'> & { groupId?: string };

/**
 * Starts the service's consumers and stops them on shutdown. Call `register` from the service's own
 * `onApplicationBootstrap`, so consumption starts only once every provider is ready:
 *
 * ```ts
 * async onApplicationBootstrap() {
 *   await this.consumers.register({
 *     topics: [Topics.inventoryEvents],
 *     database: this.db,
 *     handlers: { 'inventory.reserved': (event, tx) => this.saga.onReserved(event, tx!) },
 *   });
 * }
 * ```
 */
@Injectable()
export class EventConsumers implements BeforeApplicationShutdown {
  private readonly consumers: EventConsumer[] = [];

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(MESSAGING_LOGGER) private readonly logger: MessagingLogger,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
  ) {}

  async register(spec: ConsumerRegistration): Promise<EventConsumer> {
    const consumer = new EventConsumer({ ...spec, groupId: spec.groupId ?? this.options.serviceName, kafka: this.kafka, logger: this.logger });
    this.consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  // Before the database pool closes (onApplicationShutdown): the batch in flight still commits.
  async beforeApplicationShutdown(): Promise<void> {
    const consumers = this.consumers.splice(0);
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  }
}
