import { CORRELATION_HEADER, RequestContext } from '@ecommerce/observability';

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * A GET of JSON from another service with a hard timeout, the caller's bearer token (the other
 * service checks the caller itself) and the correlation id. Throws on a transport failure or timeout;
 * any HTTP status is an answer.
 */
export async function fetchJson(
  url: URL,
  options: { timeoutMs: number; bearer?: string },
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const correlationId = RequestContext.current()?.correlationId;
  if (correlationId) headers[CORRELATION_HEADER] = correlationId;
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}
