import type { EventEnvelope } from '@ecommerce/contracts';
import { eventually } from '@ecommerce/testing';
import {
  EventConsumer,
  Outbox,
  OutboxRelay,
  type OutboxRelayOptions,
  type PublishedBatch,
} from '@ecommerce/messaging';
import type { Kafka } from 'kafkajs';
import { openTestDatabase, type TestDatabase } from './support/database';
import { productIds, stockChanged } from './support/events';
import { memoryLogger, testKafka, TestTopics, TopicCollector, waitForGroupCaughtUp } from './support/kafka';

jest.setTimeout(45_000);

let db: TestDatabase;
let kafka: Kafka;
let topics: TestTopics;
const relays: OutboxRelay[] = [];
const stoppables: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  db = await openTestDatabase();
  kafka = testKafka();
  topics = new TestTopics(kafka);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await Promise.all(stoppables.splice(0).map((s) => s.stop()));
  await db.query('TRUNCATE outbox_messages, inbox_messages, effects');
});

afterAll(async () => {
  await topics?.drop();
  await db?.close();
});

function relay(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  const created = new OutboxRelay({
    database: db.database,
    kafka,
    logger: memoryLogger(),
    name: `relay-${db.schema}`,
    standbyRetryMs: 200,
    backoff: { initialMs: 50, maxMs: 500 },
    ...options,
  });
  relays.push(created);
  return created;
}

async function collector(topic: string): Promise<TopicCollector> {
  const started = await new TopicCollector(kafka, [topic]).start();
  stoppables.push(started);
  return started;
}

const unpublished = async (): Promise<number> =>
  Number(
    (
      await db.query<{ count: string }>(
        'SELECT count(*) AS count FROM outbox_messages WHERE published_at IS NULL',
      )
    )[0]?.count,
  );

const valueOf = (value: string | null) => JSON.parse(value ?? 'null') as EventEnvelope<{ available: number }>;

it('publishes every committed event exactly once, in order per key, woken by NOTIFY', async () => {
  const topic = await topics.create('relay-order');
  const outbox = new Outbox('messaging-test', { topicFor: () => topic });
  const seen = await collector(topic);
  // A poll interval far beyond the test's wait: only the NOTIFY of each commit can wake it in time.
  relay({ batchSize: 7, pollIntervalMs: 60_000 }).start();

  const products = productIds(5);
  const next = new Map(products.map((id) => [id, 0]));
  const written: EventEnvelope[] = [];
  for (let tx = 0; tx < 25; tx += 1) {
    const events = Array.from({ length: 4 }, (_, i) => {
      const product = products[(tx * 3 + i) % products.length] as string;
      next.set(product, (next.get(product) ?? 0) + 1);
      return stockChanged(product, next.get(product) ?? 0);
    });
    written.push(...(await db.database.transaction((t) => outbox.add(t, ...events))));
  }

  const messages = await seen.waitForCount(topic, 100);
  await eventually(async () => expect(await unpublished()).toBe(0));
  // Every row is marked, so nothing more can come; the count is final.
  expect(seen.on(topic)).toHaveLength(100);
  expect(new Set(seen.eventIds(topic))).toEqual(new Set(written.map((e) => e.id)));

  for (const product of products) {
    const forProduct = messages.filter((m) => m.key === product);
    expect(forProduct.map((m) => valueOf(m.value).data.available)).toEqual(
      Array.from({ length: next.get(product) ?? 0 }, (_, i) => i + 1),
    );
    expect(new Set(forProduct.map((m) => m.partition)).size).toBe(1);
  }
  expect(messages[0]?.headers.type).toBe('inventory.stock-changed');
});

it('a rolled-back transaction publishes nothing', async () => {
  const topic = await topics.create('relay-rollback');
  const outbox = new Outbox('messaging-test', { topicFor: () => topic });
  const seen = await collector(topic);
  relay().start();
  const [product] = productIds(1) as [string];

  let rolledBack: EventEnvelope[] = [];
  await expect(
    db.database.transaction(async (tx) => {
      rolledBack = await outbox.add(tx, stockChanged(product, 1), stockChanged(product, 2));
      throw new Error('business rule failed after the events were added');
    }),
  ).rejects.toThrow('business rule failed');
  const [sentinel] = await db.database.transaction((tx) => outbox.add(tx, stockChanged(product, 3)));

  await seen.waitForCount(topic, 1);
  await eventually(async () => expect(await unpublished()).toBe(0));
  expect(rolledBack).toHaveLength(2);
  expect(seen.eventIds(topic)).toEqual([sentinel?.id]);
  const rows = await db.query('SELECT 1 FROM outbox_messages WHERE event_id = ANY($1::uuid[])', [
    rolledBack.map((e) => e.id),
  ]);
  expect(rows).toHaveLength(0);
});

it('a relay killed between publish and mark loses nothing; the next one republishes and the inbox applies each event once', async () => {
  const topic = await topics.create('relay-crash');
  const outbox = new Outbox('messaging-test', { topicFor: () => topic });
  const seen = await collector(topic);
  const products = productIds(3);
  const written: EventEnvelope[] = [];
  for (let n = 1; n <= 10; n += 1) {
    written.push(
      ...(await db.database.transaction((tx) => outbox.add(tx, ...products.map((p) => stockChanged(p, n))))),
    );
  }

  // Relay A dies the hard way right after Kafka acknowledged its first batch: its database connection is
  // terminated, as when the process or the network dies, so the UPDATE never happens.
  let crashedBatch: PublishedBatch | undefined;
  let stoppedA: Promise<void> | undefined;
  const applicationName = `relay-a-${db.schema}`;
  const relayA = relay({
    name: applicationName,
    batchSize: 10,
    afterPublish: async (batch) => {
      if (crashedBatch) return;
      crashedBatch = batch;
      await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ]);
      stoppedA = relayA.stop();
    },
  });
  relayA.start();
  await eventually(() => expect(stoppedA).toBeDefined());
  await stoppedA;
  expect(crashedBatch?.eventIds).toHaveLength(10);
  await seen.waitForCount(topic, 10);
  expect(await unpublished()).toBe(30);

  relay({ name: `relay-b-${db.schema}`, batchSize: 10 }).start();
  await seen.waitForCount(topic, 40);
  await eventually(async () => expect(await unpublished()).toBe(0));

  const ids = seen.eventIds(topic);
  expect(new Set(ids)).toEqual(new Set(written.map((e) => e.id)));
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const duplicated = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
  // The duplicates are exactly the batch A published but never marked, under the same event ids.
  expect(new Set(duplicated)).toEqual(new Set(crashedBatch?.eventIds));
  expect([...counts.values()].every((count) => count <= 2)).toBe(true);

  // An inbox-backed consumer applies each event once despite the duplicates, in order per product.
  const groupId = `msgtest-inbox-${db.schema}`;
  const consumer = new EventConsumer({
    kafka,
    groupId,
    topics: [topic],
    database: db.database,
    logger: memoryLogger(),
    handlers: {
      'inventory.stock-changed': async (event, tx) => {
        await tx!.query('INSERT INTO effects (event_id, aggregate, value) VALUES ($1, $2, $3)', [
          event.id,
          event.aggregateId,
          event.data.available,
        ]);
      },
    },
  });
  stoppables.push(consumer);
  await consumer.start();
  await waitForGroupCaughtUp(kafka, groupId, topic);

  const effects = await db.query<{ event_id: string; aggregate: string; value: number }>(
    'SELECT event_id, aggregate, value FROM effects ORDER BY seq',
  );
  expect(effects).toHaveLength(30);
  expect(new Set(effects.map((e) => e.event_id)).size).toBe(30);
  for (const product of products) {
    expect(effects.filter((e) => e.aggregate === product).map((e) => e.value)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  }
  const inbox = await db.query('SELECT event_id FROM inbox_messages WHERE consumer_group = $1', [groupId]);
  expect(inbox).toHaveLength(30);
});

it('with two relays on one database only the leader publishes, and the other takes over when it stops', async () => {
  const topic = await topics.create('relay-leader');
  const outbox = new Outbox('messaging-test', { topicFor: () => topic });
  const seen = await collector(topic);
  const publishedBy: Array<{ relay: string; count: number }> = [];
  const track = (name: string) => (batch: PublishedBatch) =>
    void publishedBy.push({ relay: name, count: batch.ids.length });
  const [product] = productIds(1) as [string];

  const relayA = relay({ name: `relay-a-${db.schema}`, afterPublish: track('a'), batchSize: 5 });
  relayA.start();
  await eventually(() => expect(relayA.isLeader).toBe(true));
  const relayB = relay({ name: `relay-b-${db.schema}`, afterPublish: track('b'), batchSize: 5 });
  relayB.start();

  for (let n = 1; n <= 20; n += 1)
    await db.database.transaction((tx) => outbox.add(tx, stockChanged(product, n)));
  await seen.waitForCount(topic, 20);
  await eventually(async () => expect(await unpublished()).toBe(0));
  expect(relayB.isLeader).toBe(false);
  expect(publishedBy.every((p) => p.relay === 'a')).toBe(true);
  expect(publishedBy.reduce((sum, p) => sum + p.count, 0)).toBe(20);

  await relayA.stop();
  await eventually(() => expect(relayB.isLeader).toBe(true));
  for (let n = 21; n <= 30; n += 1)
    await db.database.transaction((tx) => outbox.add(tx, stockChanged(product, n)));
  const messages = await seen.waitForCount(topic, 30);
  await eventually(async () => expect(await unpublished()).toBe(0));
  expect(publishedBy.filter((p) => p.relay === 'b').reduce((sum, p) => sum + p.count, 0)).toBe(10);
  expect(seen.on(topic)).toHaveLength(30);
  expect(messages.map((m) => valueOf(m.value).data.available)).toEqual(
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
});
