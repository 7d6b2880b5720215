import type { INestApplication } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { OutboxRelay, type PublishedBatch } from '@ecommerce/messaging';
import { eventually, testTopicPrefix, TopicRecorder } from '@ecommerce/testing';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { startUserService, uniqueEmail } from './support/user-service';

jest.setTimeout(60_000);

/**
 * The relay is at-least-once towards Kafka: a crash between publish and mark republishes the batch
 * under the same event ids, which the consumers' inbox drops. What must never happen is a
 * registration without its event, or two different events for one registration.
 */
describe('user.registered through the outbox (real PostgreSQL and Kafka)', () => {
  let app: INestApplication;
  let recorder: TopicRecorder;
  const relays: OutboxRelay[] = [];
  const kafka = new Kafka({
    clientId: 'user-service-outbox-test',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    // This app writes to the outbox but relays nothing: the test drives the relays itself.
    app = await startUserService({ OUTBOX_RELAY_ENABLED: 'false' });
    recorder = await new TopicRecorder(['user.events']).start();
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await recorder?.stop();
    await app?.close();
  });

  it('publishes exactly one user.registered per registration when the relay dies mid-batch and another takes over', async () => {
    const database = app.get(Database);
    const registered: string[] = [];
    for (let n = 0; n < 25; n += 1) {
      const response = await request(app.getHttpServer())
        .post('/api/auth/register')
        .send({ email: uniqueEmail('outbox'), password: 'a-long-enough-password', name: `Outbox ${n}` })
        .expect(201);
      registered.push(response.body.id as string);
    }

    const crashingName = `user-relay-crashing-${process.pid}`;
    let crashedBatch: PublishedBatch | undefined;
    let crashedRelayStopped: Promise<void> | undefined;
    const crashing: OutboxRelay = new OutboxRelay({
      database,
      kafka,
      topicPrefix: testTopicPrefix(),
      name: crashingName,
      batchSize: 10,
      standbyRetryMs: 200,
      // Kafka has acknowledged the batch; the relay's connection now dies before it can mark the rows.
      afterPublish: async (batch) => {
        if (crashedBatch) return;
        crashedBatch = batch;
        await database.manager.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [crashingName],
        );
        crashedRelayStopped = crashing.stop();
      },
    });
    relays.push(crashing);
    crashing.start();
    await eventually(() => expect(crashedRelayStopped).toBeDefined(), { timeoutMs: 20_000 });
    await crashedRelayStopped;

    const successor = new OutboxRelay({
      database,
      kafka,
      topicPrefix: testTopicPrefix(),
      name: `user-relay-successor-${process.pid}`,
      batchSize: 10,
      standbyRetryMs: 200,
    });
    relays.push(successor);
    successor.start();

    await eventually(
      () => {
        const seenUsers = new Set(recorder.ofType('user.registered').map((m) => m.envelope.aggregateId));
        expect(registered.filter((id) => !seenUsers.has(id))).toEqual([]);
      },
      { timeoutMs: 30_000 },
    );
    await eventually(async () => {
      const [row] = await database.manager.query(
        `SELECT count(*)::int AS pending FROM outbox_messages WHERE published_at IS NULL`,
      );
      expect(row.pending).toBe(0);
    });

    const ours = recorder
      .ofType('user.registered')
      .filter((m) => registered.includes(m.envelope.aggregateId));
    for (const userId of registered) {
      const eventIds = new Set(
        ours.filter((m) => m.envelope.aggregateId === userId).map((m) => m.envelope.id),
      );
      expect({ userId, distinctEvents: eventIds.size }).toEqual({ userId, distinctEvents: 1 });
      expect(ours.find((m) => m.envelope.aggregateId === userId)?.key).toBe(userId);
    }
    // Only the batch that was published but never marked went out twice, under its original ids.
    const deliveries = new Map<string, number>();
    for (const message of ours)
      deliveries.set(message.envelope.id, (deliveries.get(message.envelope.id) ?? 0) + 1);
    const repeated = [...deliveries].filter(([, count]) => count > 1).map(([id]) => id);
    expect(crashedBatch?.eventIds.length).toBeGreaterThan(0);
    expect(new Set(repeated)).toEqual(new Set(crashedBatch?.eventIds.filter((id) => deliveries.has(id))));
    expect(Math.max(...deliveries.values())).toBeLessThanOrEqual(2);
  });
});
