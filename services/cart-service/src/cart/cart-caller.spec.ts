import { DomainError } from '@ecommerce/http';
import { cartCallerFrom } from './cart-caller';

const cartId = '7d0f3b5e-2a1c-4c6e-9b8d-1e2f3a4b5c6d';

describe('cartCallerFrom', () => {
  it('uses the signed-in user and ignores any X-Cart-Id', () => {
    const user = { id: 'u-1', email: 'a@example.com', roles: ['customer' as const] };
    expect(cartCallerFrom(user, 'not-a-uuid')).toEqual({ kind: 'user', userId: 'u-1' });
  });

  it('knows a guest by the cart id, normalised to lower case', () => {
    expect(cartCallerFrom(undefined, cartId.toUpperCase())).toEqual({ kind: 'guest', cartId });
    expect(cartCallerFrom(undefined, ` ${cartId} `)).toEqual({ kind: 'guest', cartId });
  });

  it('treats a missing or empty header as a new guest', () => {
    expect(cartCallerFrom(undefined, undefined)).toEqual({ kind: 'guest', cartId: null });
    expect(cartCallerFrom(undefined, '')).toEqual({ kind: 'guest', cartId: null });
  });

  it('rejects a malformed cart id as a 400 naming the header', () => {
    for (const bad of ['abc', `${cartId}x`, `${cartId}, ${cartId}`, [cartId, cartId]]) {
      let error: unknown;
      try {
        cartCallerFrom(undefined, bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'INVALID_CART_ID',
        kind: 'invalid',
        details: { errors: { 'X-Cart-Id': ['must be a UUID'] } },
      });
    }
  });
});
