import { Injectable } from '@nestjs/common';
import type { EventEnvelope, ProductDeleted, ProductSnapshot } from '@ecommerce/contracts';
import type { Tx } from '@ecommerce/database';
import { createLogger } from '@ecommerce/observability';
import { SERVICE_NAME } from '../config';
import { CatalogPricesRepository } from './catalog-prices.repository';

/**
 * Keeps the price read model in step with product.events. The event's `occurredAt` is the version:
 * product-service writes it in the transaction that changes the product, so per product it grows
 * with every change; an older event than the row's version (a replay from the DLQ, a redelivery
 * after a newer one) changes nothing.
 */
@Injectable()
export class ProductPrices {
  private readonly logger = createLogger(SERVICE_NAME);

  async changed(tx: Tx, event: EventEnvelope<ProductSnapshot>): Promise<void> {
    const applied = await CatalogPricesRepository.upsert(tx, event.data, new Date(event.occurredAt));
    if (!applied)
      this.logger.debug(
        { productId: event.data.id, occurredAt: event.occurredAt },
        'older product event ignored',
      );
  }

  async deleted(tx: Tx, event: EventEnvelope<ProductDeleted>): Promise<void> {
    await CatalogPricesRepository.deactivate(tx, event.data.productId, new Date(event.occurredAt));
  }
}
