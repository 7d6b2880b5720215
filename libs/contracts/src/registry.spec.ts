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

  it('puts every event type on a known topic, once', () => {
    const types = EVENT_DEFINITIONS.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    for (const definition of EVENT_DEFINITIONS) expect(ALL_TOPICS).toContain(definition.topic);
  });
});
