import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ContractViolation } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import { RequestContext } from '@ecommerce/observability';
import { Outbox } from './outbox';

const productId = '0b9a1c6e-5a8e-4a4e-9a51-6a1f3d1c2b7e';

function fakeTx() {
  const calls: Array<{ sql: string; params: unknown[] }> = [];
  const tx = {
    query: async (sql: string, params: unknown[]) => void calls.push({ sql, params }),
  } as unknown as Tx;
  return { tx, calls };
}

describe('Outbox.add', () => {
  const outbox = new Outbox('inventory-service');

  it('locks each distinct key and inserts every event with one statement, and returns the envelopes', async () => {
    const { tx, calls } = fakeTx();
    const envelopes = await outbox.add(
      tx,
      { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available: 4 } },
      {
        type: 'inventory.low-stock',
        aggregateId: productId,
        data: { productId, available: 4, threshold: 5 },
      },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.sql).toContain('pg_advisory_xact_lock');
    expect(calls[0]?.params[6]).toEqual([`inventory.events ${productId}`]);
    expect(envelopes.map((e) => e.type)).toEqual(['inventory.stock-changed', 'inventory.low-stock']);
    expect(envelopes[0]).toMatchObject({
      source: 'inventory-service',
      aggregateId: productId,
      version: 1,
      causationId: null,
    });
    expect(calls[0]?.params[1]).toEqual(['inventory.events', 'inventory.events']);
    expect(calls[0]?.params[2]).toEqual([productId, productId]);
    // Outside a request, the events of one call still share a correlation id.
    expect(envelopes[0]?.correlationId).toBe(envelopes[1]?.correlationId);
  });

  it('takes correlation and causation ids from the request context', async () => {
    const { tx } = fakeTx();
    const [event] = await RequestContext.run({ correlationId: 'corr-1', causationId: 'cause-1' }, () =>
      outbox.add(tx, {
        type: 'inventory.stock-changed',
        aggregateId: productId,
        data: { productId, available: 1 },
      }),
    );
    expect(event).toMatchObject({ correlationId: 'corr-1', causationId: 'cause-1' });
  });

  it('throws a ContractViolation and writes nothing when one event breaks its contract', async () => {
    const { tx, calls } = fakeTx();
    await expect(
      outbox.add(
        tx,
        { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available: 1 } },
        {
          type: 'inventory.stock-changed',
          aggregateId: productId,
          data: { productId: 'not-a-uuid', available: -1 },
        },
      ),
    ).rejects.toBeInstanceOf(ContractViolation);
    expect(calls).toHaveLength(0);
  });

  it('does nothing for no events', async () => {
    const { tx, calls } = fakeTx();
    expect(await outbox.add(tx)).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('locks distinct keys in sorted order, so writers of the same keys queue instead of deadlocking', async () => {
    const { tx, calls } = fakeTx();
    const [a, b] = ['f0000000-0000-4000-8000-000000000000', '10000000-0000-4000-8000-000000000000'];
    await outbox.add(
      tx,
      { type: 'inventory.stock-changed', aggregateId: a, data: { productId: a, available: 1 } },
      { type: 'inventory.stock-changed', aggregateId: b, data: { productId: b, available: 1 } },
      { type: 'inventory.stock-changed', aggregateId: a, data: { productId: a, available: 2 } },
    );
    expect(calls[0]?.params[6]).toEqual([`inventory.events ${b}`, `inventory.events ${a}`]);
  });

  it('uses topicFor when given', async () => {
    const { tx, calls } = fakeTx();
    await new Outbox('s', { topicFor: (type) => `test.${type}` }).add(tx, {
      type: 'inventory.stock-changed',
      aggregateId: productId,
      data: { productId, available: 1 },
    });
    expect(calls[0]?.params[1]).toEqual(['test.inventory.stock-changed']);
  });

  it('checks data against the type at compile time', async () => {
    const { tx } = fakeTx();
    const add = () =>
      outbox.add(tx, {
        type: 'inventory.stock-changed',
        aggregateId: productId,
        // @ts-expect-error threshold belongs to inventory.low-stock, and available is missing
        data: { productId, threshold: 5 },
      });
    await expect(add()).rejects.toBeInstanceOf(ContractViolation);
  });

  describe('with an active trace', () => {
    const contextManager = new AsyncLocalStorageContextManager();
    beforeAll(() => {
      context.setGlobalContextManager(contextManager.enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterAll(() => {
      context.disable();
      propagation.disable();
    });

    it('stores the W3C traceparent in the row headers', async () => {
      const { tx, calls } = fakeTx();
      const spanContext = {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceFlags: TraceFlags.SAMPLED,
      };
      await context.with(trace.setSpanContext(ROOT_CONTEXT, spanContext), () =>
        outbox.add(tx, {
          type: 'inventory.stock-changed',
          aggregateId: productId,
          data: { productId, available: 2 },
        }),
      );
      expect(JSON.parse((calls[0]?.params[5] as string[])[0]!)).toEqual({
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        type: 'inventory.stock-changed',
      });
    });
  });
});
