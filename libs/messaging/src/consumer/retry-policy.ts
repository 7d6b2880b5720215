import { ContractViolation } from '@ecommerce/contracts';
import { NonRetryableError } from '../errors';

export type FailureDecision = 'retry' | 'dead-letter';

/**
 * After a failed attempt: retry, or park the message. A `NonRetryableError` and a contract violation
 * (the handler tried to publish a bad event: the same input fails the same way) are parked at once.
 */
export function decideAfterFailure(error: unknown, attempt: number, maxAttempts: number): FailureDecision {
  if (error instanceof NonRetryableError || error instanceof ContractViolation) return 'dead-letter';
  return attempt >= maxAttempts ? 'dead-letter' : 'retry';
}
