import { Injectable, Inject } from '@nestjs/common';
import type { TypedEnvelope } from '@ecommerce/contracts';
import { createLogger } from '@ecommerce/observability';
import { CART_SERVICE_CONFIG, SERVICE_NAME, type CartServiceConfig } from '../config';
import { LastKnownStore } from './last-known.store';
import { productFactsFrom } from './product-shape';

/**
 * Keeps the last known prices current from product.events, so a cart shown while product-service is
 * down uses the latest price announced, not only the last one fetched. No database here: each write
 * is versioned by the product's change time, which makes a redelivered or late event a no-op.
 */
@Injectable()
export class ProductEventsHandler {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly lastKnown: LastKnownStore,
    @Inject(CART_SERVICE_CONFIG) private readonly config: CartServiceConfig,
  ) {}

  async updated(event: TypedEnvelope<'product.updated'>): Promise<void> {
    let facts;
    try {
      facts = productFactsFrom(event.data, this.config.BASE_CURRENCY);
    } catch (error) {
      // A product without a price in the cart currency cannot be in a cart: nothing to remember.
      this.logger.warn(
        { productId: event.aggregateId, eventId: event.id, err: String(error) },
        'product.updated ignored',
      );
      return;
    }
    await this.lastKnown.rememberProduct(facts, new Date(event.occurredAt));
  }

  async deleted(event: TypedEnvelope<'product.deleted'>): Promise<void> {
    const at = new Date(event.occurredAt);
    await this.lastKnown.markDeleted(event.data.productId, at.getTime(), at);
  }
}
