import { assertValidEnvelope, type EventEnvelope } from '@ecommerce/contracts';
import { PoisonMessageError } from '../errors';

export type Decoded =
  | { kind: 'event'; envelope: EventEnvelope }
  /** A type this consumer has no handler for: acknowledged without being validated. */
  | { kind: 'unhandled'; type: string }
  | { kind: 'poison'; error: Error; type?: string };

const typeOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
    ? (value as { type: string }).type
    : undefined;

/**
 * Turns a message value into a contract-checked envelope, or says why it is not one.
 * `handles` tells whether the consumer has a handler for a type; `typeHeader` is the `type` header
 * the outbox sets. A type the consumer does not handle is skipped before it is validated: a malformed
 * event is the business of the groups that handle it, not of every group on the topic.
 */
export function decodeEnvelope(
  value: Buffer | null,
  handles: (type: string) => boolean,
  typeHeader?: string,
): Decoded {
  if (typeHeader !== undefined && !handles(typeHeader)) return { kind: 'unhandled', type: typeHeader };
  if (value === null) return { kind: 'poison', error: new PoisonMessageError('message has no value') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return {
      kind: 'poison',
      error: new PoisonMessageError(`value is not JSON: ${(error as Error).message}`),
    };
  }
  const type = typeOf(parsed);
  if (type !== undefined && !handles(type)) return { kind: 'unhandled', type };
  try {
    assertValidEnvelope(parsed);
    return { kind: 'event', envelope: parsed };
  } catch (error) {
    return { kind: 'poison', error: error as Error, type };
  }
}
