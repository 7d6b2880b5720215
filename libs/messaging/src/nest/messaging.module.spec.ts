import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Database } from '@ecommerce/database';
import { BACKGROUND_WORK_STATUS, type BackgroundWorkStatus } from '@ecommerce/observability';
import { Kafka } from 'kafkajs';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { EventConsumers } from './event-consumers';
import { KafkaHealth } from './kafka-health';
import type { MessagingModuleOptions } from './messaging-options';
import { MessagingModule } from './messaging.module';
import { MESSAGING_LOGGER, MESSAGING_OPTIONS } from './tokens';

const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

describe('MessagingModule', () => {
  it('provides the messaging classes, and no relay without a Database', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ serviceName: 'test-service', brokers: '127.0.0.1:1', logger })],
    }).compile();
    expect(moduleRef.get(Outbox)).toBeInstanceOf(Outbox);
    expect(moduleRef.get(Kafka)).toBeInstanceOf(Kafka);
    expect(moduleRef.get(EventConsumers)).toBeInstanceOf(EventConsumers);
    expect(moduleRef.get(KafkaHealth)).toBeInstanceOf(KafkaHealth);
    expect(moduleRef.get(OutboxRelay)).toBeNull();
    // Readiness reads the consumers' state through this token; nothing waits, so nothing is degraded.
    const background = moduleRef.get<BackgroundWorkStatus>(BACKGROUND_WORK_STATUS);
    expect(background.name).toBe('event-consumers');
    expect(background.degraded()).toBeUndefined();
    await moduleRef.close();
  });

  it("logs through the service's own pino logger when given none, so its lines carry correlation ids", async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ serviceName: 'test-service', brokers: '127.0.0.1:1' })],
    }).compile();
    const defaultLogger = moduleRef.get<{ bindings?: () => Record<string, unknown> }>(MESSAGING_LOGGER);
    // createLogger's pino instance (its mixin adds the correlation id), not a plain console writer.
    expect(defaultLogger.bindings?.()).toEqual({ service: 'test-service' });
    await moduleRef.close();
  });

  it('reports an unreachable Kafka as unhealthy within the timeout', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ serviceName: 'test-service', brokers: ['127.0.0.1:1'], logger })],
    }).compile();
    const started = Date.now();
    await expect(moduleRef.get(KafkaHealth).isHealthy(500)).resolves.toBe(false);
    await expect(moduleRef.get(KafkaHealth).check(500)).rejects.toThrow('do not answer');
    expect(Date.now() - started).toBeLessThan(5_000);
    await moduleRef.close();
  });
});

describe('MessagingModule with a Database', () => {
  @Global()
  @Module({
    providers: [
      { provide: Database, useValue: { dataSource: { options: { type: 'postgres', host: '127.0.0.1' } } } },
    ],
    exports: [Database],
  })
  class FakeDatabaseModule {}

  it('provides a relay', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeDatabaseModule,
        MessagingModule.forRoot({ serviceName: 'test-service', brokers: '127.0.0.1:1', logger }),
      ],
    }).compile();
    expect(moduleRef.get(OutboxRelay)).toBeInstanceOf(OutboxRelay);
    await moduleRef.close();
  });

  it('provides none with relay: false', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeDatabaseModule,
        MessagingModule.forRoot({
          serviceName: 'test-service',
          brokers: '127.0.0.1:1',
          logger,
          relay: false,
        }),
      ],
    }).compile();
    expect(moduleRef.get(OutboxRelay)).toBeNull();
    await moduleRef.close();
  });
});

describe('MessagingModule topic prefix', () => {
  const saved = process.env.KAFKA_TOPIC_PREFIX;
  afterEach(() => {
    if (saved === undefined) delete process.env.KAFKA_TOPIC_PREFIX;
    else process.env.KAFKA_TOPIC_PREFIX = saved;
  });

  const optionsOf = async (options: Partial<MessagingModuleOptions>) => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRoot({ serviceName: 'test-service', brokers: '127.0.0.1:1', logger, ...options }),
      ],
    }).compile();
    const resolved = moduleRef.get<MessagingModuleOptions>(MESSAGING_OPTIONS);
    await moduleRef.close();
    return resolved;
  };

  it('takes KAFKA_TOPIC_PREFIX unless one is given, and shares it through MESSAGING_OPTIONS', async () => {
    delete process.env.KAFKA_TOPIC_PREFIX;
    expect((await optionsOf({})).topicPrefix).toBe('');
    process.env.KAFKA_TOPIC_PREFIX = 'from-env.';
    expect((await optionsOf({})).topicPrefix).toBe('from-env.');
    expect((await optionsOf({ topicPrefix: 'given.' })).topicPrefix).toBe('given.');
  });

  it('refuses an invalid prefix at start', () => {
    expect(() => MessagingModule.forRoot({ serviceName: 'test-service', topicPrefix: 'Not Valid' })).toThrow(
      'KAFKA_TOPIC_PREFIX',
    );
  });

  it('registers consumers on the prefixed topics and group', async () => {
    const groups: string[] = [];
    const topics: string[][] = [];
    const fake = {
      producer: () => ({ connect: async () => undefined, disconnect: async () => undefined }),
      consumer: ({ groupId }: { groupId: string }) => {
        groups.push(groupId);
        return {
          events: { CRASH: 'consumer.crash' },
          on: () => undefined,
          connect: async () => undefined,
          disconnect: async () => undefined,
          subscribe: async (spec: { topics: string[] }) => void topics.push(spec.topics),
          run: async () => undefined,
        };
      },
    };
    const moduleRef = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ serviceName: 'cart-service', logger, topicPrefix: 'demo.' })],
    })
      .overrideProvider(Kafka)
      .useValue(fake)
      .compile();
    await moduleRef.get(EventConsumers).register({
      topics: ['order.events'],
      handlers: { 'order.confirmed': async () => undefined },
    });
    expect(groups).toEqual(['demo.cart-service']);
    expect(topics).toEqual([['demo.order.events']]);
    await moduleRef.close();
  });
});
