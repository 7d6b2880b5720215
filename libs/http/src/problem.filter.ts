import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { RequestContext, type Logger } from '@ecommerce/observability';
import { TransientError } from '@ecommerce/errors';
import type { Request, Response } from 'express';
import { DomainError, httpStatusOf } from './domain-error';
import { PROBLEM_CONTENT_TYPE, problemType, statusTitle, type ProblemDocument } from './problem';

/** Codes for the HTTP-level failures Nest and Express raise before our code runs. */
const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/** A dependency the request needed is away for now: the client may try again, nothing is wrong with its request. */
function fromTransientError(): ProblemDocument {
  return {
    type: problemType('SERVICE_UNAVAILABLE'),
    title: statusTitle(503),
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
    detail: 'A dependency of this service is unavailable; try again shortly.',
  };
}

function fromDomainError(error: DomainError): ProblemDocument {
  const status = httpStatusOf(error.kind);
  return {
    type: problemType(error.code),
    title: statusTitle(status),
    status,
    detail: error.message,
    code: error.code,
    ...(error.details.errors ? { errors: error.details.errors } : {}),
    ...error.details.extensions,
  };
}

function fromHttpException(error: HttpException): ProblemDocument {
  const status = error.getStatus();
  const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'HTTP_ERROR');
  const body = error.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  // body-parser's messages name the offending token, not internals: safe and useful to the client.
  const detail = Array.isArray(message)
    ? message.join('; ')
    : typeof message === 'string'
      ? message
      : undefined;
  return {
    type: problemType(code),
    title: statusTitle(status),
    status,
    code,
    ...(detail && status < 500 ? { detail } : {}),
  };
}

/**
 * Errors thrown by Express's body parser: http-errors with a body-parser `type` and `expose: true`,
 * its promise that the message is safe to show. Anything else that merely carries a `status` (an
 * Elasticsearch 400, an axios error with the upstream's status) is an internal failure: a 500 that
 * says nothing of it.
 */
function fromMiddlewareError(error: unknown): ProblemDocument | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose, type, message } = error as {
    status?: unknown;
    expose?: unknown;
    type?: unknown;
    message?: unknown;
  };
  if (
    expose !== true ||
    typeof type !== 'string' ||
    typeof status !== 'number' ||
    status < 400 ||
    status >= 500
  )
    return undefined;
  const detail =
    type === 'entity.parse.failed'
      ? 'The request body is not valid JSON.'
      : typeof message === 'string'
        ? message
        : undefined;
  const code = HTTP_CODES[status] ?? 'BAD_REQUEST';
  return { type: problemType(code), title: statusTitle(status), status, code, ...(detail ? { detail } : {}) };
}

/**
 * The one place where failures become HTTP answers: RFC 9457 problem+json with the correlation id.
 * A 5xx never shows its cause (no stack, no SQL); the cause is logged with the same correlation id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();

    const problem: ProblemDocument =
      error instanceof DomainError
        ? fromDomainError(error)
        : error instanceof TransientError
          ? fromTransientError()
          : error instanceof HttpException
            ? fromHttpException(error)
            : (fromMiddlewareError(error) ?? {
                type: problemType('INTERNAL_ERROR'),
                title: statusTitle(500),
                status: 500,
                code: 'INTERNAL_ERROR',
                detail: 'An unexpected error occurred. Quote the correlation id when you report it.',
              });

    problem.instance = request.originalUrl?.split('?')[0];
    problem.correlationId =
      RequestContext.current()?.correlationId ??
      (response.getHeader('x-correlation-id') as string | undefined);
    // A domain error is an answer the code chose (a 503 that sheds load, an upstream it reported);
    // logging each one with its stack would add work exactly when a service is overloaded.
    if (problem.status >= 500 && !(error instanceof DomainError))
      this.logger.error(
        { err: error, correlationId: problem.correlationId, path: problem.instance },
        'unhandled error',
      );

    if (error instanceof DomainError && error.details.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.details.retryAfterSeconds))));
    }
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
