import {
  assertValidEnvelope,
  createEnvelope,
  eventDefinition,
  type EventDataMap,
  type EventEnvelope,
  type EventType,
  type ProductSnapshot,
  type TypedEnvelope,
} from '@ecommerce/contracts';
import { testTopic } from '@ecommerce/testing';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';

/**
 * Publishes real events the way the producing services do (a contract-checked envelope, keyed by
 * aggregate id, with the type header), to the test file's own copies of the topics.
 */
export class EventPublisher {
  private constructor(private readonly producer: Producer) {}

  static async connect(): Promise<EventPublisher> {
    const kafka = new Kafka({
      clientId: 'search-service-test',
      brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
      logLevel: logLevel.NOTHING,
    });
    // The same partitioner as the platform's relay, so a key lands on the partition it would in production.
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    return new EventPublisher(producer);
  }

  async publish<T extends EventType>(
    type: T,
    aggregateId: string,
    data: EventDataMap[T],
    occurredAt?: Date,
  ): Promise<TypedEnvelope<T>> {
    const envelope = createEnvelope(
      { type, aggregateId, data },
      { source: 'search-service-test', occurredAt },
    ) as TypedEnvelope<T>;
    await this.send(envelope);
    return envelope;
  }

  /** Sends an envelope as is: how a test replays an event that was already delivered. */
  async send(envelope: EventEnvelope): Promise<void> {
    assertValidEnvelope(envelope);
    const topic = testTopic(eventDefinition(envelope.type)!.topic);
    await this.producer.send({
      topic,
      acks: -1,
      messages: [
        { key: envelope.aggregateId, value: JSON.stringify(envelope), headers: { type: envelope.type } },
      ],
    });
  }

  productCreated = (product: ProductSnapshot) =>
    this.publish('product.created', product.id, product, new Date(product.updatedAt));
  productUpdated = (product: ProductSnapshot) =>
    this.publish('product.updated', product.id, product, new Date(product.updatedAt));
  productDeleted = (productId: string, at: Date = new Date()) =>
    this.publish('product.deleted', productId, { productId }, at);
  stockChanged = (productId: string, available: number, at: Date = new Date()) =>
    this.publish('inventory.stock-changed', productId, { productId, available }, at);

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
