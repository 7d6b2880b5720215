import { Inject, Injectable } from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from '../config';
import type { ShippingAddress } from '../orders/order.model';
import { OrderErrors } from '../orders/orders.errors';
import type { RequestedLine } from '../pricing/price-lines';
import { fetchJson, type JsonAnswer } from './fetch-json';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * What checkout reads from other services on the caller's behalf, with the caller's own token: the
 * cart's lines (cart-service) and a saved address (user-service). Only POST /api/orders uses these;
 * the saga itself never calls another service.
 */
@Injectable()
export class CheckoutSources {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(@Inject(ORDER_CONFIG) private readonly config: OrderConfig) {}

  /** The caller's cart as product id + quantity; its prices are not used. */
  async cartLines(bearer: string): Promise<RequestedLine[]> {
    const answer = await this.get('cart service', new URL('/api/cart', this.config.CART_SERVICE_URL), bearer);
    const items = isObject(answer.body) && Array.isArray(answer.body.items) ? answer.body.items : undefined;
    if (answer.status !== 200 || !items) throw this.unexpected('cart service', answer);
    return items.map((item: unknown) => {
      if (!isObject(item) || typeof item.productId !== 'string' || !Number.isInteger(item.quantity))
        throw this.unexpected('cart service', answer);
      return { productId: item.productId, quantity: item.quantity as number };
    });
  }

  /** The caller's saved address with this id; 422 when they have none such. */
  async savedAddress(bearer: string, addressId: string): Promise<ShippingAddress> {
    const answer = await this.get(
      'user service',
      new URL('/api/users/me/addresses', this.config.USER_SERVICE_URL),
      bearer,
    );
    const list = Array.isArray(answer.body)
      ? answer.body
      : isObject(answer.body) && Array.isArray(answer.body.items)
        ? answer.body.items
        : undefined;
    if (answer.status !== 200 || !list) throw this.unexpected('user service', answer);
    const found = list.find((address: unknown) => isObject(address) && address.id === addressId) as
      Record<string, unknown> | undefined;
    if (!found) throw OrderErrors.addressNotFound(addressId);
    const text = (key: string) => (typeof found[key] === 'string' ? (found[key] as string) : undefined);
    const line1 = text('line1');
    const city = text('city');
    const postalCode = text('postalCode');
    const country = text('country');
    if (!line1 || !city || !postalCode || !country) throw this.unexpected('user service', answer);
    const line2 = text('line2');
    return { line1, ...(line2 ? { line2 } : {}), city, postalCode, country };
  }

  private async get(upstream: string, url: URL, bearer: string): Promise<JsonAnswer> {
    try {
      return await fetchJson(url, { timeoutMs: this.config.UPSTREAM_TIMEOUT_MS, bearer });
    } catch (error) {
      this.logger.warn({ err: error, upstream }, 'upstream call failed');
      throw OrderErrors.upstreamUnavailable(upstream);
    }
  }

  private unexpected(upstream: string, answer: JsonAnswer): Error {
    this.logger.warn({ upstream, status: answer.status }, 'unexpected upstream answer');
    return OrderErrors.upstreamUnavailable(upstream);
  }
}
