/**
 * Kafka error types that no retry can fix for this record: it is too large, its topic does not exist
 * or may not be written to, or the broker rejects the record itself.
 */
const REFUSED_FOR_GOOD = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_TOPIC_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'TOPIC_AUTHORIZATION_FAILED',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
]);

export interface Refusal {
  reason: string;
  /** The topic does not exist (after kafkajs' own retries, so it was not merely being created). */
  unknownTopic: boolean;
}

interface KafkaLikeError {
  name?: string;
  message?: string;
  type?: string;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown[];
}

function* causes(error: unknown, depth = 0): Generator<KafkaLikeError> {
  if (typeof error !== 'object' || error === null || depth > 8) return;
  const current = error as KafkaLikeError;
  yield current;
  if (Array.isArray(current.errors)) for (const inner of current.errors) yield* causes(inner, depth + 1);
  yield* causes(current.cause ?? current.originalError, depth + 1);
}

/**
 * Says whether kafkajs failed a send because the broker refuses the record for good, and why; undefined
 * for everything else (the broker unreachable, a leader election, a timeout), which is retried.
 * UNKNOWN_TOPIC_OR_PARTITION is retriable for kafkajs (a topic being created); it reaches us only once
 * kafkajs' retries gave up on it.
 */
export function refusedForGood(error: unknown): Refusal | undefined {
  for (const link of causes(error)) {
    if (link.type !== undefined && REFUSED_FOR_GOOD.has(link.type)) {
      return {
        reason: `${link.type}: ${link.message ?? ''}`.slice(0, 1_000),
        unknownTopic: link.type === 'UNKNOWN_TOPIC_OR_PARTITION',
      };
    }
  }
  return undefined;
}
