/** Why one call to an upstream failed; decides whether a retry can help and how it is counted. */
export type FailureReason = 'server_error' | 'timeout' | 'network_error' | 'bad_response' | 'rejected';

/** Raised inside the breaker for one failed attempt. */
export class UpstreamCallError extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UpstreamCallError';
  }

  /** Only transient failures are retried: a malformed answer would come back the same. */
  get retryable(): boolean {
    return this.reason === 'server_error' || this.reason === 'timeout' || this.reason === 'network_error';
  }
}

/** The upstream could not answer (down, slow, broken, or its breaker is open): callers fall back. */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly upstream: string,
    readonly reason: FailureReason,
  ) {
    super(`${upstream} is unavailable (${reason})`);
    this.name = 'UpstreamUnavailableError';
  }
}
