import { messagingEnvSchema } from './config';
import { topicPrefixFromEnv, topicPrefixSchema, withTopicPrefix } from './topic-prefix';
import { toTopicMessages } from './outbox/outbox-relay';

describe('KAFKA_TOPIC_PREFIX', () => {
  it('is empty unless set, so a normal deployment uses the contract names', () => {
    expect(messagingEnvSchema.parse({}).KAFKA_TOPIC_PREFIX).toBe('');
    expect(topicPrefixFromEnv({})).toBe('');
    expect(withTopicPrefix('', 'product.events')).toBe('product.events');
  });

  it('accepts lower-case letters, digits, ".", "-" and "_"', () => {
    for (const prefix of ['staging.', 'test.0a1b2c3d.', 'demo_2-', 'a'])
      expect(topicPrefixSchema.parse(prefix)).toBe(prefix);
    expect(withTopicPrefix('staging.', 'product.events')).toBe('staging.product.events');
  });

  it.each(['Staging.', 'has space.', 'slash/', 'colon:', 'ü.', 'x'.repeat(101)])(
    'rejects %j, naming the variable',
    (prefix) => {
      const result = messagingEnvSchema.safeParse({ KAFKA_TOPIC_PREFIX: prefix });
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain('KAFKA_TOPIC_PREFIX');
      expect(() => topicPrefixFromEnv({ KAFKA_TOPIC_PREFIX: prefix })).toThrow('KAFKA_TOPIC_PREFIX');
    },
  );
});

describe('the outbox relay with a topic prefix', () => {
  const row = (id: string, topic: string, key: string) => ({
    id,
    eventId: `event-${id}`,
    topic,
    key,
    value: '{}',
    headers: { type: 'product.created' },
  });

  it('publishes each row to its contract topic after the prefix, keeping the order per topic', () => {
    const rows = [
      row('1', 'product.events', 'p1'),
      row('2', 'order.events', 'o1'),
      row('3', 'product.events', 'p1'),
    ];
    expect(toTopicMessages(rows, 'staging.')).toEqual([
      {
        topic: 'staging.product.events',
        messages: [
          { key: 'p1', value: '{}', headers: { type: 'product.created' } },
          { key: 'p1', value: '{}', headers: { type: 'product.created' } },
        ],
      },
      {
        topic: 'staging.order.events',
        messages: [{ key: 'o1', value: '{}', headers: { type: 'product.created' } }],
      },
    ]);
    expect(toTopicMessages(rows, '').map((batch) => batch.topic)).toEqual(['product.events', 'order.events']);
  });
});
