import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from '@ecommerce/contracts';
import { TransientError } from '@ecommerce/errors';
import { EventConsumer, NonRetryableError, type EventHandlers } from '@ecommerce/messaging';
import { eventually } from '@ecommerce/testing';
import type { Kafka, Producer } from 'kafkajs';
import { register } from 'prom-client';
import { openTestDatabase, type TestDatabase } from './support/database';
import { memoryLogger, testKafka, TestTopics, TopicCollector, waitForGroupCaughtUp } from './support/kafka';

jest.setTimeout(60_000);

let db: TestDatabase;
let kafka: Kafka;
let topics: TestTopics;
let producer: Producer;
const stoppables: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  db = await openTestDatabase();
  kafka = testKafka();
  topics = new TestTopics(kafka);
  producer = kafka.producer();
  await producer.connect();
});

afterEach(async () => {
  await Promise.all(stoppables.splice(0).map((s) => s.stop()));
});

afterAll(async () => {
  await producer?.disconnect();
  await topics?.drop();
  await db?.close();
});

const stockChanged = (productId: string, available: number): EventEnvelope<{ available: number }> =>
  createEnvelope(
    { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available } },
    { source: 'messaging-test' },
  );

/** One send, so the consumer fetches them as one partition batch. */
async function sendAll(topic: string, key: string, events: EventEnvelope[]): Promise<void> {
  await producer.send({
    topic,
    messages: events.map((event) => ({
      key,
      value: JSON.stringify(event),
      headers: { type: event.type },
    })),
  });
}

async function startBatchConsumer(
  topic: string,
  handlers: EventHandlers,
  groupId = `msgtest-batch-${randomUUID()}`,
): Promise<{ consumer: EventConsumer; groupId: string }> {
  const consumer = new EventConsumer({
    kafka,
    groupId,
    topics: [topic],
    database: db.database,
    batchSize: 50,
    logger: memoryLogger(),
    backoff: { initialMs: 10, maxMs: 40 },
    transientBackoff: { initialMs: 20, maxMs: 100 },
    handlers,
  });
  stoppables.push(consumer);
  await consumer.start();
  return { consumer, groupId };
}

const recordEffect = async (event: EventEnvelope<{ available?: number }>, tx: unknown) => {
  await (tx as { query(sql: string, params: unknown[]): Promise<unknown> }).query(
    'INSERT INTO effects (event_id, aggregate, value) VALUES ($1, $2, $3)',
    [event.id, event.aggregateId, event.data.available ?? 0],
  );
};

/** Event ids of the effects on `aggregate`, in the order they were written. */
const appliedOrder = async (aggregate: string) =>
  (
    await db.query<{ event_id: string }>('SELECT event_id FROM effects WHERE aggregate = $1 ORDER BY seq', [
      aggregate,
    ])
  ).map((row) => row.event_id);

async function counter(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await register.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((value) => Object.entries(labels).every(([k, v]) => value.labels[k] === v))
    .reduce((sum, value) => sum + value.value, 0);
}

it('applies a batch with a poison event in the middle: the others once and in order, the poison on the DLQ', async () => {
  const topic = await topics.create('batch-poison', 1);
  const product = randomUUID();
  const events = [1, 2, 3, 4, 5].map((available) => stockChanged(product, available));
  const poison = events[2];
  await sendAll(topic, product, events);
  const dlq = await new TopicCollector(kafka, [`${topic}.dlq`]).start();
  stoppables.push(dlq);

  const { groupId } = await startBatchConsumer(topic, {
    'inventory.stock-changed': async (event, tx) => {
      await recordEffect(event, tx);
      if (event.id === poison.id) throw new NonRetryableError(`event ${event.id} can never apply`);
    },
  });
  const parked = await dlq.waitForCount(`${topic}.dlq`, 1);
  await waitForGroupCaughtUp(kafka, groupId, topic);

  expect(await appliedOrder(product)).toEqual([events[0].id, events[1].id, events[3].id, events[4].id]);
  expect(parked).toHaveLength(1);
  expect(JSON.parse(parked[0].value ?? '')).toMatchObject({ id: poison.id });
  expect(parked[0].headers).toMatchObject({ 'x-dlq-attempts': '1', 'x-dlq-original-offset': '2' });
  // It did take the batch path first, and fell back to one event per transaction to find the poison.
  expect(await counter('messaging_consumer_batches_total', { topic, result: 'fallback' })).toBe(1);
  expect(await counter('messaging_consumed_total', { topic, outcome: 'processed' })).toBe(4);
});

it('gives a redelivered batch no second effect', async () => {
  const topic = await topics.create('batch-redelivery', 1);
  const product = randomUUID();
  const events = [1, 2, 3, 4].map((available) => stockChanged(product, available));
  await sendAll(topic, product, events);
  const calls: string[] = [];
  const handlers: EventHandlers = {
    'inventory.stock-changed': async (event, tx) => {
      calls.push(event.id);
      await recordEffect(event, tx);
    },
  };
  const first = await startBatchConsumer(topic, handlers);
  await waitForGroupCaughtUp(kafka, first.groupId, topic);
  expect(await counter('messaging_consumer_batches_total', { topic, result: 'committed' })).toBe(1);
  await first.consumer.stop();

  // The same group reads the partition from the start again, as after a crash before the commit.
  const admin = kafka.admin();
  await admin.connect();
  await admin.resetOffsets({ groupId: first.groupId, topic, earliest: true });
  await admin.disconnect();
  // And one more copy of the whole batch arrives, as from a producer that retried.
  const sentinel = stockChanged(product, 9);
  await sendAll(topic, product, [...events, sentinel]);

  const again = await startBatchConsumer(topic, handlers, first.groupId);
  await waitForGroupCaughtUp(kafka, again.groupId, topic);

  expect(await appliedOrder(product)).toEqual([...events.map((event) => event.id), sentinel.id]);
  expect(calls).toEqual([...events.map((event) => event.id), sentinel.id]);
  expect(await counter('messaging_consumed_total', { topic, outcome: 'duplicate' })).toBe(8);
});

it('commits nothing of a batch that meets an outage midway, and applies it all once after recovery', async () => {
  const topic = await topics.create('batch-transient', 1);
  const product = randomUUID();
  const events = [1, 2, 3, 4, 5].map((available) => stockChanged(product, available));
  const unlucky = events[2];
  let outage = true;
  let failures = 0;
  await sendAll(topic, product, events);

  const { groupId, consumer } = await startBatchConsumer(topic, {
    'inventory.stock-changed': async (event, tx) => {
      await recordEffect(event, tx);
      if (event.id === unlucky.id && outage) {
        failures += 1;
        throw new TransientError('database is restarting');
      }
    },
  });
  // While the outage lasts, the events before the unlucky one may be applied (once each), it and
  // the ones behind it wait; its own write, made before the failure, never commits.
  await eventually(() => expect(failures).toBeGreaterThanOrEqual(3), { timeoutMs: 20_000 });
  expect(await appliedOrder(product)).toEqual([events[0].id, events[1].id]);
  expect(consumer.status().waiting).toEqual([expect.objectContaining({ topic, partition: 0, offset: '2' })]);

  outage = false;
  await waitForGroupCaughtUp(kafka, groupId, topic);
  expect(await appliedOrder(product)).toEqual(events.map((event) => event.id));
  expect(await counter('messaging_consumer_batches_total', { topic, result: 'fallback' })).toBe(1);
});
