import { DomainError } from '@ecommerce/http';

export const StockErrors = {
  productNotFound: () =>
    new DomainError('PRODUCT_NOT_FOUND', 'not_found', 'No stock record for this product.'),
  belowReserved: (reserved: number) =>
    new DomainError(
      'ON_HAND_BELOW_RESERVED',
      'unprocessable',
      `This warehouse holds ${reserved} reserved units; onHand cannot go below that.`,
      {
        extensions: { reserved },
      },
    ),
};
