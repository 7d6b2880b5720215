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
 * Services throw these, never a transport's own exception: HTTP turns them into problem+json, and a
 * message consumer parks the message (or retries it, for `rate_limited` and `unavailable`).
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

/**
 * Kinds that say the same input will fail the same way again. `rate_limited` and `unavailable` are
 * the other two: they pass, so whoever retries is right to.
 */
export function isPermanentKind(kind: ErrorKind): boolean {
  switch (kind) {
    case 'invalid':
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'unprocessable':
      return true;
    case 'rate_limited':
    case 'unavailable':
      return false;
    default:
      return assertUnreachable(kind);
  }
}
