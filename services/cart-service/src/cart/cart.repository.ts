import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { hashFromPairs, linesFromHash, MAX_CART_LINES, MAX_LINE_QUANTITY, type CartLine } from './cart-lines';
import {
  ADD_ITEM,
  CLEAR_CART,
  DELETE_CONFIRMED_CART,
  MERGE_CARTS,
  READ_CART,
  REMOVE_ITEM,
  SET_QUANTITY,
} from './cart.scripts';

/** Whose cart: a signed-in user's (by the token's subject) or a guest's (by the id we issued). */
export type CartRef = { kind: 'user'; userId: string } | { kind: 'guest'; cartId: string };

export type LineChange =
  | { outcome: 'ok'; quantity: number }
  | { outcome: 'above_available'; inCart: number }
  | { outcome: 'line_limit'; inCart: number }
  | { outcome: 'cart_full'; lines: number }
  | { outcome: 'missing' };

/** Available units per product for a merge: null when unknown, 'gone' when the product no longer exists. */
export type MergeLimits = Map<string, number | null | 'gone'>;

const UNKNOWN = -1;
const GONE = -2;

export const cartIdOf = (ref: CartRef): string => (ref.kind === 'user' ? ref.userId : ref.cartId);

/**
 * Carts in Redis, one hash per cart (see cart.scripts.ts). Guest carts expire after a few idle days,
 * user carts after longer; every read and write pushes the expiry back.
 */
export class CartRepository {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlSeconds: { guest: number; user: number },
  ) {}

  private key(ref: CartRef): string {
    return ref.kind === 'user'
      ? `${this.keyPrefix}cart:user:${ref.userId}`
      : `${this.keyPrefix}cart:guest:${ref.cartId}`;
  }

  private ttl(ref: CartRef): number {
    return ref.kind === 'user' ? this.ttlSeconds.user : this.ttlSeconds.guest;
  }

  /** The lines, oldest first, refreshing the idle expiry; null when a guest cart does not exist. */
  async read(ref: CartRef): Promise<CartLine[] | null> {
    const pairs = await READ_CART.run(this.redis, [this.key(ref)], [this.ttl(ref)]);
    if (pairs === null) return ref.kind === 'user' ? [] : null;
    return linesFromHash(hashFromPairs(pairs));
  }

  /**
   * An id for a guest cart that does not exist yet. Nothing is written: the cart comes into being
   * with its first line, so reading or refused writes never leave keys behind.
   */
  newGuestCart(): CartRef & { kind: 'guest' } {
    return { kind: 'guest', cartId: randomUUID() };
  }

  async exists(ref: CartRef): Promise<boolean> {
    return (await this.redis.exists(this.key(ref))) === 1;
  }

  /**
   * Adds to a line, creating the cart if needed; with `available` known, refuses to go above it. A new
   * line is refused once the cart holds MAX_CART_LINES lines.
   */
  async add(
    ref: CartRef,
    productId: string,
    quantity: number,
    available: number | null,
  ): Promise<LineChange> {
    const args = [
      productId,
      quantity,
      available ?? UNKNOWN,
      MAX_LINE_QUANTITY,
      this.ttl(ref),
      Date.now(),
      MAX_CART_LINES,
    ];
    return toLineChange(await ADD_ITEM.run(this.redis, [this.key(ref)], args));
  }

  /** Sets a line's quantity (0 removes it); raising it above `available` is refused. */
  async setQuantity(
    ref: CartRef,
    productId: string,
    quantity: number,
    available: number | null,
  ): Promise<LineChange> {
    const args = [productId, quantity, available ?? UNKNOWN, this.ttl(ref)];
    return toLineChange(await SET_QUANTITY.run(this.redis, [this.key(ref)], args));
  }

  async remove(ref: CartRef, productId: string): Promise<void> {
    await REMOVE_ITEM.run(this.redis, [this.key(ref)], [productId, this.ttl(ref)]);
  }

  /** Empties the cart; a guest cart stays (empty) so the id the guest holds keeps working. */
  async clear(ref: CartRef): Promise<void> {
    await CLEAR_CART.run(
      this.redis,
      [this.key(ref)],
      [ref.kind === 'guest' ? '1' : '0', Date.now(), this.ttl(ref)],
    );
  }

  /** Deletes a user's cart started before `confirmedAt`; a cart started later is kept. */
  async deleteCartOrderedAt(userId: string, confirmedAt: Date): Promise<boolean> {
    return (
      (await DELETE_CONFIRMED_CART.run(
        this.redis,
        [this.key({ kind: 'user', userId })],
        [confirmedAt.getTime()],
      )) === 1
    );
  }

  /** Moves a guest cart's lines into a user's cart and deletes the guest cart; false when there was none. */
  async merge(guestCartId: string, userId: string, limits: MergeLimits): Promise<boolean> {
    const user: CartRef = { kind: 'user', userId };
    const pairs = [...limits].flatMap(([productId, limit]) => [
      productId,
      limit === 'gone' ? GONE : (limit ?? UNKNOWN),
    ]);
    const keys = [this.key({ kind: 'guest', cartId: guestCartId }), this.key(user)];
    const merged = await MERGE_CARTS.run(this.redis, keys, [
      MAX_LINE_QUANTITY,
      this.ttl(user),
      Date.now(),
      MAX_CART_LINES,
      ...pairs,
    ]);
    return merged >= 0;
  }
}

function toLineChange([outcome, quantity]: [string, number]): LineChange {
  switch (outcome) {
    case 'OK':
      return { outcome: 'ok', quantity };
    case 'ABOVE_AVAILABLE':
      return { outcome: 'above_available', inCart: quantity };
    case 'LINE_LIMIT':
      return { outcome: 'line_limit', inCart: quantity };
    case 'CART_FULL':
      return { outcome: 'cart_full', lines: quantity };
    case 'MISSING':
      return { outcome: 'missing' };
    default:
      throw new Error(`unexpected cart script outcome ${outcome}`);
  }
}
