import { errors } from '@elastic/elasticsearch';
import { DomainError } from '@ecommerce/http';

const statusOf = (error: unknown): number | undefined =>
  error instanceof errors.ResponseError ? error.statusCode : undefined;

const errorTypeOf = (error: unknown): string | undefined =>
  error instanceof errors.ResponseError
    ? (error.body as { error?: { type?: string } } | undefined)?.error?.type
    : undefined;

/** An optimistic-concurrency or `create` conflict: someone else wrote the document first. */
export const isVersionConflict = (error: unknown): boolean => statusOf(error) === 409;

export const isIndexMissing = (error: unknown): boolean => errorTypeOf(error) === 'index_not_found_exception';

/** The cluster cannot answer right now (down, overloaded, index gone): worth a 503 and a retry. */
export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError ||
    error instanceof errors.RequestAbortedError
  ) {
    return true;
  }
  const status = statusOf(error);
  return status === 429 || (status !== undefined && status >= 500) || isIndexMissing(error);
}

/**
 * Elasticsearch refused the request itself (a mapping or parsing error, a bad request): sending it
 * again cannot help, unlike an outage, a full queue (429) or a version conflict (409).
 */
export function isRefusedForGood(error: unknown): boolean {
  const status = statusOf(error);
  return (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 409 &&
    status !== 429 &&
    !isIndexMissing(error)
  );
}

export const searchUnavailable = () =>
  new DomainError(
    'SEARCH_UNAVAILABLE',
    'unavailable',
    'Search is temporarily unavailable; try again shortly.',
    { retryAfterSeconds: 5 },
  );

/**
 * Runs a read against Elasticsearch and turns an outage into a 503 problem. Anything else is our bug
 * and stays a 500, whose cause is logged but never shown to the client.
 */
export async function readFromIndex<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error)) throw searchUnavailable();
    throw error;
  }
}
