import { setTimeout as sleep } from 'node:timers/promises';
import { CORRELATION_HEADER, RequestContext, type Logger } from '@ecommerce/observability';
import { context, propagation } from '@opentelemetry/api';
import CircuitBreaker from 'opossum';
import { retryDelay, shouldRetry } from './retry-policy';
import { UpstreamCallError, UpstreamUnavailableError } from './upstream.errors';
import {
  BREAKER_STATES,
  breakerStateGauge,
  upstreamCallDuration,
  upstreamCalls,
  type BreakerState,
} from './upstream.metrics';

export interface UpstreamOptions {
  name: string;
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  retryBackoffMs: number;
  breaker: { resetMs: number; errorThresholdPercent: number; volumeThreshold: number; windowMs: number };
}

/** A GET by id either finds the resource or learns for sure that it does not exist (404). */
export type Lookup<T> = { found: true; value: T } | { found: false };

/** Turns a parsed JSON body into the expected shape, or throws when the upstream answered nonsense. */
export type ShapeParser<T> = (body: unknown) => T;

type Call = (path: string, parse: ShapeParser<unknown>) => Promise<Lookup<unknown>>;

/**
 * GETs JSON from one upstream service with a per-attempt timeout, retries with backoff for
 * transient failures, and a circuit breaker so a dead upstream costs one fast rejection instead of a
 * timeout per request. Node's fetch keeps connections alive. Only idempotent GETs go through here,
 * which is what makes retrying safe. A 404 is an answer, not a failure: it never trips the breaker.
 */
export class UpstreamClient {
  private readonly breaker: CircuitBreaker<Parameters<Call>, Lookup<unknown>>;

  constructor(
    private readonly options: UpstreamOptions,
    private readonly logger: Logger,
  ) {
    this.breaker = new CircuitBreaker<Parameters<Call>, Lookup<unknown>>(
      (path, parse) => this.attempt(path, parse),
      {
        name: options.name,
        // The fetch has its own abortable timeout; opossum's would leave the request running.
        timeout: false,
        resetTimeout: options.breaker.resetMs,
        errorThresholdPercentage: options.breaker.errorThresholdPercent,
        volumeThreshold: options.breaker.volumeThreshold,
        rollingCountTimeout: options.breaker.windowMs,
      },
    );
    this.trackState();
  }

  get name(): string {
    return this.options.name;
  }

  get state(): BreakerState {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half_open' : 'closed';
  }

  /** Throws UpstreamUnavailableError when no answer could be had; never for a 404. */
  async get<T>(path: string, parse: ShapeParser<T>): Promise<Lookup<T>> {
    for (let attempts = 1; ; attempts++) {
      try {
        return (await this.breaker.fire(path, parse)) as Lookup<T>;
      } catch (error) {
        const failure = this.classify(error);
        if (!shouldRetry(failure, attempts, this.options.retries, this.breaker.opened)) {
          throw new UpstreamUnavailableError(this.options.name, failure.reason);
        }
        await sleep(retryDelay(attempts, this.options.retryBackoffMs));
      }
    }
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private async attempt(path: string, parse: ShapeParser<unknown>): Promise<Lookup<unknown>> {
    const stopTimer = upstreamCallDuration.startTimer({ upstream: this.options.name });
    try {
      const result = await this.request(path, parse);
      upstreamCalls.inc({ upstream: this.options.name, outcome: result.found ? 'success' : 'not_found' });
      return result;
    } catch (error) {
      const failure =
        error instanceof UpstreamCallError ? error : new UpstreamCallError('network_error', String(error));
      upstreamCalls.inc({ upstream: this.options.name, outcome: failure.reason });
      throw failure;
    } finally {
      stopTimer();
    }
  }

  private async request(path: string, parse: ShapeParser<unknown>): Promise<Lookup<unknown>> {
    const url = new URL(path, this.options.baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: this.headers(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw this.transportError(error);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { found: false };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const reason = response.status >= 500 || response.status === 429 ? 'server_error' : 'bad_response';
      throw new UpstreamCallError(
        reason,
        `${this.options.name} answered ${response.status} for ${url.pathname}`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw (error as Error).name === 'TimeoutError'
        ? this.transportError(error)
        : new UpstreamCallError('bad_response', 'the body is not JSON');
    }
    try {
      return { found: true, value: parse(body) };
    } catch (error) {
      throw new UpstreamCallError(
        'bad_response',
        `unexpected answer from ${this.options.name}: ${String(error)}`,
      );
    }
  }

  private transportError(error: unknown): UpstreamCallError {
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    return new UpstreamCallError(timedOut ? 'timeout' : 'network_error', String(error), { cause: error });
  }

  /** Correlation id and W3C trace context travel along, so the upstream's logs and spans join ours. */
  private headers(): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const work = RequestContext.current();
    if (work) headers[CORRELATION_HEADER] = work.correlationId;
    propagation.inject(context.active(), headers);
    return headers;
  }

  private classify(error: unknown): UpstreamCallError {
    if (error instanceof UpstreamCallError) return error;
    const code = (error as { code?: string }).code;
    if (code === 'EOPENBREAKER' || code === 'ESEMLOCKED') {
      upstreamCalls.inc({ upstream: this.options.name, outcome: 'rejected' });
      return new UpstreamCallError('rejected', `${this.options.name} breaker is open`);
    }
    return new UpstreamCallError('network_error', String(error));
  }

  private trackState(): void {
    const upstream = this.options.name;
    const set = (state: BreakerState) => breakerStateGauge.set({ upstream }, BREAKER_STATES[state]);
    set('closed');
    this.breaker.on('open', () => {
      set('open');
      this.logger.warn(
        { upstream, retryInMs: this.options.breaker.resetMs },
        'circuit breaker opened: answering from last known data',
      );
    });
    this.breaker.on('halfOpen', () => set('half_open'));
    this.breaker.on('close', () => {
      set('closed');
      this.logger.info({ upstream }, 'circuit breaker closed');
    });
  }
}
