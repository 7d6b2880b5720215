import type { INestApplication } from '@nestjs/common';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { isUuid, type CachedRead } from '@ecommerce/http';
import { CatalogReadsService } from './catalog-reads.service';

const PREFIX = '/api/products/';
const UUID_LENGTH = 36;
const CURRENCY_QUERY = 'currency=';

/**
 * `GET /api/products/:id[?currency=XXX]` answered from the read cache before Nest's routing: the
 * hottest read of a shop. It only takes the request shapes ProductsController accepts as they are
 * (a UUID; no query, or exactly an upper-case currency code); any other shape, and every miss, goes
 * to the controller.
 */
export function productCachedRead(reads: CatalogReadsService): CachedRead {
  return {
    route: '/api/products/:id',
    lookup({ path, search }) {
      if (path.length !== PREFIX.length + UUID_LENGTH || !path.startsWith(PREFIX)) return undefined;
      const id = path.slice(PREFIX.length);
      if (!isUuid(id)) return undefined;
      if (search === '') return reads.cachedProductJson(id.toLowerCase());
      if (!search.startsWith(CURRENCY_QUERY)) return undefined;
      const currency = search.slice(CURRENCY_QUERY.length);
      if (!CURRENCY_PATTERN.test(currency)) return undefined;
      return reads.cachedProductJson(id.toLowerCase(), currency);
    },
  };
}

/** product-service's reads answered before routing (createServiceApp's `cachedReads`). */
export const productServiceCachedReads = (app: INestApplication): CachedRead[] => [
  productCachedRead(app.get(CatalogReadsService)),
];
