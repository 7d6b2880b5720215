import { DomainError } from '@ecommerce/http';

const invalidField = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', {
    errors: { [field]: [message] },
  });

export const SearchErrors = {
  priceRangeInverted: () => invalidField('minPrice', 'minPrice must not be greater than maxPrice'),
  tooDeep: (window: number) =>
    invalidField(
      'page',
      `page * limit must not exceed ${window}; narrow the search instead of paging this deep`,
    ),
  productNotFound: () => new DomainError('PRODUCT_NOT_FOUND', 'not_found', 'No such product.'),
  busy: () =>
    new DomainError(
      'SEARCH_BUSY',
      'unavailable',
      'Too many searches are being answered right now; retry shortly.',
      { retryAfterSeconds: 1 },
    ),
};
