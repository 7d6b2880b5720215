import {
  createEnvelope,
  eventDefinition,
  type EventDataMap,
  type EventType,
  type TypedEnvelope,
} from '@ecommerce/contracts';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { testTopicPrefix } from './test-topics';

export interface TestPublisherOptions {
  /** Shown to the broker; default `test-publisher`. */
  clientId?: string;
  /** The envelope's `source` when a call names none; default `order-service`. */
  defaultSource?: string;
  /** Put before the contract's topic (see TestTopics). Default: the test file's own (KAFKA_TOPIC_PREFIX). */
  topicPrefix?: string;
}

/**
 * Publishes real envelopes to the topics the contracts name, as another service would: in an
 * integration test, to the test file's own copies of them (see TestTopics).
 */
export class TestPublisher {
  private producer?: Producer;

  constructor(private readonly options: TestPublisherOptions = {}) {}

  async start(): Promise<this> {
    const kafka = new Kafka({
      clientId: this.options.clientId ?? 'test-publisher',
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
    source = this.options.defaultSource ?? 'order-service',
  ): TypedEnvelope<T> {
    return createEnvelope({ type, aggregateId, data }, { source }) as TypedEnvelope<T>;
  }

  async send(...envelopes: TypedEnvelope<EventType>[]): Promise<void> {
    if (!this.producer) throw new Error('publisher not started');
    for (const envelope of envelopes) {
      await this.producer.send({
        topic: `${this.options.topicPrefix ?? testTopicPrefix()}${eventDefinition(envelope.type)!.topic}`,
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
