import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from '@ecommerce/contracts';
import { eventually } from '@ecommerce/testing';
import { EventConsumer } from '@ecommerce/messaging';
import type { Kafka, Producer } from 'kafkajs';
import { openTestDatabase, type TestDatabase } from './support/database';
import { memoryLogger, testKafka, TestTopics, waitForGroupCaughtUp } from './support/kafka';
import { ThrowawayPostgres } from './support/throwaway-postgres';

// A 30-second outage plus the traffic around it, on a machine shared with other test runs.
jest.setTimeout(240_000);

const OUTAGE_MS = 30_000;
const KEYS = 4;
const SEND_EVERY_MS = 100;

let postgres: ThrowawayPostgres;
let db: TestDatabase;
let kafka: Kafka;
let topics: TestTopics;
let producer: Producer;
let consumer: EventConsumer | undefined;

beforeAll(async () => {
  // Its own cluster: the test stops it, which it must not do to the server other tests share.
  postgres = await ThrowawayPostgres.start();
  db = await openTestDatabase(postgres.connection);
  kafka = testKafka();
  topics = new TestTopics(kafka);
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await topics?.drop();
  await db?.close().catch(() => undefined);
  await postgres?.destroy();
});

/** A reserve command; `quantity` doubles as the per-key sequence number. */
const reserve = (key: string, sequence: number): EventEnvelope =>
  createEnvelope(
    {
      type: 'inventory.reserve',
      aggregateId: key,
      data: {
        orderId: randomUUID(),
        items: [{ productId: key, quantity: sequence }],
        expiresAt: new Date(Date.now() + 600_000).toISOString(),
      },
    },
    { source: 'messaging-test' },
  );

async function dlqMessages(dlq: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(dlq)).reduce(
      (sum, { high, low }) => sum + Number(BigInt(high) - BigInt(low)),
      0,
    );
  } finally {
    await admin.disconnect();
  }
}

it('waits out a 30-second PostgreSQL outage: every command applied once, nothing dead-lettered, order per key kept', async () => {
  const topic = await topics.create('outage', 3);
  const groupId = `msgtest-${randomUUID()}`;
  const logger = memoryLogger();
  consumer = new EventConsumer({
    kafka,
    groupId,
    topics: [topic],
    database: db.database,
    logger,
    // Unknown errors would be parked after 2 attempts: an outage must not count as one.
    maxAttempts: 2,
    backoff: { initialMs: 50, maxMs: 200 },
    transientBackoff: { initialMs: 100, maxMs: 2_000 },
    handlers: {
      'inventory.reserve': async (event, tx) => {
        const [item] = event.data.items;
        await tx.query('INSERT INTO effects (event_id, aggregate, value) VALUES ($1, $2, $3)', [
          event.id,
          event.aggregateId,
          item?.quantity ?? 0,
        ]);
      },
    },
  });
  await consumer.start();

  const keys = Array.from({ length: KEYS }, () => randomUUID());
  const sent: EventEnvelope[] = [];
  let sending = true;
  const stream = (async () => {
    for (let n = 0; sending; n += 1) {
      const key = keys[n % KEYS] as string;
      const command = reserve(key, Math.floor(n / KEYS) + 1);
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key, value: JSON.stringify(command), headers: { type: command.type } }],
      });
      sent.push(command);
      await new Promise((resolve) => setTimeout(resolve, SEND_EVERY_MS));
    }
  })();

  await eventually(
    async () =>
      expect(
        Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM effects'))[0]?.n),
      ).toBeGreaterThan(10),
    {
      timeoutMs: 30_000,
    },
  );
  await postgres.stopServer();
  const stoppedAt = Date.now();
  // While PostgreSQL is away the consumer says it is waiting (readiness shows this as degraded).
  await eventually(() => expect(consumer?.status().waiting.length).toBeGreaterThan(0), { timeoutMs: 20_000 });
  const waiting = consumer.status().waiting[0];
  expect(waiting).toMatchObject({ topic, error: expect.any(String) });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
  await postgres.startServer();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  sending = false;
  await stream;

  await waitForGroupCaughtUp(kafka, groupId, topic, 60_000);
  expect(consumer.status().waiting).toEqual([]);

  const effects = await db.query<{ event_id: string; aggregate: string; value: number }>(
    'SELECT event_id, aggregate, value FROM effects ORDER BY seq',
  );
  // Once each: as many effects as commands, and no event twice.
  expect(effects).toHaveLength(sent.length);
  expect(new Set(effects.map((e) => e.event_id))).toEqual(new Set(sent.map((e) => e.id)));
  for (const key of keys) {
    const values = effects.filter((e) => e.aggregate === key).map((e) => e.value);
    expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i + 1));
  }
  expect(await dlqMessages(`${topic}.dlq`)).toBe(0);
  // The outage was seen (and waited out), not dead-lettered.
  expect(
    logger.entries.some((entry) => entry.msg?.startsWith('infrastructure unavailable, partition waits')),
  ).toBe(true);
  expect(logger.entries.filter((entry) => entry.msg?.includes('parked'))).toEqual([]);
});
