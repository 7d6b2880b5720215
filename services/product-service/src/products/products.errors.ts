import { DomainError } from '@ecommerce/http';

export const ProductErrors = {
  notFound: () => new DomainError('PRODUCT_NOT_FOUND', 'not_found', 'No such product.'),
  skuTaken: (sku: string) =>
    new DomainError(
      'SKU_TAKEN',
      'conflict',
      `A product with the SKU "${sku}" already exists (SKUs are unique regardless of case, deleted products included).`,
      {
        extensions: { sku },
      },
    ),
  priceNotInBaseCurrency: (base: string) =>
    new DomainError(
      'PRICE_NOT_IN_BASE_CURRENCY',
      'unprocessable',
      `The base price must be in ${base}; other currencies go in \`prices\`.`,
      {
        errors: { 'price.currency': [`must be ${base}`] },
      },
    ),
  invalid: (errors: Record<string, string[]>) =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', { errors }),
};
