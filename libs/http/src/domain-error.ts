import { assertUnreachable, type ErrorKind } from '@ecommerce/errors';

// The domain error kinds live in the framework-free @ecommerce/errors; they stay importable from here.
export { assertUnreachable, DomainError, type DomainErrorDetails, type ErrorKind } from '@ecommerce/errors';

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
