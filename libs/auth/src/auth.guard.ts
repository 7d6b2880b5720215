import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ecommerce/contracts';
import { DomainError } from '@ecommerce/http';
import { RequestContext } from '@ecommerce/observability';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, OPTIONAL_AUTH, REQUIRED_ROLES } from './decorators';
import { TokenVerifier } from './token-verifier';

function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw new DomainError(
      'UNAUTHENTICATED',
      'unauthenticated',
      'Use the Authorization header as "Bearer <access token>".',
    );
  }
  return token;
}

/**
 * Every route needs a valid access token unless marked `@Public()` or `@OptionalAuth()`: 401 when
 * the caller is unknown, 403 when known but lacking the role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = bearerToken(request);
    if (!token) {
      if (this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets)) return true;
      throw new DomainError('UNAUTHENTICATED', 'unauthenticated', 'This endpoint needs an access token.');
    }
    const user = await this.verifier.verify(token);
    request.user = user;
    const work = RequestContext.current();
    if (work) work.userId = user.id;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => user.roles.includes(role))) {
      throw new DomainError(
        'FORBIDDEN',
        'forbidden',
        `This endpoint needs the role ${required.join(' or ')}.`,
      );
    }
    return true;
  }
}
