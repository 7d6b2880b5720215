import { Injectable } from '@nestjs/common';
import type { ProductDeleted, ProductSnapshot } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import { CatalogRepository } from './catalog.repository';

/**
 * Follows the catalog: a stock record appears when a product is created and turns inactive when it is
 * deleted. An inactive product takes no new reservations, but those already made are still released
 * or committed as usual, and its stock can still be counted.
 */
@Injectable()
export class CatalogService {
  async created(tx: Tx, product: ProductSnapshot): Promise<void> {
    await CatalogRepository.insertIfAbsent(tx, product.id, product.active);
  }

  async updated(tx: Tx, product: ProductSnapshot): Promise<void> {
    await CatalogRepository.upsertActive(tx, product.id, product.active);
  }

  async deleted(tx: Tx, event: ProductDeleted): Promise<void> {
    await CatalogRepository.upsertActive(tx, event.productId, false);
  }
}
