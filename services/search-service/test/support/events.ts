import {
  assertValidEnvelope,
  createEnvelope,
  type EventDataMap,
  type EventEnvelope,
  type EventType,
  type ProductSnapshot,
  type TypedEnvelope,
} from '@ecommerce/contracts';
import { TestPublisher } from '@ecommerce/testing';

/**
 * Publishes real events the way the producing services do (a contract-checked envelope, keyed by
 * aggregate id, with the type header), to the test file's own copies of the topics.
 */
export class EventPublisher {
  private constructor(private readonly publisher: TestPublisher) {}

  static async connect(): Promise<EventPublisher> {
    return new EventPublisher(await new TestPublisher({ clientId: 'search-service-test' }).start());
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
    await this.publisher.send(envelope as TypedEnvelope<EventType>);
  }

  productCreated = (product: ProductSnapshot) =>
    this.publish('product.created', product.id, product, new Date(product.updatedAt));
  productUpdated = (product: ProductSnapshot) =>
    this.publish('product.updated', product.id, product, new Date(product.updatedAt));
  productDeleted = (productId: string, at: Date = new Date()) =>
    this.publish('product.deleted', productId, { productId }, at);
  stockChanged = (productId: string, available: number, at: Date = new Date()) =>
    this.publish('inventory.stock-changed', productId, { productId, available }, at);

  close(): Promise<void> {
    return this.publisher.stop();
  }
}
