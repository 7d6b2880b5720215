/** What kind of failure a domain error is; the edges map it (HTTP status, retry or dead-letter). */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export interface DomainErrorDetails {
  /** Field -> messages, for validation-like failures. */
  errors?: Record<string, string[]>;
  /** Seconds until a retry may succeed (429 `Retry-After`). */
  retryAfterSeconds?: number;
  /** Extra members for the problem document (must be safe to show a client). */
  extensions?: Record<string, unknown>;
}

/**
 * A failure the domain knows about, with a stable code (`EMAIL_TAKEN`, `ORDER_NOT_CANCELLABLE`).
 * Services throw these, never HttpException; the problem filter turns them into problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'unprocessable':
      return 422;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    default:
      return assertUnreachable(kind);
  }
}
