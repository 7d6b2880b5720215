import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthUser } from '@ecommerce/auth';
import type { Request } from 'express';
import { CART_ID_HEADER, CartErrors } from './cart.errors';

/** Who is calling a cart route: a signed-in user, or a guest with (or still without) a cart id. */
export type CartCaller = { kind: 'user'; userId: string } | { kind: 'guest'; cartId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A valid access token wins: a signed-in user always gets their own cart, whatever X-Cart-Id says
 * (a guest cart joins it only through an explicit merge). A guest is known by X-Cart-Id alone.
 */
export function cartCallerFrom(
  user: AuthUser | undefined,
  cartIdHeader: string | string[] | undefined,
): CartCaller {
  if (user) return { kind: 'user', userId: user.id };
  const value = (Array.isArray(cartIdHeader) ? cartIdHeader.join(',') : (cartIdHeader ?? '')).trim();
  if (value === '') return { kind: 'guest', cartId: null };
  if (!UUID.test(value)) throw CartErrors.invalidCartId();
  return { kind: 'guest', cartId: value.toLowerCase() };
}

/** The caller of an `@OptionalAuth()` cart route; 400 for a malformed X-Cart-Id. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): CartCaller => {
  const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
  return cartCallerFrom(request.user, request.headers[CART_ID_HEADER.toLowerCase()]);
});
