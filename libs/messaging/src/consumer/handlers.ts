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
