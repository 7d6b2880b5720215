import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Database } from '@ecommerce/database';
import { BACKGROUND_WORK_STATUS, type BackgroundWorkStatus } from '@ecommerce/observability';
import { Kafka } from 'kafkajs';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { EventConsumers } from './event-consumers';
import { KafkaHealth } from './kafka-health';
import { MessagingModule } from './messaging.module';

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
