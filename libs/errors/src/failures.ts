/**
 * Thrown when retrying cannot help (the input refers to something that will never exist, a rule
 * rejects it for good): a message consumer parks the message at once.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/**
 * Thrown when a dependency is away for now (an upstream answered 503, a lock could not be had):
 * whoever retries is right to, for as long as it lasts.
 */
export class TransientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}
