import { assertValidEnvelope, eventDefinition, type EventEnvelope } from '@ecommerce/contracts';
import { PoisonMessageError } from '../errors';

export type Decoded =
  | { kind: 'event'; envelope: EventEnvelope }
  /** A type this build's contracts do not know and this consumer has no handler for. */
  | { kind: 'foreign'; type: string }
  | { kind: 'poison'; error: Error; type?: string };

const typeOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
    ? (value as { type: string }).type
    : undefined;

/**
 * Turns a message value into a contract-checked envelope, or says why it is not one.
 * `handles` tells whether the consumer has a handler for a type.
 */
export function decodeEnvelope(value: Buffer | null, handles: (type: string) => boolean): Decoded {
  if (value === null) return { kind: 'poison', error: new PoisonMessageError('message has no value') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { kind: 'poison', error: new PoisonMessageError(`value is not JSON: ${(error as Error).message}`) };
  }
  const type = typeOf(parsed);
  // A type newer than this build (its producer deployed first) is none of this consumer's business
  // unless it has a handler for it; parking it would fill the DLQ of every group on the topic.
  if (type !== undefined && eventDefinition(type) === undefined && !handles(type)) return { kind: 'foreign', type };
  try {
    assertValidEnvelope(parsed);
    return { kind: 'event', envelope: parsed };
  } catch (error) {
    return { kind: 'poison', error: error as Error, type };
  }
}
