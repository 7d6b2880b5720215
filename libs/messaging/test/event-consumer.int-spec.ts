import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from '@ecommerce/contracts';
import { eventually } from '@ecommerce/testing';
import { EventConsumer, NonRetryableError, type EventConsumerOptions } from '@ecommerce/messaging';
import type { Kafka, Producer } from 'kafkajs';
import { register } from 'prom-client';
import { openTestDatabase, type TestDatabase } from './support/database';
import { memoryLogger, testKafka, TestTopics, TopicCollector, waitForGroupCaughtUp } from './support/kafka';

jest.setTimeout(45_000);

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

const stockChanged = (productId: string, available: number): EventEnvelope =>
  createEnvelope(
    { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available } },
    { source: 'messaging-test' },
  );

const lowStock = (productId: string): EventEnvelope =>
  createEnvelope(
    { type: 'inventory.low-stock', aggregateId: productId, data: { productId, available: 1, threshold: 5 } },
    { source: 'messaging-test' },
  );

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

async function send(topic: string, key: string, value: string): Promise<void> {
  await producer.send({
    topic,
    messages: [{ key, value, headers: { type: 'inventory.stock-changed', traceparent: TRACEPARENT } }],
  });
}

async function startConsumer(
  options: Omit<EventConsumerOptions, 'kafka' | 'logger' | 'groupId'>,
): Promise<{ consumer: EventConsumer; groupId: string }> {
  const groupId = `msgtest-${randomUUID()}`;
  const consumer = new EventConsumer({
    kafka,
    groupId,
    logger: memoryLogger(),
    backoff: { initialMs: 10, maxMs: 40 },
    ...options,
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

const effectsOf = (eventId: string) => db.query('SELECT seq FROM effects WHERE event_id = $1', [eventId]);

async function counter(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await register.getSingleMetric(name)?.get();
  return (
    metric?.values
      .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
      .reduce((sum, v) => sum + v.value, 0) ?? 0
  );
}

it('applies an event delivered twice only once (inbox)', async () => {
  const topic = await topics.create('consumer-dedupe');
  const product = randomUUID();
  const twice = stockChanged(product, 7);
  const sentinel = stockChanged(product, 8);
  await send(topic, product, JSON.stringify(twice));
  await send(topic, product, JSON.stringify(twice));
  await send(topic, product, JSON.stringify(sentinel));

  const calls: string[] = [];
  const { groupId } = await startConsumer({
    topics: [topic],
    database: db.database,
    handlers: {
      'inventory.stock-changed': async (event, tx) => {
        calls.push(event.id);
        await recordEffect(event, tx);
      },
    },
  });
  await waitForGroupCaughtUp(kafka, groupId, topic);

  expect(await effectsOf(twice.id)).toHaveLength(1);
  expect(await effectsOf(sentinel.id)).toHaveLength(1);
  expect(calls).toEqual([twice.id, sentinel.id]);
  expect(await counter('messaging_consumed_total', { topic, outcome: 'duplicate' })).toBe(1);
  expect(await counter('messaging_consumed_total', { topic, outcome: 'processed' })).toBe(2);
});

it('parks poison messages on the DLQ at once and goes on with the next message', async () => {
  const topic = await topics.create('consumer-poison', 1);
  const product = randomUUID();
  const invalid = { ...stockChanged(product, 1), data: { productId: product, available: -5 } };
  const good = stockChanged(product, 2);
  await send(topic, product, 'this is { not json');
  await send(topic, product, JSON.stringify(invalid));
  await send(topic, product, JSON.stringify(good));

  const dlq = await new TopicCollector(kafka, [`${topic}.dlq`]).start();
  stoppables.push(dlq);
  const handled: string[] = [];
  const { groupId } = await startConsumer({
    topics: [topic],
    database: db.database,
    handlers: {
      'inventory.stock-changed': async (event, tx) => {
        handled.push(event.id);
        await recordEffect(event, tx);
      },
    },
  });

  const parked = await dlq.waitForCount(`${topic}.dlq`, 2);
  await waitForGroupCaughtUp(kafka, groupId, topic);
  expect(handled).toEqual([good.id]);
  expect(await effectsOf(good.id)).toHaveLength(1);

  const [garbage, violation] = parked;
  expect(garbage?.value).toBe('this is { not json');
  expect(garbage?.key).toBe(product);
  expect(garbage?.headers).toMatchObject({
    type: 'inventory.stock-changed',
    traceparent: TRACEPARENT,
    'x-dlq-attempts': '1',
    'x-dlq-original-topic': topic,
    'x-dlq-original-partition': '0',
    'x-dlq-original-offset': '0',
    'x-dlq-consumer-group': groupId,
  });
  expect(garbage?.headers['x-dlq-error']).toMatch(/PoisonMessageError: value is not JSON/);
  expect(Date.parse(garbage?.headers['x-dlq-failed-at'] ?? '')).not.toBeNaN();
  expect(JSON.parse(violation?.value ?? '{}')).toEqual(invalid);
  expect(violation?.headers['x-dlq-error']).toMatch(
    /ContractViolation: invalid inventory.stock-changed data/,
  );
  expect(violation?.headers['x-dlq-original-offset']).toBe('1');
  expect(await counter('messaging_dlq_total', { topic })).toBe(2);
});

it('retries a failing handler maxAttempts times, parks the message and carries on', async () => {
  const topic = await topics.create('consumer-failing', 1);
  const product = randomUUID();
  const doomed = lowStock(product);
  const rejected = stockChanged(product, 13);
  const after = stockChanged(product, 14);
  await send(topic, product, JSON.stringify(doomed));
  await send(topic, product, JSON.stringify(rejected));
  await send(topic, product, JSON.stringify(after));

  const dlq = await new TopicCollector(kafka, [`${topic}.dlq`]).start();
  stoppables.push(dlq);
  let lowStockAttempts = 0;
  const { groupId } = await startConsumer({
    topics: [topic],
    database: db.database,
    maxAttempts: 3,
    handlers: {
      'inventory.low-stock': async () => {
        lowStockAttempts += 1;
        throw new Error('notification provider down');
      },
      'inventory.stock-changed': async (event, tx) => {
        if (event.data.available === 13) throw new NonRetryableError('product 13 is cursed');
        await recordEffect(event, tx);
      },
    },
  });

  const parked = await dlq.waitForCount(`${topic}.dlq`, 2);
  await waitForGroupCaughtUp(kafka, groupId, topic);
  expect(lowStockAttempts).toBe(3);
  expect(parked[0]?.headers).toMatchObject({
    'x-dlq-attempts': '3',
    'x-dlq-error': 'Error: notification provider down',
    'x-dlq-original-offset': '0',
  });
  expect(JSON.parse(parked[0]?.value ?? '{}').id).toBe(doomed.id);
  expect(parked[1]?.headers).toMatchObject({
    'x-dlq-attempts': '1',
    'x-dlq-error': 'NonRetryableError: product 13 is cursed',
  });
  // A failed attempt rolled back its inbox row too: the parked events can be replayed later.
  expect(
    await db.query('SELECT 1 FROM inbox_messages WHERE event_id = ANY($1::uuid[])', [
      [doomed.id, rejected.id],
    ]),
  ).toHaveLength(0);
  expect(await effectsOf(after.id)).toHaveLength(1);
  expect(await counter('messaging_consume_failures_total', { topic, type: 'inventory.low-stock' })).toBe(3);
});

it('without a database runs the handler with no transaction, inside the event’s context', async () => {
  const topic = await topics.create('consumer-plain', 1);
  const product = randomUUID();
  const event = stockChanged(product, 3);
  await send(topic, product, JSON.stringify(event));
  const seen: unknown[] = [];
  const { RequestContext } = await import('@ecommerce/observability');
  const { groupId } = await startConsumer({
    topics: [topic],
    handlers: {
      'inventory.stock-changed': async (received, tx) =>
        void seen.push({ id: received.id, tx, context: RequestContext.current() }),
    },
  });
  await waitForGroupCaughtUp(kafka, groupId, topic);
  await eventually(() =>
    expect(seen).toEqual([
      { id: event.id, tx: undefined, context: { correlationId: event.correlationId, causationId: event.id } },
    ]),
  );
});
