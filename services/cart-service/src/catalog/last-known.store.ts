import type Redis from 'ioredis';
import { RedisScript } from '../common/redis-script';
import type { ProductFacts } from './product-shape';

/** A product as last seen, and since when that was known to be true. */
export interface KnownProduct extends ProductFacts {
  asOf: string;
}

export interface KnownStock {
  available: number;
  asOf: string;
}

// Writes carry the product's version (its updatedAt, or the delete event's time): an older answer or
// a redelivered event never overwrites a newer one, so applying the same event twice is harmless.
const REMEMBER_PRODUCT = new RedisScript<number>(`
local known = redis.call('HGET', KEYS[1], 'version')
if known and tonumber(known) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'name', ARGV[2], 'amount', ARGV[3], 'currency', ARGV[4], 'active', ARGV[5], 'asOf', ARGV[6])
redis.call('EXPIRE', KEYS[1], ARGV[7])
return 1
`);

// Only a product already known can be marked deleted: the event carries no name or price.
const MARK_DELETED = new RedisScript<number>(`
local known = redis.call('HGET', KEYS[1], 'version')
if not known or tonumber(known) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'active', '0', 'asOf', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`);

/**
 * The last known price and stock of each product, in Redis so every replica shares them and they
 * survive restarts. Fed by every successful upstream call and by product events; read only when an
 * upstream cannot answer, so a cart can still be shown (marked stale) while product-service is down.
 */
export class LastKnownStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private productKey(productId: string): string {
    return `${this.keyPrefix}last-known:product:${productId}`;
  }

  private stockKey(productId: string): string {
    return `${this.keyPrefix}last-known:stock:${productId}`;
  }

  /** Returns false when a newer version was already known (nothing changed). */
  async rememberProduct(product: ProductFacts, asOf: Date): Promise<boolean> {
    const { id, version, name, price, active } = product;
    const args = [
      version,
      name,
      price.amount,
      price.currency,
      active ? '1' : '0',
      asOf.toISOString(),
      this.ttlSeconds,
    ];
    return (await REMEMBER_PRODUCT.run(this.redis, [this.productKey(id)], args)) === 1;
  }

  async markDeleted(productId: string, version: number, asOf: Date): Promise<boolean> {
    const args = [version, asOf.toISOString(), this.ttlSeconds];
    return (await MARK_DELETED.run(this.redis, [this.productKey(productId)], args)) === 1;
  }

  async product(productId: string): Promise<KnownProduct | null> {
    const fields = await this.redis.hgetall(this.productKey(productId));
    if (!fields.version || !fields.name || !fields.currency) return null;
    return {
      id: productId,
      name: fields.name,
      price: { amount: Number(fields.amount), currency: fields.currency },
      active: fields.active === '1',
      version: Number(fields.version),
      asOf: fields.asOf ?? new Date(0).toISOString(),
    };
  }

  async rememberStock(productId: string, available: number, asOf: Date): Promise<void> {
    const key = this.stockKey(productId);
    await this.redis
      .multi()
      .hset(key, 'available', available, 'asOf', asOf.toISOString())
      .expire(key, this.ttlSeconds)
      .exec();
  }

  async forgetStock(productId: string): Promise<void> {
    await this.redis.del(this.stockKey(productId));
  }

  async stock(productId: string): Promise<KnownStock | null> {
    const fields = await this.redis.hgetall(this.stockKey(productId));
    if (fields.available === undefined) return null;
    return { available: Number(fields.available), asOf: fields.asOf ?? new Date(0).toISOString() };
  }
}
