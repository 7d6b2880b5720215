/** How many requests a service may work on at once, and when it counts as overloaded. */
export interface AdmissionLimits {
  /** Hard ceiling on requests in flight; anything above is shed whatever the event loop says. */
  maxConcurrent: number;
  /** The adaptive limit never drops under this, so an overloaded service still serves some requests. */
  minConcurrent: number;
  /** Event-loop delay (ms) above which the loop is queueing more than it can serve. */
  maxEventLoopDelayMs: number;
}

/** Shrink factor applied to the limit for every sample in which the event loop lagged. */
const DECREASE_FACTOR = 0.7;
/** Growth per healthy sample: 10 % of the limit, so 8 grows back to 256 in about 40 samples. */
const INCREASE_FRACTION = 0.1;

/**
 * An adaptive concurrency limit (AIMD) driven by the event loop. Each request asks to be admitted
 * and gives its place back when its answer is sent. The limit starts at `maxConcurrent`; on every
 * sample in which the loop lagged beyond `maxEventLoopDelayMs` it is cut multiplicatively toward
 * what is really in flight (an overloaded service's requests pile up in flight, waiting for their
 * store answers behind a busy loop), and on every healthy sample it grows back by a tenth.
 * The floor `minConcurrent` keeps a service that is starved of CPU by its neighbours (its loop lags
 * without it being busy) serving, instead of refusing everything. The excess is refused at once, which costs almost nothing, instead of being queued on a loop that
 * already cannot keep up: queued requests only grow every admitted request's latency until clients
 * time out and retry.
 */
export class AdmissionControl {
  private inFlightCount = 0;
  private currentLimit: number;

  constructor(private readonly limits: AdmissionLimits) {
    if (limits.minConcurrent < 1 || limits.minConcurrent > limits.maxConcurrent) {
      throw new RangeError(
        `minConcurrent must be between 1 and maxConcurrent (${limits.minConcurrent} / ${limits.maxConcurrent})`,
      );
    }
    this.currentLimit = limits.maxConcurrent;
  }

  /** True (and the place is taken) when the request may go on; false when it must be shed. */
  tryAdmit(): boolean {
    if (this.inFlightCount >= this.currentLimit) return false;
    this.inFlightCount++;
    return true;
  }

  /** Gives back the place of an admitted request; call exactly once per admitted request. */
  release(): void {
    if (this.inFlightCount > 0) this.inFlightCount--;
  }

  /** Feeds one event-loop delay sample (ms) into the limit. */
  observeEventLoopDelay(delayMs: number): void {
    const { minConcurrent, maxConcurrent, maxEventLoopDelayMs } = this.limits;
    if (delayMs > maxEventLoopDelayMs) {
      // Cut from what is really in flight when that is lower: a limit far above the load would
      // otherwise take many samples to bite.
      const base = Math.min(this.currentLimit, Math.max(this.inFlightCount, minConcurrent));
      this.currentLimit = Math.max(minConcurrent, Math.floor(base * DECREASE_FACTOR));
    } else if (this.currentLimit < maxConcurrent) {
      const step = Math.max(1, Math.ceil(this.currentLimit * INCREASE_FRACTION));
      this.currentLimit = Math.min(maxConcurrent, this.currentLimit + step);
    }
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  get limit(): number {
    return this.currentLimit;
  }
}
