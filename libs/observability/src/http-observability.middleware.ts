import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { CORRELATION_HEADER, RequestContext } from './context';
import { httpServerRequests } from './metrics';

const UUID_LIKE = /^[A-Za-z0-9._:-]{8,128}$/;
const UNMATCHED_ROUTE = 'unmatched';

function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: string } }).route?.path;
  return route ? `${request.baseUrl ?? ''}${route}` : UNMATCHED_ROUTE;
}

/**
 * Per request: takes or creates the correlation id (echoed in the response), runs the rest of the
 * request inside that context, times it into http_server_requests_seconds by route template (never
 * by raw path, which would explode label cardinality) and logs one line when it ends.
 */
export function httpObservability(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const offered = request.header(CORRELATION_HEADER);
    const correlationId = offered && UUID_LIKE.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_HEADER, correlationId);
    const stopTimer = httpServerRequests.startTimer();
    const startedAt = process.hrtime.bigint();

    response.on('finish', () => {
      const route = routeTemplate(request);
      stopTimer({ method: request.method, route, status: String(response.statusCode) });
      if (route === '/metrics' || route.startsWith('/health')) return;
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const line = { correlationId, method: request.method, route, status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10 };
      if (response.statusCode >= 500) logger.error(line, 'request failed');
      else logger.debug(line, 'request served');
    });

    RequestContext.run({ correlationId, causationId: null }, next);
  };
}
