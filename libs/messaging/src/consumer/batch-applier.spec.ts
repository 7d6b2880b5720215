import { createEnvelope, type EventEnvelope } from '@ecommerce/contracts';
import type { Database, Tx } from '@ecommerce/database';
import { TransientError } from '@ecommerce/errors';
import { RequestContext } from '@ecommerce/observability';
import type { KafkaMessage } from 'kafkajs';
import { NonRetryableError } from '../errors';
import type { MessagingLogger } from '../logger';
import { BatchApplier, chunksOf } from './batch-applier';
import type { BatchEventHandlers, EventHandlers } from './handlers';
import { MessageProcessor, type MessageOrigin, type PreparedMessage } from './message-processor';
import { PartitionHealth } from './partition-health';

const quiet: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const productId = '0b9a1c6e-5a8e-4a4e-9a51-6a1f3d1c2b7e';

const stockChanged = (available: number) =>
  createEnvelope(
    { type: 'inventory.stock-changed', aggregateId: productId, data: { productId, available } },
    { source: 'test', correlationId: `corr-${available}` },
  );
const lowStock = () =>
  createEnvelope(
    { type: 'inventory.low-stock', aggregateId: productId, data: { productId, available: 1, threshold: 5 } },
    { source: 'test' },
  );

const origin = (value: string | null, offset: number): MessageOrigin => ({
  topic: 'inventory.events',
  partition: 0,
  message: {
    key: Buffer.from(productId),
    value: value === null ? null : Buffer.from(value),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  } satisfies KafkaMessage,
});
const origins = (...values: Array<EventEnvelope | string | null>) =>
  values.map((value, offset) =>
    origin(typeof value === 'object' && value !== null ? JSON.stringify(value) : value, offset),
  );

/**
 * A database whose transactions keep their writes (`effects`) only if the work succeeds, and whose
 * inbox remembers event ids across transactions, like PostgreSQL would.
 */
class FakeDatabase {
  readonly committed: string[] = [];
  readonly inbox = new Set<string>();
  transactions = 0;

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    this.transactions += 1;
    const pendingInbox = new Set<string>();
    const pendingEffects: string[] = [];
    const tx = {
      query: async (sql: string, params: unknown[]) => {
        if (!sql.includes('inbox_messages')) throw new Error(`unexpected SQL ${sql}`);
        const ids = Array.isArray(params[1]) ? (params[1] as string[]) : [params[1] as string];
        const fresh = ids.filter(
          (id) => !this.inbox.has(id) && !pendingInbox.has(id) && pendingInbox.add(id),
        );
        return fresh.map((id) => ({ event_id: id }));
      },
      effects: pendingEffects,
    } as unknown as Tx;
    return work(tx).then((result) => {
      for (const id of pendingInbox) this.inbox.add(id);
      this.committed.push(...pendingEffects);
      return result;
    });
  }
}

const effect = (tx: Tx, what: string) => void (tx as unknown as { effects: string[] }).effects.push(what);

function setup(
  handlers: EventHandlers,
  batchHandlers: BatchEventHandlers = {},
  beforeBatch?: (events: EventEnvelope[], tx: Tx) => Promise<void>,
) {
  const database = new FakeDatabase();
  const parked: Array<{ offset: string; attempts: number }> = [];
  const processor = new MessageProcessor({
    groupId: 'test-group',
    handlers: handlers as EventHandlers<never>,
    database: database as unknown as Database,
    maxAttempts: 3,
    backoff: { initialMs: 1, maxMs: 2 },
    transientBackoff: { initialMs: 1, maxMs: 2 },
    health: new PartitionHealth(),
    logger: quiet,
    deadLetter: async (from, _error, attempts) => void parked.push({ offset: from.message.offset, attempts }),
    signal: new AbortController().signal,
  });
  const applier = new BatchApplier({
    groupId: 'test-group',
    database: database as unknown as Database,
    processor,
    batchHandlers,
    maxBatchSize: 3,
    beforeBatch,
    logger: quiet,
  });
  const finished: string[] = [];
  const run = (messages: MessageOrigin[], shouldStop = () => false) =>
    applier.processAll(messages, {
      finished: (offset) => void finished.push(offset),
      shouldStop,
      signal: new AbortController().signal,
    });
  return { database, parked, finished, run };
}

describe('chunksOf', () => {
  const prepared = (...kinds: Array<PreparedMessage['kind']>) =>
    kinds.map((kind, offset) => ({ kind, origin: origin(null, offset) }) as PreparedMessage);

  it('cuts at the batch size counting only events to apply, and puts an undecodable message alone', () => {
    const chunks = chunksOf(
      prepared('apply', 'skip', 'apply', 'poison', 'apply', 'apply', 'apply', 'apply', 'skip'),
      3,
    );
    expect(chunks.map((chunk) => chunk.map((m) => m.origin.message.offset))).toEqual([
      ['0', '1', '2'],
      ['3'],
      ['4', '5', '6'],
      ['7', '8'],
    ]);
  });
});

describe('BatchApplier', () => {
  it('applies a chunk in one transaction, in order, each handler in its event’s context', async () => {
    const events = [stockChanged(1), stockChanged(2), stockChanged(3)];
    const seen: unknown[] = [];
    const { database, finished, run } = setup({
      'inventory.stock-changed': async (event, tx) => {
        seen.push(RequestContext.current()?.causationId);
        effect(tx!, event.id);
      },
    });
    await run(origins(...events));
    expect(database.transactions).toBe(1);
    expect(database.committed).toEqual(events.map((e) => e.id));
    expect(seen).toEqual(events.map((e) => e.id));
    expect(finished).toEqual(['0', '1', '2']);
  });

  it('skips an event the inbox already holds, and a second copy within the chunk', async () => {
    const [a, b] = [stockChanged(1), stockChanged(2)];
    const { database, finished, run } = setup({
      'inventory.stock-changed': async (event, tx) => effect(tx!, event.id),
    });
    database.inbox.add(a.id);
    await run(origins(a, b, b));
    expect(database.committed).toEqual([b.id]);
    expect(finished).toEqual(['0', '1', '2']);
  });

  it('hands consecutive events of a type with a batch handler to it at once, others one by one', async () => {
    const events = [stockChanged(1), stockChanged(2), lowStock()];
    const calls: string[] = [];
    const { database, run } = setup(
      {
        'inventory.stock-changed': async () => void calls.push('single stock-changed'),
        'inventory.low-stock': async (event, tx) => {
          calls.push('single low-stock');
          effect(tx!, event.id);
        },
      },
      {
        'inventory.stock-changed': async (batch, tx) => {
          calls.push(`batch of ${batch.length}`);
          for (const event of batch) effect(tx, event.id);
        },
      },
    );
    await run(origins(...events));
    expect(calls).toEqual(['batch of 2', 'single low-stock']);
    expect(database.committed).toEqual(events.map((e) => e.id));
  });

  it('runs beforeBatch first, with the events to apply and not those the inbox holds', async () => {
    const [a, b, c] = [stockChanged(1), stockChanged(2), stockChanged(3)];
    const calls: string[] = [];
    const { database, run } = setup(
      { 'inventory.stock-changed': async (event) => void calls.push(`handle ${event.id}`) },
      {},
      async (events, tx) => {
        calls.push(`before ${events.map((event) => event.id).join(',')}`);
        effect(tx, 'locks');
      },
    );
    database.inbox.add(b.id);
    await run(origins(a, b, c));
    expect(calls).toEqual([`before ${a.id},${c.id}`, `handle ${a.id}`, `handle ${c.id}`]);
    expect(database.committed).toEqual(['locks']);
  });

  it('falls back to one event per transaction when the batch fails: the poison parked, the rest applied once', async () => {
    const events = [stockChanged(1), stockChanged(2), stockChanged(3)];
    const { database, parked, finished, run } = setup({
      'inventory.stock-changed': async (event, tx) => {
        effect(tx!, event.id);
        if (event.id === events[1].id) throw new NonRetryableError('never');
      },
    });
    await run(origins(...events));
    expect(database.committed).toEqual([events[0].id, events[2].id]);
    expect(parked).toEqual([{ offset: '1', attempts: 1 }]);
    expect(finished).toEqual(['0', '1', '2']);
    // The failed batch, then one transaction for each event.
    expect(database.transactions).toBe(4);
  });

  it('waits out a transient failure in the fallback and applies everything once, in order', async () => {
    const events = [stockChanged(1), stockChanged(2), stockChanged(3)];
    let failures = 0;
    const { database, parked, run } = setup({
      'inventory.stock-changed': async (event, tx) => {
        effect(tx!, event.id);
        if (event.id === events[1].id && failures < 4) {
          failures += 1;
          throw new TransientError('database away');
        }
      },
    });
    await run(origins(...events));
    expect(database.committed).toEqual(events.map((e) => e.id));
    expect(parked).toEqual([]);
  });

  it('parks an undecodable message where it stands and applies the chunks around it', async () => {
    const [a, b] = [stockChanged(1), stockChanged(2)];
    const { database, parked, finished, run } = setup({
      'inventory.stock-changed': async (event, tx) => effect(tx!, event.id),
    });
    await run(origins(a, 'not json', b));
    expect(database.committed).toEqual([a.id, b.id]);
    expect(parked).toEqual([{ offset: '1', attempts: 1 }]);
    expect(finished).toEqual(['0', '1', '2']);
  });

  it('stops between chunks when asked, leaving the rest unfinished for redelivery', async () => {
    const events = [1, 2, 3, 4, 5].map(stockChanged);
    const { database, finished, run } = setup({
      'inventory.stock-changed': async (event, tx) => effect(tx!, event.id),
    });
    let chunksStarted = 0;
    await run(origins(...events), () => ++chunksStarted > 1);
    expect(finished).toEqual(['0', '1', '2']);
    expect(database.committed).toHaveLength(3);
  });
});
