import { DomainError } from '@ecommerce/http';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from './cart-lines';

export const CART_ID_HEADER = 'X-Cart-Id';

export const CartErrors = {
  invalidCartId: () =>
    new DomainError(
      'INVALID_CART_ID',
      'invalid',
      `The ${CART_ID_HEADER} header must be a cart id (UUID) this service issued.`,
      {
        errors: { [CART_ID_HEADER]: ['must be a UUID'] },
      },
    ),
  productNotFound: (productId: string) =>
    new DomainError('PRODUCT_NOT_FOUND', 'not_found', 'No such product is for sale.', {
      extensions: { productId },
    }),
  lineNotFound: (productId: string) =>
    new DomainError('CART_LINE_NOT_FOUND', 'not_found', 'This product is not in the cart.', {
      extensions: { productId },
    }),
  aboveAvailable: (productId: string, available: number, inCart: number) =>
    new DomainError(
      'QUANTITY_ABOVE_AVAILABLE',
      'unprocessable',
      `Only ${available} can be bought; the cart already holds ${inCart}.`,
      {
        extensions: { productId, available, inCart },
      },
    ),
  lineLimit: (productId: string, inCart: number) =>
    new DomainError(
      'CART_LINE_LIMIT',
      'unprocessable',
      `A cart line holds at most ${MAX_LINE_QUANTITY}; the cart already holds ${inCart}.`,
      {
        extensions: { productId, maxQuantity: MAX_LINE_QUANTITY, inCart },
      },
    ),
  cartFull: (productId: string) =>
    new DomainError(
      'CART_FULL',
      'unprocessable',
      `A cart holds at most ${MAX_CART_LINES} different products; remove one before adding another.`,
      {
        extensions: { productId, maxLines: MAX_CART_LINES },
      },
    ),
  catalogUnavailable: () =>
    new DomainError(
      'CATALOG_UNAVAILABLE',
      'unavailable',
      'Product prices cannot be fetched right now and none are known yet. Try again shortly.',
      {
        retryAfterSeconds: 5,
      },
    ),
};
