import { envelopeSchema } from './envelope';
import { EVENT_DEFINITIONS } from './registry';
import { ALL_TOPICS, dlqTopic } from './topics';

/**
 * Builds the AsyncAPI 3 document of every topic from the contracts themselves, so the published
 * description of the Kafka API cannot drift from the code. `asyncapi.json` is its committed copy.
 */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  for (const definition of EVENT_DEFINITIONS) {
    messages[definition.type] = {
      name: definition.type,
      title: definition.type,
      summary: definition.summary,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          type: { type: 'string', const: definition.type },
          traceparent: { type: 'string', description: 'W3C trace context' },
        },
      },
      payload: {
        ...envelopeSchema,
        properties: {
          ...envelopeSchema.properties,
          type: { const: definition.type },
          version: { const: definition.version },
          data: definition.schema,
        },
      },
      'x-key': 'aggregateId',
    };
  }

  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of ALL_TOPICS) {
    const types = EVENT_DEFINITIONS.filter((definition) => definition.topic === topic).map(
      (definition) => definition.type,
    );
    channels[topic] = {
      address: topic,
      description: `Kafka topic ${topic}; message key = aggregateId. Failed messages are parked on ${dlqTopic(topic)}.`,
      messages: Object.fromEntries(types.map((type) => [type, { $ref: `#/components/messages/${type}` }])),
    };
    operations[`publish:${topic}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${topic}` },
      messages: types.map((type) => ({ $ref: `#/channels/${topic}/messages/${type}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'E-commerce platform events',
      version: '1.0.0',
      description:
        'Every Kafka topic of the platform. Each message value is the JSON event envelope; `data` follows the schema of its type.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka' } },
    channels,
    operations,
    components: { messages },
  };
}
