import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { labelRoute } from '@ecommerce/observability';
import { JSON_CONTENT_TYPE } from '../json-response';

/**
 * A public read whose cache hits are answered before Nest's routing. Everything but a hit (a miss,
 * a request this read cannot judge, a conditional request, a Redis error) falls through to the
 * route Nest declares, which stays the one definition of the endpoint: validation, errors, loading
 * and filling the cache all happen there. A hit can only exist for a key that route stored, that is
 * for a request it accepted, so answering it here changes no answer.
 */
export interface CachedRead {
  /** The Nest route's template, as metrics and logs label it (e.g. '/api/products/:id'). */
  route: string;
  /**
   * The cached JSON text for this request, or undefined to leave it to Nest. Returns undefined at
   * once (no promise) for a request that is not this read's, so other requests cost one check.
   */
  lookup(request: ReadRequest): Promise<string | undefined> | undefined;
}

export interface ReadRequest {
  /** The URL's path, as received. */
  path: string;
  /** The URL's query string without '?' ('' when there is none). */
  search: string;
  /** The query string parsed as Nest's `@Query()` sees it (parsed on first use). */
  query(): unknown;
}

/** The weak ETag Express gives the same body (its `etag` package), so both paths tag an answer alike. */
export function weakEtag(body: string, bytes = Buffer.byteLength(body)): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').substring(0, 27);
  return `W/"${bytes.toString(16)}-${hash}"`;
}

function answer(response: Response, json: string): void {
  const bytes = Buffer.byteLength(json);
  response.statusCode = 200;
  response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  response.setHeader('Content-Length', bytes);
  // Conditional requests themselves are left to Nest (see cachedReads), which answers them 304.
  response.setHeader('ETag', weakEtag(json, bytes));
  response.end(json);
}

/**
 * The middleware serving `reads`. Install it after overload shedding and request observability
 * (so hits are admitted, timed and correlated like any request) and before the body parser.
 */
export function cachedReads(reads: readonly CachedRead[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' || request.headers['if-none-match'] !== undefined) return next();
    const url = request.url;
    const queryAt = url.indexOf('?');
    const read: ReadRequest = {
      path: queryAt < 0 ? url : url.slice(0, queryAt),
      search: queryAt < 0 ? '' : url.slice(queryAt + 1),
      query: () => request.query,
    };
    for (const cachedRead of reads) {
      const pending = cachedRead.lookup(read);
      if (!pending) continue;
      pending.then(
        (json) => {
          if (json === undefined) return next();
          labelRoute(request, cachedRead.route);
          answer(response, json);
        },
        // The full route has its own answer to a failing cache (PostgreSQL): let it give it.
        () => next(),
      );
      return;
    }
    next();
  };
}
