import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { BACKGROUND_WORK_STATUS, createLogger } from '@ecommerce/observability';
import { Kafka } from 'kafkajs';
import { createKafka } from '../kafka';
import type { MessagingLogger } from '../logger';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { topicPrefixFromEnv } from '../topic-prefix';
import { EventConsumers } from './event-consumers';
import { KafkaHealth } from './kafka-health';
import type { MessagingModuleOptions } from './messaging-options';
import { OutboxRelayRunner } from './outbox-relay.runner';
import { MESSAGING_LOGGER, MESSAGING_OPTIONS } from './tokens';

/**
 * Wires the framework-free messaging classes into a Nest application: `Outbox`, the `Kafka` client,
 * the `OutboxRelay` (null without a `Database` or with `relay: false`), `EventConsumers` and
 * `KafkaHealth`. Global, so feature modules inject them without importing anything.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(given: MessagingModuleOptions): DynamicModule {
    // Resolved once, so the relay, the consumers and whoever reads MESSAGING_OPTIONS (the token
    // revocation feed) agree on one prefix, and a bad one stops the start.
    const options: MessagingModuleOptions & { topicPrefix: string } = {
      ...given,
      topicPrefix:
        given.topicPrefix === undefined
          ? topicPrefixFromEnv()
          : topicPrefixFromEnv({ KAFKA_TOPIC_PREFIX: given.topicPrefix }),
    };
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: MESSAGING_LOGGER,
          // The service's own logger by default, so messaging lines carry the correlation id too.
          useValue: options.logger ?? createLogger(options.serviceName),
        },
        {
          provide: Kafka,
          useFactory: (logger: MessagingLogger) =>
            createKafka({ clientId: options.serviceName, brokers: options.brokers, logger }),
          inject: [MESSAGING_LOGGER],
        },
        { provide: Outbox, useFactory: () => new Outbox(options.serviceName, options.outbox) },
        {
          provide: OutboxRelay,
          // Database is optional: a service without PostgreSQL (cart, search) has no outbox to relay.
          useFactory: (kafka: Kafka, logger: MessagingLogger, database?: Database): OutboxRelay | null =>
            options.relay === false || !database
              ? null
              : new OutboxRelay({
                  ...options.relayOptions,
                  topicPrefix: options.topicPrefix,
                  database,
                  kafka,
                  logger,
                  name: options.relayOptions?.name ?? `${options.serviceName}:outbox-relay`,
                }),
          inject: [Kafka, MESSAGING_LOGGER, { token: Database, optional: true }],
        },
        OutboxRelayRunner,
        EventConsumers,
        // HealthModule shows consumers stuck on an infrastructure error under `degraded`.
        {
          provide: BACKGROUND_WORK_STATUS,
          useFactory: (consumers: EventConsumers) => consumers.backgroundStatus(),
          inject: [EventConsumers],
        },
        {
          provide: KafkaHealth,
          useFactory: (logger: MessagingLogger) =>
            new KafkaHealth(
              createKafka({
                clientId: `${options.serviceName}-health`,
                brokers: options.brokers,
                logger,
                retry: { retries: 0 },
                connectionTimeoutMs: 1_000,
              }),
            ),
          inject: [MESSAGING_LOGGER],
        },
      ],
      exports: [
        MESSAGING_OPTIONS,
        MESSAGING_LOGGER,
        Kafka,
        Outbox,
        OutboxRelay,
        EventConsumers,
        KafkaHealth,
        BACKGROUND_WORK_STATUS,
      ],
    };
  }
}
