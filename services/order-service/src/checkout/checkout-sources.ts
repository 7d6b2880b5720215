import { Inject, Injectable } from '@nestjs/common';
import { UpstreamError, type UpstreamClient } from '@ecommerce/http';
import { createLogger } from '@ecommerce/observability';
import { upstreamClient } from '../common/upstreams';
import { ORDER_CONFIG, SERVICE_NAME, type OrderConfig } from '../config';
import type { ShippingAddress } from '../orders/order.model';
import { OrderErrors } from '../orders/orders.errors';
import type { RequestedLine } from '../pricing/price-lines';

// What a caller is told to wait when the upstream did not say.
const UPSTREAM_RETRY_AFTER_SECONDS = 2;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function cartLinesFrom(body: unknown): RequestedLine[] {
  const items = isObject(body) && Array.isArray(body.items) ? body.items : undefined;
  if (!items) throw new Error('a cart without items');
  return items.map((item: unknown) => {
    if (!isObject(item) || typeof item.productId !== 'string' || !Number.isInteger(item.quantity))
      throw new Error('a cart line without productId or quantity');
    return { productId: item.productId, quantity: item.quantity as number };
  });
}

function addressesFrom(body: unknown): unknown[] {
  const list = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.items)
      ? body.items
      : undefined;
  if (!list) throw new Error('not a list of addresses');
  return list;
}

function shippingAddressFrom(found: Record<string, unknown>): ShippingAddress | undefined {
  const text = (key: string) => (typeof found[key] === 'string' ? (found[key] as string) : undefined);
  const line1 = text('line1');
  const city = text('city');
  const postalCode = text('postalCode');
  const country = text('country');
  if (!line1 || !city || !postalCode || !country) return undefined;
  const line2 = text('line2');
  return { line1, ...(line2 ? { line2 } : {}), city, postalCode, country };
}

/**
 * What checkout reads from other services on the caller's behalf, with the caller's own token: the
 * cart's lines (cart-service) and a saved address (user-service). Only POST /api/orders uses these;
 * the saga itself never calls another service.
 */
@Injectable()
export class CheckoutSources {
  private readonly logger = createLogger(SERVICE_NAME);
  private readonly carts: UpstreamClient;
  private readonly users: UpstreamClient;

  constructor(@Inject(ORDER_CONFIG) config: OrderConfig) {
    this.carts = upstreamClient(config, 'cart-service', config.CART_SERVICE_URL);
    this.users = upstreamClient(config, 'user-service', config.USER_SERVICE_URL);
  }

  /** The caller's cart as product id + quantity; its prices are not used. */
  cartLines(bearer: string): Promise<RequestedLine[]> {
    return this.read('cart service', this.carts.get('/api/cart', cartLinesFrom, { bearer }));
  }

  /** The caller's saved address with this id; 422 when they have none such. */
  async savedAddress(bearer: string, addressId: string): Promise<ShippingAddress> {
    const list = await this.read(
      'user service',
      this.users.get('/api/users/me/addresses', addressesFrom, { bearer }),
    );
    const found = list.find((address: unknown) => isObject(address) && address.id === addressId) as
      Record<string, unknown> | undefined;
    if (!found) throw OrderErrors.addressNotFound(addressId);
    const address = shippingAddressFrom(found);
    if (address) return address;
    this.logger.warn(
      { upstream: 'user service', addressId },
      'saved address without line1, city, postal code or country',
    );
    throw OrderErrors.upstreamUnavailable('user service');
  }

  /** An upstream without a usable answer is the caller's 503, with the upstream's own wait when it gave one. */
  private async read<T>(upstream: string, call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      this.logger.warn({ err: error, upstream }, 'upstream call failed');
      throw OrderErrors.upstreamUnavailable(upstream, error.retryAfterSeconds(UPSTREAM_RETRY_AFTER_SECONDS));
    }
  }
}
