import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@ecommerce/contracts';
import { eventually } from '@ecommerce/testing';
import { createKafka, Outbox, OutboxRelay, type OutboxRelayOptions } from '@ecommerce/messaging';
import { ConfigResourceTypes, logLevel, type Kafka } from 'kafkajs';
import { register } from 'prom-client';
import { Client } from 'pg';
import { listParkedOutbox, retryParkedOutbox } from '../src/cli/parked-outbox';
import { openTestDatabase, type TestDatabase } from './support/database';
import { productIds, stockChanged } from './support/events';
import { memoryLogger, testKafka, TestTopics, TopicCollector } from './support/kafka';

jest.setTimeout(90_000);

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

async function collector(...names: string[]): Promise<TopicCollector> {
  const started = await new TopicCollector(kafka, names).start();
  stoppables.push(started);
  return started;
}

const valueOf = (value: string | null) => JSON.parse(value ?? 'null') as EventEnvelope<{ available: number }>;

/** A promise one side of a test fires and the other awaits. */
function signal(): { fire: () => void; fired: Promise<void> } {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

/** A connection of its own on the test schema: the CLI's view of the outbox. */
async function operatorConnection(): Promise<Client> {
  const client = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.MESSAGING_TEST_DATABASE_USER ?? 'messaging',
    password: process.env.MESSAGING_TEST_DATABASE_PASSWORD ?? 'messaging',
    database: process.env.MESSAGING_TEST_DATABASE_NAME ?? 'messaging_test',
    options: `-c search_path=${db.schema}`,
  });
  await client.connect();
  stoppables.push({ stop: () => client.end() });
  return client;
}

async function parkedGauge(): Promise<number | undefined> {
  return (await register.getSingleMetric('messaging_outbox_parked')?.get())?.values[0]?.value;
}

describe('order per key by construction', () => {
  it('makes a second writer of the same key wait until the first commits, so consumers see commit order', async () => {
    const topic = await topics.create('order-lock', 1);
    const outbox = new Outbox('messaging-test', { topicFor: () => topic });
    const seen = await collector(topic);
    relay({ pollIntervalMs: 60_000 }).start();
    const [product] = productIds(1) as [string];

    const timeline: string[] = [];
    const firstMayCommit = signal();
    const firstTookItsId = signal();

    // The first transaction takes its id first and is held open; the second one tries to write the
    // same key meanwhile and would commit first if it could.
    const first = db.database.transaction(async (tx) => {
      await outbox.add(tx, stockChanged(product, 1));
      firstTookItsId.fire();
      await firstMayCommit.fired;
      timeline.push('first commits');
    });
    await firstTookItsId.fired;
    const second = db.database.transaction(async (tx) => {
      await outbox.add(tx, stockChanged(product, 2));
      timeline.push('second added');
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(timeline).toEqual([]);
    firstMayCommit.fire();
    await Promise.all([first, second]);
    expect(timeline).toEqual(['first commits', 'second added']);

    const ids = await db.query<{ id: string; available: number }>(
      `SELECT id, (payload->'data'->>'available')::int AS available FROM outbox_messages ORDER BY id`,
    );
    expect(ids.map((row) => row.available)).toEqual([1, 2]);
    const messages = await seen.waitForCount(topic, 2);
    expect(messages.map((m) => valueOf(m.value).data.available)).toEqual([1, 2]);
  });

  it('gives a writer that waited for a key its id only after the holder committed', async () => {
    const outbox = new Outbox('messaging-test', { topicFor: () => 'order-lock-ids' });
    const [product] = productIds(1) as [string];
    const holderHasTheLock = signal();
    const waiterIsWaiting = signal();

    // The holder writes a first event of the key, and a second one only once the other writer is
    // blocked on the key: an id drawn before waiting would fall between the holder's two.
    const holder = db.database.transaction(async (tx) => {
      await outbox.add(tx, stockChanged(product, 1));
      holderHasTheLock.fire();
      await waiterIsWaiting.fired;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await outbox.add(tx, stockChanged(product, 3));
    });
    await holderHasTheLock.fired;
    const waiter = db.database.transaction(async (tx) => {
      const adding = outbox.add(tx, stockChanged(product, 2));
      waiterIsWaiting.fire();
      await adding;
    });
    await Promise.all([holder, waiter]);

    const rows = await db.query<{ available: number }>(
      `SELECT (payload->'data'->>'available')::int AS available FROM outbox_messages ORDER BY id`,
    );
    expect(rows.map((row) => row.available)).toEqual([1, 3, 2]);
  });

  it('relays at least 500 events a second from many concurrent writers, each key in commit order', async () => {
    const topic = await topics.create('order-throughput', 6);
    const outbox = new Outbox('messaging-test', { topicFor: () => topic });
    const seen = await collector(topic);
    const products = productIds(20);
    const writers = 10;
    const transactionsPerWriter = 60;
    const eventsPerTransaction = 4;
    const total = writers * transactionsPerWriter * eventsPerTransaction;

    // Writers hit hot keys concurrently. The first add of a transaction takes the key's lock; only
    // then does the transaction read the key's sequence (so it is the commit order) and stamp it on
    // its events.
    const sequence = new Map(products.map((id) => [id, 0]));
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let t = 0; t < transactionsPerWriter; t += 1) {
          const product = products[(writer * 7 + t) % products.length] as string;
          await db.database.transaction(async (tx) => {
            const first = await outbox.add(tx, stockChanged(product, 0));
            // Holding the key's lock now: nobody else can write this key until we commit.
            const start = sequence.get(product) ?? 0;
            const rest = Array.from({ length: eventsPerTransaction - 1 }, (__, i) =>
              stockChanged(product, start + i + 2),
            );
            await tx.query(
              `UPDATE outbox_messages SET payload = jsonb_set(payload, '{data,available}', to_jsonb($1::int)) WHERE event_id = $2`,
              [start + 1, first[0]?.id],
            );
            await outbox.add(tx, ...rest);
            sequence.set(product, start + eventsPerTransaction);
          });
        }
      }),
    );

    const started = Date.now();
    relay({ pollIntervalMs: 60_000 }).start();
    await seen.waitForCount(topic, total, 60_000);
    await eventually(async () =>
      expect(
        Number(
          (
            await db.query<{ n: string }>(
              'SELECT count(*) AS n FROM outbox_messages WHERE published_at IS NULL',
            )
          )[0]?.n,
        ),
      ).toBe(0),
    );
    const seconds = (Date.now() - started) / 1_000;
    expect(total / seconds).toBeGreaterThanOrEqual(500);

    for (const product of products) {
      const forProduct = seen.on(topic).filter((m) => m.key === product);
      expect(forProduct.map((m) => valueOf(m.value).data.available)).toEqual(
        Array.from({ length: sequence.get(product) ?? 0 }, (_, i) => i + 1),
      );
    }
  });
});

describe('idle relay', () => {
  it('delivers an event within 100 ms of its commit (median), woken by NOTIFY although it polls only every 10 s', async () => {
    const topic = await topics.create('latency', 1);
    const outbox = new Outbox('messaging-test', { topicFor: () => topic });
    const seen = await collector(topic);
    relay({ name: `relay-${db.schema}` }).start();
    const [product] = productIds(1) as [string];
    // The first event warms up the producer's connection and metadata.
    await db.database.transaction((tx) => outbox.add(tx, stockChanged(product, 0)));
    await seen.waitForCount(topic, 1);

    const latencies: number[] = [];
    for (let i = 1; i <= 9; i += 1) {
      // Idle between events, as a quiet service is.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await db.database.transaction((tx) => outbox.add(tx, stockChanged(product, i)));
      const committedAt = Date.now();
      await eventually(() => expect(seen.on(topic)).toHaveLength(i + 1), { timeoutMs: 5_000, intervalMs: 2 });
      latencies.push(Date.now() - committedAt);
    }
    latencies.sort((a, b) => a - b);
    expect(latencies[4]).toBeLessThan(100);
  });
});

describe('a row Kafka refuses for good', () => {
  it('parks an oversized record, holds back only its key, and publishes it in order once retried after the fix', async () => {
    const topic = `msgtest.${randomUUID().slice(0, 8)}.parking-size`;
    const admin = kafka.admin();
    await admin.connect();
    stoppables.push({ stop: () => admin.disconnect() });
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: [{ name: 'max.message.bytes', value: '2048' }],
        },
      ],
    });
    topics.created.push(topic);
    const seen = await collector(topic);
    const [blocked, free] = productIds(2) as [string, string];
    const outbox = new Outbox('messaging-test', { topicFor: () => topic });

    await db.database.transaction((tx) => outbox.add(tx, stockChanged(blocked, 1)));
    const huge = { ...(await db.database.transaction((tx) => outbox.add(tx, stockChanged(blocked, 2))))[0]! };
    await db.query(
      `UPDATE outbox_messages SET payload = jsonb_set(payload, '{padding}', to_jsonb(repeat('x', 4000))) WHERE event_id = $1`,
      [huge.id],
    );
    await db.database.transaction((tx) => outbox.add(tx, stockChanged(blocked, 3), stockChanged(free, 1)));
    await db.database.transaction((tx) => outbox.add(tx, stockChanged(free, 2)));

    relay({ pollIntervalMs: 60_000 }).start();
    await seen.waitForCount(topic, 3);
    await eventually(async () => expect(await parkedGauge()).toBe(1), { timeoutMs: 20_000 });
    const byKey = (key: string) =>
      seen
        .on(topic)
        .filter((m) => m.key === key)
        .map((m) => valueOf(m.value).data.available);
    expect(byKey(free)).toEqual([1, 2]);
    expect(byKey(blocked)).toEqual([1]);

    const operator = await operatorConnection();
    const parked = await listParkedOutbox(operator);
    expect(parked).toEqual([
      expect.objectContaining({
        eventId: huge.id,
        key: blocked,
        topic,
        waitingBehind: 1,
        error: expect.stringMatching(/MESSAGE_TOO_LARGE/),
      }),
    ]);

    // Retried before the fix: refused again, parked again, and the key still waits.
    expect(await retryParkedOutbox(operator, { ids: [parked[0]!.id] })).toEqual([parked[0]!.id]);
    await eventually(async () => expect(await listParkedOutbox(operator)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    expect(byKey(blocked)).toEqual([1]);

    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'max.message.bytes', value: '1048588' }],
        },
      ],
    });
    await eventually(
      async () => {
        await retryParkedOutbox(operator, { all: true });
        expect(await listParkedOutbox(operator)).toEqual([]);
        expect(byKey(blocked)).toEqual([1, 2, 3]);
      },
      { timeoutMs: 30_000, intervalMs: 2_000 },
    );
    expect(seen.on(topic)).toHaveLength(5);
  });

  it('parks a row for an unknown topic while the rows of other keys flow, and publishes it once the topic exists', async () => {
    const good = await topics.create('parking-known', 1);
    const missing = `msgtest.${randomUUID().slice(0, 8)}.parking-missing`;
    const seen = await collector(good);
    const [lost, free] = productIds(2) as [string, string];
    const outbox = new Outbox('messaging-test', { topicFor: () => good });

    await db.database.transaction((tx) => outbox.add(tx, stockChanged(free, 1)));
    const [envelope] = await db.database.transaction((tx) =>
      new Outbox('messaging-test', { topicFor: () => missing }).add(tx, stockChanged(lost, 1)),
    );
    await db.database.transaction((tx) => outbox.add(tx, stockChanged(free, 2)));

    // kafkajs retries an unknown topic (it may be being created); a short retry keeps the test quick.
    const impatient = createKafka({
      clientId: 'messaging-int-test-parking',
      logger: memoryLogger(),
      logLevel: logLevel.NOTHING,
      retry: { retries: 1, initialRetryTime: 100 },
    });
    relay({ kafka: impatient, pollIntervalMs: 60_000 }).start();
    await seen.waitForCount(good, 2, 30_000);
    expect(seen.on(good).map((m) => valueOf(m.value).data.available)).toEqual([1, 2]);

    const operator = await operatorConnection();
    await eventually(async () =>
      expect(await listParkedOutbox(operator)).toEqual([
        expect.objectContaining({
          eventId: envelope!.id,
          topic: missing,
          error: expect.stringMatching(/UNKNOWN_TOPIC_OR_PARTITION/),
        }),
      ]),
    );

    const admin = kafka.admin();
    await admin.connect();
    stoppables.push({ stop: () => admin.disconnect() });
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: missing, numPartitions: 1, replicationFactor: 1 }],
    });
    topics.created.push(missing);
    const late = await collector(missing);
    expect(await retryParkedOutbox(operator, { all: true })).toHaveLength(1);
    const [published] = await late.waitForCount(missing, 1, 30_000);
    expect(valueOf(published!.value).id).toBe(envelope!.id);
    expect(await listParkedOutbox(operator)).toEqual([]);
  });
});
