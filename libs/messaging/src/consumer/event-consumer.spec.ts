import type { EachBatchPayload, Kafka, ProducerRecord } from 'kafkajs';
import { EventConsumer } from './event-consumer';

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Just enough of kafkajs to see which names the consumer uses, and to hand it a batch. */
function fakeKafka() {
  const seen = {
    groupIds: [] as string[],
    subscribed: [] as string[][],
    sent: [] as ProducerRecord[],
    eachBatch: undefined as ((payload: EachBatchPayload) => Promise<void>) | undefined,
  };
  const kafka = {
    producer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (record: ProducerRecord) => void seen.sent.push(record),
    }),
    consumer: ({ groupId }: { groupId: string }) => {
      seen.groupIds.push(groupId);
      return {
        events: { CRASH: 'consumer.crash' },
        on: () => undefined,
        connect: async () => undefined,
        disconnect: async () => undefined,
        subscribe: async ({ topics }: { topics: string[] }) => void seen.subscribed.push(topics),
        run: async ({ eachBatch }: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
          seen.eachBatch = eachBatch;
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, seen };
}

const poisonBatch = (topic: string): EachBatchPayload =>
  ({
    batch: {
      topic,
      partition: 0,
      highWatermark: '1',
      messages: [{ offset: '0', key: Buffer.from('k'), value: Buffer.from('not json'), headers: {} }],
    },
    resolveOffset: () => undefined,
    heartbeat: async () => undefined,
    commitOffsetsIfNecessary: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
  }) as unknown as EachBatchPayload;

describe('EventConsumer with a topic prefix', () => {
  it('subscribes to the prefixed topics in a prefixed group and parks on the prefixed DLQ', async () => {
    const { kafka, seen } = fakeKafka();
    const consumer = new EventConsumer({
      kafka,
      logger: silent,
      groupId: 'search-service',
      topics: ['product.events', 'inventory.events'],
      topicPrefix: 'staging.',
      handlers: { 'product.created': async () => undefined },
    });
    await consumer.start();
    expect(seen.groupIds).toEqual(['staging.search-service']);
    expect(seen.subscribed).toEqual([['staging.product.events', 'staging.inventory.events']]);
    expect(consumer.status()).toMatchObject({
      groupId: 'staging.search-service',
      topics: ['staging.product.events', 'staging.inventory.events'],
    });

    await seen.eachBatch!(poisonBatch('staging.product.events'));
    expect(seen.sent).toHaveLength(1);
    expect(seen.sent[0]!.topic).toBe('staging.product.events.dlq');
    expect(seen.sent[0]!.messages[0]!.headers).toMatchObject({
      'x-dlq-original-topic': 'staging.product.events',
      'x-dlq-consumer-group': 'staging.search-service',
    });
    await consumer.stop();
  });

  it('uses the names as given without one', async () => {
    const { kafka, seen } = fakeKafka();
    const consumer = new EventConsumer({
      kafka,
      logger: silent,
      groupId: 'search-service',
      topics: ['product.events'],
      handlers: { 'product.created': async () => undefined },
    });
    await consumer.start();
    expect(seen.groupIds).toEqual(['search-service']);
    expect(seen.subscribed).toEqual([['product.events']]);
    await seen.eachBatch!(poisonBatch('product.events'));
    expect(seen.sent[0]!.topic).toBe('product.events.dlq');
    await consumer.stop();
  });
});
