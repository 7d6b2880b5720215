import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { CORRELATION_HEADER, RequestContext } from './context';
import { httpServerRequests } from './metrics';

const UUID_LIKE = /^[A-Za-z0-9._:-]{8,128}$/;
const UNMATCHED_ROUTE = 'unmatched';

type RequestTimer = ReturnType<typeof httpServerRequests.labels>;

const LABELLED_ROUTE = Symbol('route template');
type LabelledRequest = Request & { route?: { path?: string }; [LABELLED_ROUTE]?: string };

/** Names the route template of a request answered outside the router (see @ecommerce/http's cachedReads). */
export function labelRoute(request: Request, template: string): void {
  (request as LabelledRequest)[LABELLED_ROUTE] = template;
}

function routeTemplate(request: Request): string {
  const labelled = request as LabelledRequest;
  const route = labelled.route?.path;
  return route ? `${request.baseUrl}${route}` : (labelled[LABELLED_ROUTE] ?? UNMATCHED_ROUTE);
}

/**
 * The histogram's child for one (method, route, status), looked up once: `observe(labels, value)`
 * would hash the label object on every request. Routes are templates and methods and statuses are
 * few, so the map stays small.
 */
function timerFor(children: Map<string, RequestTimer>, method: string, route: string, status: number) {
  const key = `${method} ${status} ${route}`;
  let child = children.get(key);
  if (!child) {
    child = httpServerRequests.labels({ method, route, status: String(status) });
    children.set(key, child);
  }
  return child;
}

/**
 * Per request: takes or creates the correlation id (echoed in the response), runs the rest of the
 * request inside that context, times it into http_server_requests_seconds by route template (never
 * by raw path, which would explode label cardinality) and, at debug level, logs one line when it
 * ends (failures at error level always).
 */
export function httpObservability(logger: Logger) {
  const children = new Map<string, RequestTimer>();
  return (request: Request, response: Response, next: NextFunction): void => {
    const offered = request.headers[CORRELATION_HEADER];
    const correlationId = typeof offered === 'string' && UUID_LIKE.test(offered) ? offered : randomUUID();
    response.setHeader(CORRELATION_HEADER, correlationId);
    const startedAt = performance.now();

    response.once('finish', () => {
      const durationMs = performance.now() - startedAt;
      const route = routeTemplate(request);
      const status = response.statusCode;
      timerFor(children, request.method, route, status).observe(durationMs / 1_000);
      if (status < 500 && !logger.isLevelEnabled('debug')) return;
      if (route === '/metrics' || route.startsWith('/health')) return;
      const line = {
        correlationId,
        method: request.method,
        route,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      // 503 is a deliberate answer (load shed, a dependency reported down), counted in the metrics;
      // a log line for each would add work exactly when the service is overloaded.
      if (status >= 500 && status !== 503) logger.error(line, 'request failed');
      else logger.debug(line, 'request served');
    });

    RequestContext.run({ correlationId, causationId: null }, next);
  };
}
