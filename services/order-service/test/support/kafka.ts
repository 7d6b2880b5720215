import { randomBytes } from 'node:crypto';
import {
  createEnvelope,
  dlqTopic,
  eventDefinition,
  Topics,
  type EventDataMap,
  type EventType,
  type TypedEnvelope,
} from '@ecommerce/contracts';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';

/** Publishes real envelopes to the topics the contracts name (prefixed), as another service would. */
export class TestPublisher {
  private producer?: Producer;

  /** `topicPrefix`: the test environment's own topics (see TestTopics). */
  constructor(private readonly topicPrefix = '') {}

  async start(): Promise<this> {
    const kafka = new Kafka({
      clientId: 'order-test-publisher',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      logLevel: logLevel.NOTHING,
    });
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
    return this;
  }

  envelope<T extends EventType>(
    type: T,
    aggregateId: string,
    data: EventDataMap[T],
    source = 'inventory-service',
  ): TypedEnvelope<T> {
    return createEnvelope({ type, aggregateId, data }, { source }) as TypedEnvelope<T>;
  }

  async send(...envelopes: TypedEnvelope<EventType>[]): Promise<void> {
    if (!this.producer) throw new Error('publisher not started');
    for (const envelope of envelopes) {
      await this.producer.send({
        topic: `${this.topicPrefix}${eventDefinition(envelope.type)!.topic}`,
        acks: -1,
        messages: [
          { key: envelope.aggregateId, value: JSON.stringify(envelope), headers: { type: envelope.type } },
        ],
      });
    }
  }

  /** Publishes and returns the envelope, for tests that resend the very same one. */
  async publish<T extends EventType>(
    type: T,
    aggregateId: string,
    data: EventDataMap[T],
    source?: string,
  ): Promise<TypedEnvelope<T>> {
    const envelope = this.envelope(type, aggregateId, data, source);
    await this.send(envelope as TypedEnvelope<EventType>);
    return envelope;
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }
}

// user.events: the access-token revocation feed of @ecommerce/auth follows the outbox's topic names.
const USED_TOPICS = [
  Topics.userEvents,
  Topics.productEvents,
  Topics.inventoryCommands,
  Topics.inventoryEvents,
  Topics.paymentCommands,
  Topics.paymentEvents,
  Topics.orderEvents,
];

/**
 * Topics of one test file's own (`ordtest.<random>.<topic>` and their `.dlq`), so a platform running
 * on the same Kafka (an inventory-service answering reserve commands, say) never answers the test's
 * commands, and the test never answers theirs. Deleted by `drop`.
 */
export class TestTopics {
  readonly prefix = `ordtest.${randomBytes(4).toString('hex')}.`;
  private readonly kafka = new Kafka({
    clientId: 'order-test-admin',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });

  async create(): Promise<this> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: this.names().map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
    } finally {
      await admin.disconnect();
    }
    return this;
  }

  topic(name: string): string {
    return `${this.prefix}${name}`;
  }

  async drop(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: this.names() });
    } finally {
      await admin.disconnect();
    }
  }

  private names(): string[] {
    return USED_TOPICS.flatMap((topic) => [this.topic(topic), dlqTopic(this.topic(topic))]);
  }
}
