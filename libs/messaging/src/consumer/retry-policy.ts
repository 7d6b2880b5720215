import { ContractViolation } from '@ecommerce/contracts';
import { classifyFailure } from '@ecommerce/errors';

/**
 * `wait`: infrastructure is away; retry for as long as it lasts, the partition waits, never parked.
 * `retry`: an error of unknown class; retried up to `maxAttempts`.
 * `dead-letter`: it can never succeed, or an unknown error kept failing; park it.
 */
export type FailureDecision = 'wait' | 'retry' | 'dead-letter';

/**
 * After a failed attempt: wait and retry, retry a bounded number of times, or park the message.
 *
 * - Infrastructure errors (a database, Redis, Elasticsearch or an upstream unreachable, timeouts,
 *   serialization failures, deadlocks, kafkajs' retriable errors): retried without limit. Parking
 *   them would let the partition move on, and a later event of the same key overtake this one.
 * - Errors that say the input is wrong (a permanent `DomainError` kind, `PermanentError` and so
 *   `NonRetryableError`, a `ContractViolation` raised by what the handler publishes): parked at once.
 * - Anything else is a bug or a surprise (a TypeError): retried `maxAttempts` times in all, then
 *   parked, so one bad message cannot stop its partition for good, and the DLQ keeps it for a fix
 *   and a replay.
 */
export function decideAfterFailure(error: unknown, attempt: number, maxAttempts: number): FailureDecision {
  if (error instanceof ContractViolation) return 'dead-letter';
  switch (classifyFailure(error)) {
    case 'transient':
      return 'wait';
    case 'permanent':
      return 'dead-letter';
    case 'unknown':
      return attempt >= maxAttempts ? 'dead-letter' : 'retry';
  }
}
