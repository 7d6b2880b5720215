import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@ecommerce/contracts';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { testTopicPrefix } from './test-topics';

export interface RecordedMessage {
  /** The name in Kafka, prefix included. */
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  envelope: EventEnvelope;
}

export interface TopicRecorderOptions {
  /** Put before each topic. Default: the test file's own (KAFKA_TOPIC_PREFIX); '' for the contract's topics themselves. */
  topicPrefix?: string;
  brokers?: string[];
}

/**
 * Records what really arrives on Kafka topics (contract names; in an integration test the file's own
 * copies of them, see TestTopics), from the moment `start` returns, so a test can assert on
 * published events end to end. Each recorder has its own consumer group.
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer?: Consumer;
  private readonly topics: string[];
  private readonly brokers: string[];

  constructor(topics: string[], options: TopicRecorderOptions = {}) {
    const prefix = options.topicPrefix ?? testTopicPrefix();
    this.topics = topics.map((topic) => `${prefix}${topic}`);
    this.brokers = options.brokers ?? (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  }

  async start(): Promise<this> {
    const kafka = new Kafka({
      clientId: 'topic-recorder',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
    });
    this.consumer = kafka.consumer({
      groupId: `${testTopicPrefix()}test-recorder-${randomUUID()}`,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: false });
    let joined!: () => void;
    const assigned = new Promise<void>((resolve) => (joined = resolve));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => joined());
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (!message.value) return;
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        this.messages.push({
          topic,
          key: message.key?.toString() ?? null,
          headers,
          envelope: JSON.parse(message.value.toString()),
        });
      },
    });
    await assigned;
    // A new group starts at the latest offsets; give the first fetch a moment to pin them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return this;
  }

  ofType(type: string, aggregateId?: string): RecordedMessage[] {
    return this.messages.filter(
      (m) =>
        m.envelope.type === type && (aggregateId === undefined || m.envelope.aggregateId === aggregateId),
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
