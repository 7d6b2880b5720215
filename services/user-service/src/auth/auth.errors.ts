import { DomainError } from '@ecommerce/http';

export const AuthErrors = {
  badCredentials: () =>
    new DomainError('INVALID_CREDENTIALS', 'unauthenticated', 'The email or password is wrong.'),
  throttled: (retryAfterSeconds: number) =>
    new DomainError(
      'TOO_MANY_LOGIN_ATTEMPTS',
      'rate_limited',
      'Too many failed logins for this account; try again later.',
      {
        retryAfterSeconds,
      },
    ),
  invalidRefreshToken: () =>
    new DomainError('INVALID_REFRESH_TOKEN', 'unauthenticated', 'The refresh token is invalid or expired.'),
  refreshTokenReused: () =>
    new DomainError(
      'REFRESH_TOKEN_REUSED',
      'unauthenticated',
      'The refresh token was already used; every session of this login was signed out.',
    ),
};
