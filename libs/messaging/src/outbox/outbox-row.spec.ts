import { createEnvelope, type EventEnvelope } from '@ecommerce/contracts';
import { outboxInsert, toOutboxRow } from './outbox-row';

const envelope = (aggregateId: string, available: number): EventEnvelope =>
  createEnvelope(
    { type: 'inventory.stock-changed', aggregateId, data: { productId: aggregateId, available } },
    { source: 'test' },
  );

describe('toOutboxRow', () => {
  it('keys the row by aggregate id and carries the type and trace headers', () => {
    const event = envelope('8d4b3c49-8f3e-4a49-9d32-0a3d2c6f2f11', 3);
    const row = toOutboxRow(event, 'inventory.events', { traceparent: '00-abc-def-01' });
    expect(row).toEqual({
      eventId: event.id,
      topic: 'inventory.events',
      messageKey: '8d4b3c49-8f3e-4a49-9d32-0a3d2c6f2f11',
      eventType: 'inventory.stock-changed',
      payload: event,
      headers: { traceparent: '00-abc-def-01', type: 'inventory.stock-changed' },
    });
  });

  it('never lets a trace header override the type', () => {
    const row = toOutboxRow(envelope('k', 1), 't', { type: 'forged' });
    expect(row.headers.type).toBe('inventory.stock-changed');
  });
});

describe('outboxInsert', () => {
  it('writes all rows with one statement, six numbered parameters each, in order', () => {
    const rows = [envelope('a', 1), envelope('b', 2), envelope('a', 3)].map((e) =>
      toOutboxRow(e, 'inventory.events', {}),
    );
    const { sql, params } = outboxInsert(rows);
    expect(sql.match(/INSERT INTO/g)).toHaveLength(1);
    expect(sql).toContain(
      '($1, $2, $3, $4, $5::jsonb, $6::jsonb), ($7, $8, $9, $10, $11::jsonb, $12::jsonb), ($13,',
    );
    expect(params).toHaveLength(18);
    expect(params.filter((_, i) => i % 6 === 2)).toEqual(['a', 'b', 'a']);
    expect(JSON.parse(params[4] as string)).toEqual(rows[0]?.payload);
    expect(JSON.parse(params[5] as string)).toEqual({ type: 'inventory.stock-changed' });
  });

  it('refuses an empty batch rather than write invalid SQL', () => {
    expect(() => outboxInsert([])).toThrow('at least one row');
  });
});
