import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Topics } from '@ecommerce/contracts';
import { EventConsumers } from '@ecommerce/messaging';
import { CartService } from '../cart/cart.service';
import { ProductEventsHandler } from '../catalog/product-events';
import { CART_SERVICE_CONFIG, type CartServiceConfig } from '../config';

/**
 * What cart-service listens to. No database here, so no inbox: every handler is idempotent on its
 * own (price writes are versioned; a cart is deleted only if it was started before the order was
 * confirmed). Other event types on these topics are skipped by the consumer.
 */
@Injectable()
export class EventSubscriptions implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly products: ProductEventsHandler,
    private readonly carts: CartService,
    @Inject(CART_SERVICE_CONFIG) private readonly config: CartServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.register({
      groupId: this.config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.productEvents, Topics.orderEvents],
      handlers: {
        'product.updated': (event) => this.products.updated(event),
        'product.deleted': (event) => this.products.deleted(event),
        'order.confirmed': (event) =>
          this.carts.orderConfirmed(event.data.userId, new Date(event.occurredAt)),
      },
    });
  }
}
