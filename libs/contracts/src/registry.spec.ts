import { randomUUID } from 'node:crypto';
import { createEnvelope } from './envelope';
import { assertValidEnvelope, ContractViolation, EVENT_DEFINITIONS } from './registry';
import { ALL_TOPICS } from './topics';

describe('event registry', () => {
  const registered = () =>
    createEnvelope(
      {
        type: 'user.registered',
        aggregateId: randomUUID(),
        data: { userId: randomUUID(), email: 'ada@example.com', name: 'Ada' },
      },
      { source: 'user-service' },
    );

  it('accepts a well-formed event', () => {
    expect(() => assertValidEnvelope(registered())).not.toThrow();
  });

  it('rejects data that breaks the schema, naming the field', () => {
    const event = { ...registered(), data: { userId: 'not-a-uuid', email: 'ada@example.com' } };
    expect(() => assertValidEnvelope(event)).toThrow(ContractViolation);
    expect(() => assertValidEnvelope(event)).toThrow(/userId|name/);
  });

  it('rejects unknown types and envelopes missing fields', () => {
    expect(() => assertValidEnvelope({ ...registered(), type: 'user.exploded' })).toThrow(
      'unknown event type',
    );
    const { correlationId: _omitted, ...withoutCorrelation } = registered();
    expect(() => assertValidEnvelope(withoutCorrelation)).toThrow('malformed event envelope');
    expect(() => assertValidEnvelope('garbage')).toThrow(ContractViolation);
  });

  it('checks category events on product.events against their own schemas', () => {
    const id = randomUUID();
    const event = <T extends 'category.created' | 'category.deleted'>(type: T, data: unknown) =>
      createEnvelope({ type, aggregateId: id, data }, { source: 'product-service' });
    const category = { id, name: 'Audio', slug: 'audio', parentId: null };
    expect(() => assertValidEnvelope(event('category.created', category))).not.toThrow();
    expect(() =>
      assertValidEnvelope(event('category.created', { ...category, parentId: randomUUID() })),
    ).not.toThrow();
    expect(() => assertValidEnvelope(event('category.created', { ...category, parentId: 'x' }))).toThrow(
      /parentId/,
    );
    expect(() => assertValidEnvelope(event('category.created', { ...category, name: '' }))).toThrow(/name/);
    expect(() => assertValidEnvelope(event('category.deleted', { categoryId: id }))).not.toThrow();
    expect(() => assertValidEnvelope(event('category.deleted', { id }))).toThrow(/categoryId/);
    expect(EVENT_DEFINITIONS.filter((d) => d.type.startsWith('category.')).map((d) => d.topic)).toEqual([
      'product.events',
      'product.events',
      'product.events',
    ]);
  });

  it('puts every event type on a known topic, once', () => {
    const types = EVENT_DEFINITIONS.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    for (const definition of EVENT_DEFINITIONS) expect(ALL_TOPICS).toContain(definition.topic);
  });
});
