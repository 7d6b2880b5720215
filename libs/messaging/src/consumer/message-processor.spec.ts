import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { createEnvelope } from '@ecommerce/contracts';
import { RequestContext } from '@ecommerce/observability';
import type { KafkaMessage } from 'kafkajs';
import { DomainError } from '@ecommerce/errors';
import { NonRetryableError } from '../errors';
import type { MessagingLogger } from '../logger';
import type { EventHandlers } from './handlers';
import { MessageProcessor, type MessageOrigin } from './message-processor';
import { PartitionHealth } from './partition-health';

const productId = '0b9a1c6e-5a8e-4a4e-9a51-6a1f3d1c2b7e';
const quiet: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

const message = (value: string | null, offset = '0'): KafkaMessage => ({
  key: Buffer.from(productId),
  value: value === null ? null : Buffer.from(value),
  offset,
  timestamp: '0',
  attributes: 0,
  headers: { traceparent: Buffer.from(`00-${TRACE_ID}-b7ad6b7169203331-01`) },
});

const stockChanged = () =>
  createEnvelope(
    { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available: 3 } },
    { source: 'test', correlationId: 'corr-9' },
  );

function setup(handlers: EventHandlers, maxAttempts = 3) {
  const parked: Array<{ origin: MessageOrigin; error: unknown; attempts: number }> = [];
  const stopping = new AbortController();
  const health = new PartitionHealth();
  const processor = new MessageProcessor({
    groupId: 'test-group',
    handlers: handlers as EventHandlers<never>,
    maxAttempts,
    backoff: { initialMs: 1, maxMs: 2 },
    transientBackoff: { initialMs: 1, maxMs: 2 },
    health,
    logger: quiet,
    deadLetter: async (origin, error, attempts) => void parked.push({ origin, error, attempts }),
    signal: stopping.signal,
  });
  const process = (value: string | null, headers: Record<string, string> = {}) => {
    const origin = message(value);
    for (const [name, text] of Object.entries(headers)) origin.headers![name] = Buffer.from(text);
    return processor.process({ topic: 'inventory.events', partition: 0, message: origin });
  };
  return { parked, stopping, process, health };
}

describe('MessageProcessor', () => {
  it('runs the handler once, inside the event’s correlation and causation', async () => {
    const event = stockChanged();
    const seen: unknown[] = [];
    const { process, parked } = setup({
      'inventory.stock-changed': async (received, tx) =>
        void seen.push({ id: received.id, tx, context: RequestContext.current() }),
    });
    expect(await process(JSON.stringify(event))).toBe('done');
    expect(seen).toEqual([
      { id: event.id, tx: undefined, context: { correlationId: 'corr-9', causationId: event.id } },
    ]);
    expect(parked).toHaveLength(0);
  });

  it('acknowledges a type it has no handler for without parking it', async () => {
    const { process, parked } = setup({});
    expect(await process(JSON.stringify(stockChanged()))).toBe('done');
    expect(parked).toHaveLength(0);
  });

  it('parks a poison message at once, without calling a handler', async () => {
    const handler = jest.fn(async () => undefined);
    const { process, parked } = setup({ 'inventory.stock-changed': handler });
    await process('not json');
    await process(JSON.stringify({ ...stockChanged(), data: { productId } }));
    expect(handler).not.toHaveBeenCalled();
    expect(parked.map((p) => p.attempts)).toEqual([1, 1]);
  });

  it('retries a handler failing with an unknown error, then parks the message after maxAttempts', async () => {
    const handler = jest.fn(async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const { process, parked } = setup({ 'inventory.stock-changed': handler }, 3);
    expect(await process(JSON.stringify(stockChanged()))).toBe('done');
    expect(handler).toHaveBeenCalledTimes(3);
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({
      attempts: 3,
      error: new TypeError('cannot read properties of undefined'),
    });
  });

  it('waits out an infrastructure error far beyond maxAttempts, never parks it, and reports the partition meanwhile', async () => {
    let calls = 0;
    const waitingSeen: number[] = [];
    const { process, parked, health } = setup(
      {
        'inventory.stock-changed': async () => {
          calls += 1;
          waitingSeen.push(health.stuckPartitions().length);
          if (calls < 12)
            throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        },
      },
      2,
    );
    expect(await process(JSON.stringify(stockChanged()))).toBe('done');
    expect(calls).toBe(12);
    expect(parked).toHaveLength(0);
    expect(waitingSeen[0]).toBe(0);
    expect(waitingSeen[11]).toBe(1);
    expect(health.stuckPartitions()).toEqual([]);
  });

  it('parks a permanent domain error after one attempt', async () => {
    const handler = jest.fn(async () => {
      throw new DomainError('PRODUCT_NOT_FOUND', 'not_found', 'no such product');
    });
    const { process, parked } = setup({ 'inventory.stock-changed': handler }, 5);
    await process(JSON.stringify(stockChanged()));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(parked[0]?.attempts).toBe(1);
  });

  it('skips a replay meant for another group, and applies one meant for its own', async () => {
    const handler = jest.fn(async () => undefined);
    const { process } = setup({ 'inventory.stock-changed': handler });
    await process(JSON.stringify(stockChanged()), { 'x-replay-group': 'another-group' });
    expect(handler).not.toHaveBeenCalled();
    await process(JSON.stringify(stockChanged()), { 'x-replay-group': 'test-group' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('skips a malformed event of a type it does not handle instead of parking it', async () => {
    const { process, parked } = setup({ 'inventory.low-stock': async () => undefined });
    expect(await process(JSON.stringify({ ...stockChanged(), data: {} }))).toBe('done');
    expect(await process('not json', { type: 'inventory.stock-changed' })).toBe('done');
    expect(parked).toHaveLength(0);
  });

  it('succeeds when a retry does', async () => {
    let calls = 0;
    const { process, parked } = setup({
      'inventory.stock-changed': async () => {
        calls += 1;
        if (calls < 2) throw new Error('flaky');
      },
    });
    await process(JSON.stringify(stockChanged()));
    expect(calls).toBe(2);
    expect(parked).toHaveLength(0);
  });

  it('parks a NonRetryableError after one attempt', async () => {
    const handler = jest.fn(async () => {
      throw new NonRetryableError('no such order');
    });
    const { process, parked } = setup({ 'inventory.stock-changed': handler }, 5);
    await process(JSON.stringify(stockChanged()));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(parked[0]?.attempts).toBe(1);
  });

  it('leaves the message for redelivery when stopped during a retry wait', async () => {
    const { process, parked, stopping } = setup({
      'inventory.stock-changed': async () => {
        stopping.abort();
        throw Object.assign(new Error('connection terminated'), { code: 'ECONNRESET' });
      },
    });
    expect(await process(JSON.stringify(stockChanged()))).toBe('interrupted');
    expect(parked).toHaveLength(0);
  });

  describe('with a trace propagator', () => {
    beforeAll(() => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterAll(() => {
      context.disable();
      propagation.disable();
    });

    it('runs the handler in the trace the producer put in the headers', async () => {
      let traceId: string | undefined;
      const { process } = setup({
        'inventory.stock-changed': async () => {
          await Promise.resolve();
          traceId = trace.getSpanContext(context.active())?.traceId;
        },
      });
      await process(JSON.stringify(stockChanged()));
      expect(traceId).toBe(TRACE_ID);
    });
  });
});
