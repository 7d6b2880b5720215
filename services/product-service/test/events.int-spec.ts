import { Topics } from '@ecommerce/contracts';
import { eventually, TopicRecorder } from '@ecommerce/testing';
import { createCategory, createProduct } from './support/catalog';
import { startProductService, unique, type TestProductService } from './support/product-service';

/** Time for a duplicate or stray event to show up after the expected one did; the relay publishes within milliseconds. */
const SETTLE_MS = 1_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe('product-service product and category events on product.events (real PostgreSQL, Kafka)', () => {
  let service: TestProductService;
  let recorder: TopicRecorder;
  const admin = () => service.adminToken;

  beforeAll(async () => {
    // Subscribed before anything happens (a fresh group, from the latest offsets).
    recorder = await new TopicRecorder([Topics.productEvents]).start();
    service = await startProductService();
  });
  afterAll(async () => {
    await recorder.stop();
    await service.close();
  });

  it('publishes exactly one product.created, product.updated and product.deleted per write, carrying the product', async () => {
    const created = await createProduct(service);
    const id = created.id;
    const createdEvent = await eventually(() => {
      const [message] = recorder.ofType('product.created', id);
      expect(message).toBeDefined();
      return message;
    });
    expect(createdEvent.key).toBe(id);
    expect(createdEvent.headers.type).toBe('product.created');
    expect(createdEvent.envelope).toMatchObject({
      type: 'product.created',
      version: 1,
      source: 'product-service',
      aggregateId: id,
      data: created,
    });

    const patched = await service
      .http()
      .patch(`/api/products/${id}`)
      .auth(admin(), { type: 'bearer' })
      .send({ price: { amount: 9999, currency: 'EUR' } })
      .expect(200);
    const updatedEvent = await eventually(() => {
      const [message] = recorder.ofType('product.updated', id);
      expect(message).toBeDefined();
      return message;
    });
    expect(updatedEvent.envelope.data).toEqual(patched.body);
    expect((updatedEvent.envelope.data as { price: unknown }).price).toEqual({
      amount: 9999,
      currency: 'EUR',
    });

    await service.http().delete(`/api/products/${id}`).auth(admin(), { type: 'bearer' }).expect(204);
    const deletedEvent = await eventually(() => {
      const [message] = recorder.ofType('product.deleted', id);
      expect(message).toBeDefined();
      return message;
    });
    expect(deletedEvent.envelope.data).toEqual({ productId: id });

    await settle();
    const ofProduct = recorder.messages
      .filter((message) => message.envelope.aggregateId === id)
      .map((message) => message.envelope.type);
    expect(ofProduct).toEqual(['product.created', 'product.updated', 'product.deleted']);
  });

  it('publishes nothing for a write that changes nothing or fails', async () => {
    const product = await createProduct(service);
    await eventually(() => expect(recorder.ofType('product.created', product.id)).toHaveLength(1));

    await service
      .http()
      .patch(`/api/products/${product.id}`)
      .auth(admin(), { type: 'bearer' })
      .send({ name: product.name })
      .expect(200);
    await service
      .http()
      .patch(`/api/products/${product.id}`)
      .auth(admin(), { type: 'bearer' })
      .send({ price: { amount: 1, currency: 'USD' } })
      .expect(422);
    await service
      .http()
      .post('/api/products')
      .auth(admin(), { type: 'bearer' })
      .send({
        sku: product.sku,
        name: 'dup',
        description: '',
        categoryId: null,
        price: { amount: 1, currency: 'EUR' },
      })
      .expect(409);
    await service.http().delete(`/api/products/${product.id}`).auth(admin(), { type: 'bearer' }).expect(204);
    await service.http().delete(`/api/products/${product.id}`).auth(admin(), { type: 'bearer' }).expect(204);

    await eventually(() => expect(recorder.ofType('product.deleted', product.id)).toHaveLength(1));
    await settle();
    expect(
      recorder.messages
        .filter((message) => message.envelope.aggregateId === product.id)
        .map((message) => message.envelope.type),
    ).toEqual(['product.created', 'product.deleted']);
  });

  it('publishes one category.created per new category, keyed by its id and carrying it without children', async () => {
    const parent = await createCategory(service, 'Audio');
    const child = await createCategory(service, 'Headphones', parent.id);
    for (const category of [parent, child]) {
      const message = await eventually(() => {
        const [recorded] = recorder.ofType('category.created', category.id);
        expect(recorded).toBeDefined();
        return recorded;
      });
      expect(message.key).toBe(category.id);
      expect(message.headers.type).toBe('category.created');
      expect(message.envelope).toMatchObject({
        type: 'category.created',
        version: 1,
        source: 'product-service',
        aggregateId: category.id,
      });
      const { children: _children, ...withoutChildren } = category as typeof category & { children: unknown };
      expect(message.envelope.data).toEqual(withoutChildren);
    }
    expect(recorder.ofType('category.created', child.id)[0]?.envelope.data).toMatchObject({
      name: 'Headphones',
      parentId: parent.id,
    });

    await settle();
    expect(recorder.ofType('category.created', parent.id)).toHaveLength(1);
    expect(recorder.ofType('category.created', child.id)).toHaveLength(1);
  });

  it('publishes nothing for a category write that fails', async () => {
    const first = await createCategory(service, 'Garden');
    await eventually(() => expect(recorder.ofType('category.created', first.id)).toHaveLength(1));
    const lost = unique('lost');
    // Others publish on the shared topic meanwhile: only events naming these slugs count.
    const ofSlugs = () =>
      recorder
        .ofType('category.created')
        .filter((m) => [first.slug, lost].includes((m.envelope.data as { slug: string }).slug));

    await service
      .http()
      .post('/api/categories')
      .auth(service.adminToken, { type: 'bearer' })
      .send({ name: 'Garden again', slug: first.slug })
      .expect(409);
    await service
      .http()
      .post('/api/categories')
      .auth(service.adminToken, { type: 'bearer' })
      .send({ name: 'Lost', slug: lost, parentId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);

    await settle();
    expect(ofSlugs().map((m) => m.envelope.aggregateId)).toEqual([first.id]);
  });
});
