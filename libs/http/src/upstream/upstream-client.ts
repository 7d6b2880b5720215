import { setTimeout as sleep } from 'node:timers/promises';
import { CORRELATION_HEADER, RequestContext, type Logger } from '@ecommerce/observability';
import { context, propagation } from '@opentelemetry/api';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './circuit-breaker';
import { isIdempotent, nextAttemptDelay, parseRetryAfter } from './retry-policy';
import { CircuitOpenError, UpstreamError } from './upstream.errors';
import type { UpstreamMetrics } from './upstream.metrics';

export interface UpstreamClientOptions {
  /** The upstream as named in metrics, logs and errors, e.g. `product-service`. */
  name: string;
  baseUrl: string;
  /** Per attempt, unless a call sets its own. */
  timeoutMs: number;
  /** Extra attempts for a call that is safe to repeat and failed transiently; 1 by default. */
  retries?: number;
  /** The first retry's pause, doubling after; 100 ms by default. */
  retryBackoffMs?: number;
  /** 5 failures in a row open it, a trial call goes after 10 s, by default. */
  breaker?: Partial<BreakerOptions>;
  metrics: UpstreamMetrics;
  logger: Logger;
}

const DEFAULTS = { retries: 1, retryBackoffMs: 100, breaker: { failureThreshold: 5, resetMs: 10_000 } };

export interface CallOptions {
  timeoutMs?: number;
  /** The caller's own token, for an upstream that checks the caller itself. */
  bearer?: string;
  headers?: Record<string, string>;
  /**
   * Whether the call may be sent twice; by default only for idempotent methods. A POST becomes safe
   * to repeat when it carries an Idempotency-Key the upstream honours.
   */
  idempotent?: boolean;
}

export interface UpstreamRequest<T> extends CallOptions {
  method?: string;
  /** Path and query, resolved against the base URL. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  parse: ShapeParser<T>;
}

/** A call either gets the resource or learns for sure that it does not exist (404). */
export type Lookup<T> = { found: true; value: T } | { found: false };

/** Turns a parsed JSON body (undefined when there was none) into the expected shape, or throws. */
export type ShapeParser<T> = (body: unknown) => T;

/**
 * Calls one other service over HTTP with JSON: a timeout per attempt, bounded retries with backoff
 * and jitter for calls safe to repeat, and a circuit breaker, so that a dead upstream costs one fast
 * CircuitOpenError instead of a timeout per request. The correlation id and the W3C trace context
 * travel along, so the upstream's logs and spans join the caller's. Every failure is an UpstreamError;
 * a 404 is an answer, not a failure. Node's fetch keeps connections alive.
 */
export class UpstreamClient {
  private readonly options: Required<UpstreamClientOptions> & { breaker: BreakerOptions };
  private readonly breaker: CircuitBreaker;

  constructor(options: UpstreamClientOptions, now: () => number = Date.now) {
    this.options = { ...DEFAULTS, ...options, breaker: { ...DEFAULTS.breaker, ...options.breaker } };
    this.breaker = new CircuitBreaker(this.options.breaker, (state) => this.logTransition(state), now);
    options.metrics.watch(options.name, () => this.breaker.state);
  }

  get name(): string {
    return this.options.name;
  }

  get state(): BreakerState {
    return this.breaker.state;
  }

  /** GET that must find its resource: a 404 is an UpstreamError too. */
  async get<T>(path: string, parse: ShapeParser<T>, options: CallOptions = {}): Promise<T> {
    return this.found(await this.call({ ...options, path, parse }), 'GET', path);
  }

  /** GET of something that may not exist. */
  lookup<T>(path: string, parse: ShapeParser<T>, options: CallOptions = {}): Promise<Lookup<T>> {
    return this.call({ ...options, path, parse });
  }

  /** POST of a JSON body; never retried unless `options.idempotent` says it is safe. */
  async post<T>(path: string, body: unknown, parse: ShapeParser<T>, options: CallOptions = {}): Promise<T> {
    return this.found(await this.call({ ...options, method: 'POST', path, body, parse }), 'POST', path);
  }

  async call<T>(request: UpstreamRequest<T>): Promise<Lookup<T>> {
    const method = (request.method ?? 'GET').toUpperCase();
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    const plan = {
      retries: this.options.retries,
      backoffMs: this.options.retryBackoffMs,
      // A pause longer than an attempt may take is better spent by the caller on its fallback.
      maxDelayMs: timeoutMs,
      idempotent: request.idempotent ?? isIdempotent(method),
    };
    for (let attempts = 1; ; attempts++) {
      try {
        return await this.attempt(request, method, timeoutMs);
      } catch (error) {
        const failure = error as UpstreamError;
        const delay = nextAttemptDelay(
          { reason: failure.reason, ...failure.details },
          attempts,
          plan,
          this.breaker.state === 'closed',
        );
        if (delay === undefined) throw failure;
        await sleep(delay);
      }
    }
  }

  private found<T>(answer: Lookup<T>, method: string, path: string): T {
    if (answer.found) return answer.value;
    throw new UpstreamError(this.name, 'bad_response', `${this.name} answered 404 for ${method} ${path}`, {
      status: 404,
    });
  }

  /** One try through the breaker; always settles with a value or an UpstreamError. */
  private async attempt<T>(
    request: UpstreamRequest<T>,
    method: string,
    timeoutMs: number,
  ): Promise<Lookup<T>> {
    const { calls, duration } = this.options.metrics;
    const upstream = this.name;
    if (!this.breaker.tryAcquire()) {
      calls.inc({ upstream, outcome: 'rejected' });
      throw new CircuitOpenError(upstream, this.breaker.retryInMs);
    }
    const stopTimer = duration.startTimer({ upstream });
    try {
      const result = await this.exchange(request, method, timeoutMs);
      this.breaker.succeeded();
      calls.inc({ upstream, outcome: result.found ? 'success' : 'not_found' });
      return result;
    } catch (error) {
      const failure =
        error instanceof UpstreamError
          ? error
          : new UpstreamError(upstream, 'network_error', String(error), {}, { cause: error });
      // Only signs that the upstream is down or drowning count; a 4xx or a malformed body came fast
      // from a service that is up, and opening the breaker would not help.
      const unhealthy =
        failure.reason === 'timeout' || failure.reason === 'network_error' || (failure.status ?? 0) >= 500;
      if (unhealthy) this.breaker.failed();
      else this.breaker.succeeded();
      calls.inc({ upstream, outcome: failure.reason });
      throw failure;
    } finally {
      stopTimer();
    }
  }

  private async exchange<T>(
    request: UpstreamRequest<T>,
    method: string,
    timeoutMs: number,
  ): Promise<Lookup<T>> {
    const url = new URL(request.path, this.options.baseUrl);
    const where = `${method} ${url.pathname}`;
    // One deadline for the whole exchange: a body that trickles in is as late as no answer.
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: this.headers(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return { found: false };
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new UpstreamError(
          this.name,
          response.status >= 500 || response.status === 429 ? 'server_error' : 'bad_response',
          `${this.name} answered ${response.status} for ${where}`,
          { status: response.status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) },
        );
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      const timedOut = signal.aborted || (error as Error).name === 'TimeoutError';
      throw new UpstreamError(
        this.name,
        timedOut ? 'timeout' : 'network_error',
        timedOut
          ? `${this.name} did not answer ${where} within ${timeoutMs} ms`
          : `${where} failed: ${String(error)}`,
        {},
        { cause: error },
      );
    }
    try {
      return { found: true, value: request.parse(text === '' ? undefined : JSON.parse(text)) };
    } catch (error) {
      throw new UpstreamError(
        this.name,
        'bad_response',
        `unexpected answer from ${this.name} to ${where}: ${String(error)}`,
        { status: response.status },
        { cause: error },
      );
    }
  }

  private headers(request: CallOptions & { body?: unknown }): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.bearer) headers.authorization = `Bearer ${request.bearer}`;
    const work = RequestContext.current();
    if (work) headers[CORRELATION_HEADER] = work.correlationId;
    propagation.inject(context.active(), headers);
    return headers;
  }

  private logTransition(state: BreakerState): void {
    const upstream = this.name;
    if (state === 'open') {
      this.options.logger.warn(
        { upstream, retryInMs: this.options.breaker.resetMs },
        'circuit breaker opened',
      );
    } else if (state === 'closed') {
      this.options.logger.info({ upstream }, 'circuit breaker closed');
    }
  }
}
