import { Topics } from '@ecommerce/contracts';
import { eventually, testTopic, testTopicPrefix, TopicRecorder } from '@ecommerce/testing';
import { createProduct } from './support/catalog';
import { startProductService, type TestProductService } from './support/product-service';

/** Long enough for a misrouted event to reach the platform's topic; the relay publishes within milliseconds. */
const QUIET_MS = 3_000;

describe('product-service with KAFKA_TOPIC_PREFIX (real PostgreSQL, Kafka)', () => {
  let service: TestProductService;
  let ownTopic: TopicRecorder;
  let platformTopic: TopicRecorder;

  beforeAll(async () => {
    ownTopic = await new TopicRecorder([Topics.productEvents]).start();
    // The topic a natively started platform consumes, read from its end on: it must stay untouched.
    platformTopic = await new TopicRecorder([Topics.productEvents], { topicPrefix: '' }).start();
    service = await startProductService();
  });
  afterAll(async () => {
    await ownTopic?.stop();
    await platformTopic?.stop();
    await service?.close();
  });

  it('publishes to the prefixed product.events only, never to the platform one', async () => {
    expect(testTopicPrefix()).toMatch(/^test\.[0-9a-f]+\.$/);
    expect(service.config.KAFKA_TOPIC_PREFIX).toBe(testTopicPrefix());

    const product = await createProduct(service);
    const created = await eventually(() => {
      const [message] = ownTopic.ofType('product.created', product.id);
      expect(message).toBeDefined();
      return message!;
    });
    expect(created.topic).toBe(testTopic(Topics.productEvents));
    expect(created.topic).not.toBe(Topics.productEvents);

    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(platformTopic.messages.filter((message) => message.envelope.aggregateId === product.id)).toEqual(
      [],
    );
  });
});
