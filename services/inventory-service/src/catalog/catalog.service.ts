import { Injectable } from '@nestjs/common';
import type { ProductDeleted, ProductSnapshot, TypedEnvelope } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import { CatalogRepository } from './catalog.repository';

/**
 * Follows the catalog: a stock record appears when a product is created and turns inactive when it is
 * deleted. An inactive product takes no new reservations, but those already made are still released
 * or committed as usual, and its stock can still be counted.
 */
@Injectable()
export class CatalogService {
  async created(tx: Tx, event: TypedEnvelope<'product.created'>): Promise<void> {
    const product: ProductSnapshot = event.data;
    await CatalogRepository.insertIfAbsent(tx, product.id, product.active, event.occurredAt);
  }

  async updated(tx: Tx, event: TypedEnvelope<'product.updated'>): Promise<void> {
    const product: ProductSnapshot = event.data;
    await CatalogRepository.upsertActive(tx, product.id, product.active, event.occurredAt);
  }

  async deleted(tx: Tx, event: TypedEnvelope<'product.deleted'>): Promise<void> {
    const deleted: ProductDeleted = event.data;
    await CatalogRepository.upsertActive(tx, deleted.productId, false, event.occurredAt);
  }
}
