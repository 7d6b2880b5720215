/**
 * Why a call to another service gave no usable answer. `rejected` means the circuit breaker refused
 * the call without making it; the names double as the `outcome` label of the upstream call metrics.
 */
export type UpstreamFailure = 'timeout' | 'network_error' | 'server_error' | 'bad_response' | 'rejected';

export interface UpstreamErrorDetails {
  /** The HTTP status, when the upstream answered at all. */
  status?: number;
  /** How long the upstream (its Retry-After) or its open breaker says to wait before asking again. */
  retryAfterMs?: number;
}

/**
 * Another service could not give a usable answer: down, slow, broken, or refused by the open breaker.
 * Callers fall back to what they know or map it to their own domain error (503 + Retry-After).
 */
export class UpstreamError extends Error {
  constructor(
    readonly upstream: string,
    readonly reason: UpstreamFailure,
    message: string,
    readonly details: UpstreamErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UpstreamError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** Whole seconds for the caller's own Retry-After: the upstream's hint when it gave one. */
  retryAfterSeconds(fallbackSeconds: number): number {
    const { retryAfterMs } = this.details;
    return retryAfterMs === undefined ? fallbackSeconds : Math.max(1, Math.ceil(retryAfterMs / 1_000));
  }
}

/** The upstream's breaker is open: the call was refused at once, without touching the network. */
export class CircuitOpenError extends UpstreamError {
  constructor(upstream: string, retryAfterMs: number) {
    super(upstream, 'rejected', `${upstream} is failing; its circuit breaker is open`, { retryAfterMs });
    this.name = 'CircuitOpenError';
  }
}
