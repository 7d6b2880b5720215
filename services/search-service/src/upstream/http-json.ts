import { CORRELATION_HEADER, RequestContext } from '@ecommerce/observability';

/** A call to another service that failed; `status` is set when it answered at all. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  /** Worth another try: no answer, or a server-side failure. */
  get transient(): boolean {
    return this.status === undefined || this.status >= 500 || this.status === 429;
  }
}

/** GET a JSON document with a deadline, passing the correlation id along. */
export async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', [CORRELATION_HEADER]: RequestContext.correlationId() },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new UpstreamError(`GET ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new UpstreamError(`GET ${url} answered ${response.status}`, response.status);
  }
  try {
    return await response.json();
  } catch {
    throw new UpstreamError(`GET ${url} answered with a body that is not JSON`, response.status);
  }
}

/** Retries transient failures a few times with a growing pause; a 4xx is final at once. */
export async function withRetries<T>(work: () => Promise<T>, attempts = 3, firstPauseMs = 300): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !(error instanceof UpstreamError) || !error.transient) throw error;
      await new Promise((resolve) => setTimeout(resolve, firstPauseMs * 2 ** (attempt - 1)));
    }
  }
}
