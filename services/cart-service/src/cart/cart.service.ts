import { Inject, Injectable } from '@nestjs/common';
import { assertUnreachable } from '@ecommerce/http';
import { mapConcurrent } from '../common/map-concurrent';
import type { ProductLookup } from '../catalog/product-catalog';
import type { StockLookup } from '../catalog/stock-levels';
import { CART_SERVICE_CONFIG, type CartServiceConfig } from '../config';
import type { CartCaller } from './cart-caller';
import type { CartLine } from './cart-lines';
import { CartPricing, type KnownLookups } from './cart-pricing';
import { CartErrors } from './cart.errors';
import { cartIdOf, CartRepository, type CartRef, type LineChange, type MergeLimits } from './cart.repository';
import { buildCartView, type CartView } from './cart-view';

/** The cart, and for a guest with a cart the id to send back in X-Cart-Id (it may be a new one). */
export interface CartAnswer {
  cart: CartView;
  guestCartId?: string;
}

@Injectable()
export class CartService {
  constructor(
    private readonly carts: CartRepository,
    private readonly pricing: CartPricing,
    @Inject(CART_SERVICE_CONFIG) private readonly config: CartServiceConfig,
  ) {}

  /** Reading creates nothing: a guest without a (live) cart sees an empty cart that has no id yet. */
  async view(caller: CartCaller): Promise<CartAnswer> {
    const ref = refOf(caller);
    if (!ref) return this.noCartYet();
    const lines = await this.carts.read(ref);
    if (lines === null) return this.noCartYet();
    return this.answer(ref, lines);
  }

  async add(caller: CartCaller, productId: string, quantity: number): Promise<CartAnswer> {
    const lookups = await this.pricing.lookup(productId);
    assertSellable(productId, lookups.product);
    // A guest without a live cart gets a new id; the cart itself comes into being with this line.
    const ref = (await this.existing(caller)) ?? this.carts.newGuestCart();
    // Inventory down: the line is accepted unchecked (shown with availabilityStale) rather than
    // refusing a sale; the stock reservation at checkout is the check that cannot be skipped.
    const available = availableOf(lookups.stock);
    assertApplied(productId, await this.carts.add(ref, productId, quantity, available), available);
    return this.answer(ref, await this.carts.read(ref), new Map([[productId, lookups]]));
  }

  async setQuantity(caller: CartCaller, productId: string, quantity: number): Promise<CartAnswer> {
    const ref = await this.existing(caller);
    if (!ref) {
      if (quantity > 0) throw CartErrors.lineNotFound(productId);
      return this.noCartYet();
    }
    const known: KnownLookups = new Map();
    let available: number | null = null;
    if (quantity > 0) {
      const lookups = await this.pricing.lookup(productId);
      known.set(productId, lookups);
      available = availableOf(lookups.stock);
    }
    assertApplied(productId, await this.carts.setQuantity(ref, productId, quantity, available), available);
    return this.answer(ref, await this.carts.read(ref), known);
  }

  async remove(caller: CartCaller, productId: string): Promise<CartAnswer> {
    const ref = await this.existing(caller);
    if (!ref) return this.noCartYet();
    await this.carts.remove(ref, productId);
    return this.answer(ref, await this.carts.read(ref));
  }

  async clear(caller: CartCaller): Promise<void> {
    const ref = refOf(caller);
    if (ref) await this.carts.clear(ref);
  }

  /**
   * Adds a guest cart into the user's: each line summed with the user's, capped by stock, lines of
   * products that no longer exist dropped; then the guest cart is gone, so merging again is a no-op.
   */
  async merge(userId: string, guestCartId: string): Promise<CartAnswer> {
    const user: CartRef = { kind: 'user', userId };
    const guestLines = await this.carts.read({ kind: 'guest', cartId: guestCartId });
    const known: KnownLookups = new Map();
    if (guestLines) {
      const limits: MergeLimits = new Map();
      await mapConcurrent(guestLines, 8, async ({ productId }) => {
        const lookups = await this.pricing.lookup(productId);
        known.set(productId, lookups);
        limits.set(productId, isGone(lookups.product) ? 'gone' : availableOf(lookups.stock));
      });
      await this.carts.merge(guestCartId, userId, limits);
    }
    return this.answer(user, await this.carts.read(user), known);
  }

  /**
   * The order was paid for: its cart has done its job. A cart started after the confirmation is a
   * new one and stays, so a redelivered or replayed event never empties the next cart.
   */
  async orderConfirmed(userId: string, confirmedAt: Date): Promise<void> {
    await this.carts.deleteCartOrderedAt(userId, confirmedAt);
  }

  /** The caller's cart when it exists: a user's always does (maybe empty), a guest's once it has a line. */
  private async existing(caller: CartCaller): Promise<CartRef | null> {
    const ref = refOf(caller);
    if (!ref || ref.kind === 'user') return ref;
    return (await this.carts.exists(ref)) ? ref : null;
  }

  /** A guest who has put nothing in a cart yet: an empty cart, no id, nothing stored. */
  private noCartYet(): CartAnswer {
    return { cart: buildCartView(null, [], this.config.BASE_CURRENCY) };
  }

  private async answer(ref: CartRef, lines: CartLine[] | null, known?: KnownLookups): Promise<CartAnswer> {
    const priced = await this.pricing.price(lines ?? [], known);
    const cart = buildCartView(cartIdOf(ref), priced, this.config.BASE_CURRENCY);
    return ref.kind === 'guest' ? { cart, guestCartId: ref.cartId } : { cart };
  }
}

function refOf(caller: CartCaller): CartRef | null {
  if (caller.kind === 'user') return caller;
  return caller.cartId === null ? null : { kind: 'guest', cartId: caller.cartId };
}

function availableOf(stock: StockLookup): number | null {
  return stock.status === 'found' ? stock.available : null;
}

function isGone(product: ProductLookup): boolean {
  return product.status === 'not_found' || (product.status === 'found' && !product.product.active);
}

/** Only products on sale go into a cart; while product-service is down, the last known facts decide. */
function assertSellable(productId: string, product: ProductLookup): void {
  switch (product.status) {
    case 'found':
      if (!product.product.active) throw CartErrors.productNotFound(productId);
      return;
    case 'not_found':
      throw CartErrors.productNotFound(productId);
    case 'unavailable':
      if (!product.lastKnown) throw CartErrors.catalogUnavailable();
      if (!product.lastKnown.active) throw CartErrors.productNotFound(productId);
      return;
    default:
      assertUnreachable(product);
  }
}

function assertApplied(productId: string, change: LineChange, available: number | null): void {
  switch (change.outcome) {
    case 'ok':
      return;
    case 'missing':
      throw CartErrors.lineNotFound(productId);
    case 'above_available':
      throw CartErrors.aboveAvailable(productId, available ?? 0, change.inCart);
    case 'line_limit':
      throw CartErrors.lineLimit(productId, change.inCart);
    case 'cart_full':
      throw CartErrors.cartFull(productId);
    default:
      assertUnreachable(change);
  }
}
