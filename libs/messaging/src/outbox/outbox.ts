import { randomUUID } from 'node:crypto';
import {
  assertValidEnvelope,
  createEnvelope,
  eventDefinition,
  type EventDataMap,
  type EventEnvelope,
  type EventType,
  type TypedEnvelope,
} from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import { RequestContext } from '@ecommerce/observability';
import { traceHeaders } from '../tracing';
import { outboxInsert, toOutboxRow } from './outbox-row';

/**
 * An event to publish. A union over every event type, so `data` is checked against the `type`:
 * `{ type: 'order.created', aggregateId, data: { ...order } }`.
 */
export type OutgoingEvent<T extends EventType = EventType> = {
  [K in T]: { type: K; aggregateId: string; data: EventDataMap[K]; version?: number };
}[T];

export interface OutboxOptions {
  /** Topic of each event; the contract's topic by default. */
  topicFor?: (type: EventType) => string;
}

const contractTopic = (type: EventType): string => {
  const definition = eventDefinition(type);
  if (!definition) throw new Error(`no contract for event type ${type}`);
  return definition.topic;
};

/**
 * Writes events into the outbox table inside the caller's transaction: they are published when, and
 * only if, that transaction commits.
 *
 * ```ts
 * await db.transaction(async (tx) => {
 *   await orders.insert(tx, order);
 *   await outbox.add(tx, { type: 'order.created', aggregateId: order.id, data: toEventData(order) });
 * });
 * ```
 */
export class Outbox {
  private readonly topicFor: (type: EventType) => string;

  constructor(
    private readonly serviceName: string,
    options: OutboxOptions = {},
  ) {
    this.topicFor = options.topicFor ?? contractTopic;
  }

  /**
   * Validates every event against its contract (a `ContractViolation` throws before anything is
   * written), then with one statement on `tx` takes a transaction-scoped advisory lock on each
   * distinct (topic, key) and inserts them all. Returns the envelopes as published.
   *
   * The lock makes per-key order hold by construction: a second transaction writing events of the
   * same key waits here until the first one ends, so its rows get their ids (the publish order) only
   * after the first one's rows committed. Keys are locked in sorted order, so two `add` calls with
   * the same keys cannot deadlock; two calls in one transaction locking keys in opposite orders can,
   * and PostgreSQL then aborts one of them (40P01), which the caller retries.
   */
  async add<T extends EventType>(tx: Tx, ...events: OutgoingEvent<T>[]): Promise<TypedEnvelope<T>[]> {
    if (events.length === 0) return [];
    const work = RequestContext.current();
    // Work started outside a request (a timer, a script) still gets one correlation id for the batch.
    const correlationId = work?.correlationId ?? randomUUID();
    const causationId = work?.causationId ?? null;
    const envelopes = events.map((event) =>
      createEnvelope(event, { source: this.serviceName, correlationId, causationId }),
    );
    await this.write(tx, envelopes as EventEnvelope[]);
    return envelopes as TypedEnvelope<T>[];
  }

  /**
   * `add` for the events of several incoming events at once (a consumer's batch handler): each
   * entry's events carry its cause's correlation id and name the cause, as if each had been added
   * inside `withEventContext(cause, ...)`, but with one statement (every key locked, sorted) for them
   * all.
   */
  async addCaused<T extends EventType>(
    tx: Tx,
    entries: ReadonlyArray<{
      cause: Pick<EventEnvelope, 'id' | 'correlationId'>;
      events: ReadonlyArray<OutgoingEvent<T>>;
    }>,
  ): Promise<Array<TypedEnvelope<T>>> {
    const envelopes = entries.flatMap(({ cause, events }) =>
      events.map((event) =>
        createEnvelope(event, {
          source: this.serviceName,
          correlationId: cause.correlationId,
          causationId: cause.id,
        }),
      ),
    );
    if (envelopes.length === 0) return [];
    await this.write(tx, envelopes as EventEnvelope[]);
    return envelopes;
  }

  private async write(tx: Tx, envelopes: EventEnvelope[]): Promise<void> {
    const trace = traceHeaders();
    for (const envelope of envelopes) assertValidEnvelope(envelope);
    const rows = envelopes.map((envelope) =>
      toOutboxRow(envelope, this.topicFor(envelope.type as EventType), trace),
    );
    const { sql, params } = outboxInsert(rows);
    await tx.query(sql, params);
  }
}
