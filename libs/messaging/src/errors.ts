import { PermanentError } from '@ecommerce/errors';

/**
 * Thrown by an event handler when retrying cannot help (the event refers to something that will never
 * exist, a business rule rejects it for good): the message goes to the DLQ at once. A `PermanentError`
 * (and a `DomainError` of a permanent kind) from `@ecommerce/errors` does the same.
 */
export class NonRetryableError extends PermanentError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NonRetryableError';
  }
}

/** A message that is not an event at all: no value, or a value that is not JSON. */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
