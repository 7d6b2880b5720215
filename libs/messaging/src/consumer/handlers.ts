import type { EventEnvelope, EventType, TypedEnvelope } from '@ecommerce/contracts';
import type { Database, Tx } from '@ecommerce/database';

/**
 * Applies one event. With a `database` the consumer passes the transaction that also records the
 * event in the inbox (`TTx` = `Tx`): write through `tx` and the effect happens exactly once. Without
 * one `tx` is undefined (`TTx` = `undefined`) and the handler must be idempotent itself (upsert by
 * id, compare versions).
 */
export type EventHandler<T extends EventType, TTx extends Tx | undefined = Tx | undefined> = (
  event: TypedEnvelope<T>,
  tx: TTx,
) => Promise<void>;

/** The handlers of one consumer, by event type; other types on its topics are acknowledged and skipped. */
export type EventHandlers<TTx extends Tx | undefined = Tx | undefined> = Partial<{
  [T in EventType]: EventHandler<T, TTx>;
}>;

/**
 * What a handler receives as `tx`: `Tx` for a consumer with a database, `undefined` without one, and
 * either when that is only known at run time.
 */
export type TxOf<D extends Database | undefined> = [D] extends [Database]
  ? Tx
  : [D] extends [undefined]
    ? undefined
    : Tx | undefined;

/** A handler once the type has been checked at run time. */
export type AnyEventHandler = (event: EventEnvelope, tx: Tx | undefined) => Promise<void>;

export function handlerFor(handlers: EventHandlers<never>, type: string): AnyEventHandler | undefined {
  return Object.hasOwn(handlers, type)
    ? ((handlers as Record<string, AnyEventHandler | undefined>)[type] ?? undefined)
    : undefined;
}

/**
 * Applies a run of events of one type, in partition order, in the transaction that also records them
 * in the inbox: set-based SQL instead of one round of queries per event. Only events not applied
 * before are passed. What belongs to one event (its outbox events) is best added inside
 * `withEventContext(event, ...)`, so it names that event as its cause.
 */
export type BatchEventHandler<T extends EventType> = (events: TypedEnvelope<T>[], tx: Tx) => Promise<void>;

/** Batch handlers by event type; each type listed here needs its per-event handler too (see EventConsumer). */
export type BatchEventHandlers = Partial<{ [T in EventType]: BatchEventHandler<T> }>;

/** A batch handler once the type has been checked at run time. */
export type AnyBatchEventHandler = (events: EventEnvelope[], tx: Tx) => Promise<void>;

export function batchHandlerFor(
  handlers: BatchEventHandlers,
  type: string,
): AnyBatchEventHandler | undefined {
  return Object.hasOwn(handlers, type)
    ? ((handlers as Record<string, AnyBatchEventHandler | undefined>)[type] ?? undefined)
    : undefined;
}
