import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@ecommerce/contracts';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'auth:public';
export const OPTIONAL_AUTH = 'auth:optional';
export const REQUIRED_ROLES = 'auth:roles';

/** Anyone may call this route; no token is read. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Guests and signed-in users alike: a valid token identifies the caller, a bad one is still 401. */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);

/** The caller needs at least one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller (undefined on `@OptionalAuth()` routes called by a guest). */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthUser }>().user,
);
