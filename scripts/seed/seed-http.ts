/** A small JSON-over-HTTP client for the seeder: timeouts, retries while a service (re)starts. */

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

export class HttpError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const detail = (body as { detail?: string } | null)?.detail ?? JSON.stringify(body);
    super(`${method} ${url} -> ${status} ${detail ?? ''}`.trim());
    this.name = 'HttpError';
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const ATTEMPTS = 6;
const TIMEOUT_MS = 10_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** JSON when it is JSON; a proxy's HTML error page stays text instead of failing the parse. */
function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  correlationId?: string;
}

/**
 * Sends one request; connection failures, timeouts and 429/502/503/504 are retried with backoff.
 * Every other status is returned to the caller, which decides (e.g. 409 means "already there").
 */
export async function send<T = unknown>(
  method: string,
  url: string,
  options: RequestOptions = {},
): Promise<HttpAnswer<T>> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.correlationId ? { 'x-correlation-id': options.correlationId } : {}),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = parseBody(await response.text()) as T;
      if (!RETRYABLE_STATUS.has(response.status) || attempt === ATTEMPTS)
        return { status: response.status, body };
      const retryAfter = Number(response.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1_000 : 250 * 2 ** attempt);
    } catch (error) {
      lastError = error;
      if (attempt < ATTEMPTS) await sleep(250 * 2 ** attempt);
    }
  }
  throw new Error(
    `${method} ${url} failed: ${lastError instanceof Error ? (lastError.cause instanceof Error ? lastError.cause.message : lastError.message) : String(lastError)}`,
  );
}

/** `send` that expects one of `ok` statuses and throws an HttpError otherwise. */
export async function expectStatus<T = unknown>(
  method: string,
  url: string,
  ok: number[],
  options: RequestOptions = {},
): Promise<HttpAnswer<T>> {
  const answer = await send<T>(method, url, options);
  if (!ok.includes(answer.status)) throw new HttpError(method, url, answer.status, answer.body);
  return answer;
}

/** Runs `work` over `items` with at most `concurrency` in flight; `work` handles its own errors. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
