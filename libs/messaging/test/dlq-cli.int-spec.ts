import { randomUUID } from 'node:crypto';
import { createEnvelope, type EventEnvelope } from '@ecommerce/contracts';
import { EventConsumer, NonRetryableError } from '@ecommerce/messaging';
import type { Kafka, Producer } from 'kafkajs';
import { inspectDlq, listDlq, replayDlq } from '../src/cli/dlq';
import { memoryLogger, testKafka, TestTopics, TopicCollector, waitForGroupCaughtUp } from './support/kafka';

jest.setTimeout(45_000);

let kafka: Kafka;
let topics: TestTopics;
let producer: Producer;
let collector: TopicCollector | undefined;
// Its own replayer group, so a parallel run or an operator's replay does not share it.
const replayer = `msgtest-replayer-${randomUUID()}`;

beforeAll(async () => {
  kafka = testKafka();
  topics = new TestTopics(kafka);
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await collector?.stop();
  await producer?.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([replayer]).catch(() => undefined);
  await admin.disconnect();
  await topics?.drop();
});

const stockChanged = (productId: string, available: number): EventEnvelope =>
  createEnvelope(
    { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available } },
    { source: 'messaging-test' },
  );

it('lists, inspects and replays parked messages, each only once', async () => {
  const topic = await topics.create('dlq-cli', 1);
  const dlq = `${topic}.dlq`;
  const product = randomUUID();
  const events = [
    stockChanged(product, 1),
    stockChanged(product, 13),
    stockChanged(product, 2),
    stockChanged(product, 13),
  ];
  for (const event of events) {
    await producer.send({
      topic,
      messages: [
        {
          key: product,
          value: JSON.stringify(event),
          headers: {
            type: event.type,
            traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          },
        },
      ],
    });
  }

  // A consumer that refuses available=13 parks two of them.
  const groupId = `msgtest-${randomUUID()}`;
  const consumer = new EventConsumer({
    kafka,
    groupId,
    topics: [topic],
    logger: memoryLogger(),
    handlers: {
      'inventory.stock-changed': async (event) => {
        if (event.data.available === 13) throw new NonRetryableError(`unknown product ${event.aggregateId}`);
      },
    },
  });
  await consumer.start();
  await waitForGroupCaughtUp(kafka, groupId, topic);
  await consumer.stop();

  const parked = await listDlq(kafka, dlq);
  expect(parked.map((entry) => entry.eventId)).toEqual([events[1]?.id, events[3]?.id]);
  expect(parked[0]).toMatchObject({
    partition: 0,
    offset: '0',
    key: product,
    type: 'inventory.stock-changed',
    attempts: 1,
    originalTopic: topic,
    consumerGroup: groupId,
    error: `NonRetryableError: unknown product ${product}`,
  });
  expect(Date.parse(parked[0]?.failedAt ?? '')).not.toBeNaN();
  expect(await listDlq(kafka, dlq, 1)).toHaveLength(1);

  const inspected = await inspectDlq(kafka, dlq, 0, '1');
  expect(inspected?.value).toEqual(events[3]);
  expect(inspected?.headers).toMatchObject({
    'x-dlq-original-offset': '3',
    'x-dlq-original-partition': '0',
    traceparent: expect.stringMatching(/^00-/),
  });
  expect(await inspectDlq(kafka, dlq, 0, '99')).toBeUndefined();

  collector = await new TopicCollector(kafka, [topic]).start();
  await collector.waitForCount(topic, 4);

  const first = await replayDlq(kafka, dlq, { partition: 0, offset: '1' }, replayer);
  expect(first.replayed).toEqual([
    { partition: 0, offset: '1', to: topic, key: product, eventId: events[3]?.id },
  ]);
  const again = await replayDlq(kafka, dlq, { partition: 0, offset: '1' }, replayer);
  expect(again).toEqual({
    replayed: [],
    skipped: [{ partition: 0, offset: '1', reason: 'already replayed' }],
  });

  const all = await replayDlq(kafka, dlq, { all: true }, replayer);
  expect(all.replayed.map((r) => r.offset)).toEqual(['0']);
  const nothingLeft = await replayDlq(kafka, dlq, { all: true }, replayer);
  expect(nothingLeft.replayed).toEqual([]);

  const replayed = (await collector.waitForCount(topic, 6)).slice(4);
  expect(replayed.map((m) => JSON.parse(m.value ?? '{}').id)).toEqual([events[3]?.id, events[1]?.id]);
  for (const message of replayed) {
    expect(message.key).toBe(product);
    expect(message.headers.type).toBe('inventory.stock-changed');
    expect(message.headers.traceparent).toMatch(/^00-/);
    expect(Object.keys(message.headers).filter((name) => name.startsWith('x-dlq-'))).toEqual([]);
    expect(message.headers['x-replay-group']).toBe(groupId);
  }
  expect(collector.on(topic)).toHaveLength(6);
});

it('replays a dead letter to the group that parked it only; the other groups on the topic skip it', async () => {
  const topic = await topics.create('dlq-groups', 1);
  const dlq = `${topic}.dlq`;
  const product = randomUUID();
  const event = stockChanged(product, 5);
  await producer.send({
    topic,
    messages: [{ key: product, value: JSON.stringify(event), headers: { type: event.type } }],
  });

  const applied: Record<'strict' | 'lenient', string[]> = { strict: [], lenient: [] };
  let strictRefuses = true;
  const start = async (name: 'strict' | 'lenient') => {
    const groupId = `msgtest-${name}-${randomUUID()}`;
    const consumer = new EventConsumer({
      kafka,
      groupId,
      topics: [topic],
      logger: memoryLogger(),
      handlers: {
        'inventory.stock-changed': async (received) => {
          if (name === 'strict' && strictRefuses) throw new NonRetryableError('not yet');
          applied[name].push(received.id);
        },
      },
    });
    await consumer.start();
    return { consumer, groupId };
  };
  const strict = await start('strict');
  const lenient = await start('lenient');
  await waitForGroupCaughtUp(kafka, strict.groupId, topic);
  await waitForGroupCaughtUp(kafka, lenient.groupId, topic);
  expect(applied).toEqual({ strict: [], lenient: [event.id] });
  expect((await listDlq(kafka, dlq)).map((entry) => entry.consumerGroup)).toEqual([strict.groupId]);

  strictRefuses = false;
  const replay = await replayDlq(kafka, dlq, { all: true, group: strict.groupId }, `${replayer}-groups`);
  expect(replay.replayed).toHaveLength(1);
  await waitForGroupCaughtUp(kafka, strict.groupId, topic);
  await waitForGroupCaughtUp(kafka, lenient.groupId, topic);
  await strict.consumer.stop();
  await lenient.consumer.stop();
  // The group that had applied it is not handed an old event again.
  expect(applied).toEqual({ strict: [event.id], lenient: [event.id] });

  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([`${replayer}-groups`]).catch(() => undefined);
  await admin.disconnect();
});
