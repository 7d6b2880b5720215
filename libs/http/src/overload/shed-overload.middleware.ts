import type { NextFunction, Request, Response } from 'express';
import { httpServerShed } from '@ecommerce/observability';
import { PROBLEM_CONTENT_TYPE, problemType, statusTitle } from '../problem';
import type { AdmissionControl } from './admission-control';
import { pathOf } from './route-templates';

/** Probes and scrapes are always answered: shedding them would restart or blind a busy service. */
export const NEVER_SHED = new Set(['/health/live', '/health/ready', '/metrics']);

const OVERLOADED = 503;

/**
 * The first middleware of every service: admits a request only while the admission control has room
 * and answers the rest at once with 503, Retry-After and a problem+json body, before any logging,
 * context, routing, validation or store call is spent on it. The body is built once, so a shed
 * answer costs little more than parsing the request.
 */
export function shedOverload(
  admission: AdmissionControl,
  retryAfterSeconds: number,
  routeOf: (request: Request) => string,
) {
  const body = Buffer.from(
    JSON.stringify({
      type: problemType('OVERLOADED'),
      title: statusTitle(OVERLOADED),
      status: OVERLOADED,
      code: 'OVERLOADED',
      detail: `The service is at capacity; retry after ${retryAfterSeconds} s.`,
    }),
  );
  const headers = {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(body.length),
    'retry-after': String(retryAfterSeconds),
    'cache-control': 'no-store',
  };

  return (request: Request, response: Response, next: NextFunction): void => {
    if (NEVER_SHED.has(pathOf(request.url))) return next();
    if (!admission.tryAdmit()) {
      httpServerShed.inc({ route: routeOf(request) });
      response.writeHead(OVERLOADED, headers).end(body);
      return;
    }
    // 'close' comes once per response, after it was sent or when the client went away first.
    response.once('close', () => admission.release());
    next();
  };
}
