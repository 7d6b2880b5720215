import type { EventEnvelope, EventType, TypedEnvelope } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';

/**
 * Applies one event. With a `database` the consumer passes the transaction that also records the
 * event in the inbox: write through `tx` and the effect happens exactly once. Without one `tx` is
 * undefined and the handler must be idempotent itself (upsert by id, compare versions).
 */
export type EventHandler<T extends EventType> = (event: TypedEnvelope<T>, tx: Tx | undefined) => Promise<void>;

/** The handlers of one consumer, by event type; other types on its topics are acknowledged and skipped. */
export type EventHandlers = Partial<{ [T in EventType]: EventHandler<T> }>;

/** A handler once the type has been checked at run time. */
export type AnyEventHandler = (event: EventEnvelope, tx: Tx | undefined) => Promise<void>;

export function handlerFor(handlers: EventHandlers, type: string): AnyEventHandler | undefined {
  return Object.hasOwn(handlers, type) ? ((handlers as Record<string, AnyEventHandler | undefined>)[type] ?? undefined) : undefined;
}
