import type { ProductSnapshot } from '@ecommerce/contracts';
import type { FxTable } from '../pricing/fx-table';
import { priceIn } from '../pricing/price-selection';
import type { ProductEntity } from './product.entity';

/** The product as the API returns it and as product.created / product.updated carry it. */
export const toSnapshot = (product: ProductEntity): ProductSnapshot => ({
  id: product.id,
  sku: product.sku,
  name: product.name,
  description: product.description,
  categoryId: product.categoryId,
  price: { amount: product.priceAmount, currency: product.priceCurrency },
  prices: product.prices,
  images: product.images,
  attributes: product.attributes,
  active: product.active,
  createdAt: product.createdAt.toISOString(),
  updatedAt: product.updatedAt.toISOString(),
});

/** The snapshot with `price` shown in `currency` (explicit price first, else converted). */
export const viewIn = (
  product: ProductSnapshot,
  currency: string,
  fx: FxTable | undefined,
): ProductSnapshot =>
  currency === product.price.currency ? product : { ...product, price: priceIn(product, currency, fx) };
