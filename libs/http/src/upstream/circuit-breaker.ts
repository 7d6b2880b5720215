export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Failed calls in a row that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one trial call through. */
  resetMs: number;
}

/**
 * A circuit breaker for one upstream. It opens after `failureThreshold` failures in a row; while open
 * every call is refused at once, so a dead upstream costs one fast rejection instead of a timeout per
 * request. After `resetMs` it is half-open: one trial call goes through, and its success closes the
 * breaker while its failure opens it for another `resetMs`. Time is read, never waited on, so there
 * is no timer to clean up.
 */
export class CircuitBreaker {
  private failuresInARow = 0;
  private openedAt?: number;
  private probing = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.resetMs ? 'half_open' : 'open';
  }

  /** Until the next trial call may go; 0 when calls go now. */
  get retryInMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.options.resetMs - this.now());
  }

  /**
   * Whether a call may be made now. Half-open lets exactly one through until it reports back, so a
   * recovering upstream is not hit by every waiting request at once. A `true` must be followed by
   * `succeeded()` or `failed()`.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.failuresInARow = 0;
    // A call begun before the breaker opened may end while it is open: only the trial call's answer
    // says the upstream is back.
    if (this.openedAt === undefined || !this.probing) return;
    this.probing = false;
    this.openedAt = undefined;
    this.onChange('closed');
  }

  failed(): void {
    if (this.probing) {
      this.probing = false;
      this.open();
      return;
    }
    if (this.openedAt !== undefined) return;
    this.failuresInARow += 1;
    if (this.failuresInARow >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.openedAt = this.now();
    this.failuresInARow = 0;
    this.onChange('open');
  }
}
