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
  it('writes all rows with one statement that first locks each distinct key, sorted', () => {
    const rows = [envelope('b', 1), envelope('a', 2), envelope('b', 3)].map((e) =>
      toOutboxRow(e, 'inventory.events', {}),
    );
    const { sql, params } = outboxInsert(rows);
    expect(sql.match(/INSERT INTO/g)).toHaveLength(1);
    expect(sql).toContain('pg_advisory_xact_lock');
    expect(params).toHaveLength(7);
    expect(params[2]).toEqual(['b', 'a', 'b']);
    expect(params[3]).toEqual(Array(3).fill('inventory.stock-changed'));
    expect(JSON.parse((params[4] as string[])[0]!)).toEqual(rows[0]?.payload);
    expect(JSON.parse((params[5] as string[])[0]!)).toEqual({ type: 'inventory.stock-changed' });
    expect(params[6]).toEqual(['inventory.events a', 'inventory.events b']);
  });

  it('keeps one statement text whatever the number of rows', () => {
    const one = outboxInsert([toOutboxRow(envelope('a', 1), 'inventory.events', {})]);
    const two = outboxInsert(
      [envelope('a', 1), envelope('b', 2)].map((e) => toOutboxRow(e, 'inventory.events', {})),
    );
    expect(two.sql).toBe(one.sql);
  });

  it('refuses an empty batch rather than write invalid SQL', () => {
    expect(() => outboxInsert([])).toThrow('at least one row');
  });
});
