import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@ecommerce/auth';
import { Database } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { CheckoutSources } from '../checkout/checkout-sources';
import { CheckoutAdmission } from './checkout-admission';
import { ORDER_CONFIG, type OrderConfig } from '../config';
import { CatalogPricesRepository } from '../pricing/catalog-prices.repository';
import { FxRates } from '../pricing/fx-rates';
import { mergeLines, needsFx, priceLines, type RequestedLine } from '../pricing/price-lines';
import { idempotentBody, type CreateOrderDto } from './dto/create-order.dto';
import { isValidIdempotencyKey, requestHash } from './idempotency';
import { IdempotencyRepository } from './idempotency.repository';
import type { OrderRecord, ShippingAddress } from './order.model';
import { OrderErrors } from './orders.errors';
import { ordersPlacedTotal } from './orders.metrics';
import { OrdersRepository } from './orders.repository';
import { placementEvents } from './saga-commands';
import { statusChannel } from './status-channel';

export type Placement =
  { kind: 'placed'; order: OrderRecord; placedAt: Date } | { kind: 'replayed'; orderId: string };

/**
 * POST /api/orders: check, price from the local read model, then in one transaction claim the
 * idempotency key, store the order PENDING with its timeline entry, and put `order.created` and
 * `inventory.reserve` in the outbox. The saga continues from the answers.
 */
@Injectable()
export class PlaceOrder {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly fx: FxRates,
    private readonly sources: CheckoutSources,
    private readonly admission: CheckoutAdmission,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  async execute(
    user: AuthUser,
    bearer: string,
    key: string | undefined,
    dto: CreateOrderDto,
  ): Promise<Placement> {
    if (!isValidIdempotencyKey(key)) throw OrderErrors.idempotencyKeyMissing();
    if ((dto.items === undefined) === (dto.fromCart === undefined))
      throw OrderErrors.invalid('items', 'send either items or fromCart: true');
    if ((dto.shippingAddress === undefined) === (dto.addressId === undefined)) {
      throw OrderErrors.invalid('shippingAddress', 'send either shippingAddress or addressId');
    }
    const hash = requestHash(idempotentBody(dto));

    // A retry is answered from the stored key before any other work (no cart or address call).
    const known = await IdempotencyRepository.findLive(this.db.manager, user.id, key);
    if (known) return this.replay(known, hash);
    return this.admission.admitted(() => this.place(user, bearer, key, dto, hash));
  }

  private async place(
    user: AuthUser,
    bearer: string,
    key: string,
    dto: CreateOrderDto,
    hash: string,
  ): Promise<Placement> {
    const lines = dto.fromCart ? await this.sources.cartLines(bearer) : dto.items!;
    if (lines.length === 0) throw OrderErrors.emptyCart();
    const { items, total } = await this.price(mergeLines(lines), dto.currency ?? this.config.BASE_CURRENCY);
    const shippingAddress: ShippingAddress = dto.shippingAddress
      ? { ...dto.shippingAddress }
      : await this.sources.savedAddress(bearer, dto.addressId!);
    const id = randomUUID();

    const placement = await this.db.transaction(async (tx): Promise<Placement> => {
      const claim = await IdempotencyRepository.claim(
        tx,
        user.id,
        key,
        hash,
        id,
        this.config.IDEMPOTENCY_TTL_HOURS,
      );
      if (!claim.claimed) return this.replay(claim.existing, hash);
      const order = await OrdersRepository.insert(
        tx,
        { id, userId: user.id, total, items, shippingAddress, paymentMethod: dto.paymentMethod },
        this.config.ORDER_STEP_TIMEOUT_MS,
      );
      const placedAt = await OrdersRepository.appendStatus(
        tx,
        id,
        'PENDING',
        'order placed; stock requested',
        {
          channel: statusChannel(this.config.DATABASE_SCHEMA),
          change: { orderId: id, status: 'PENDING', final: false },
        },
      );
      await this.outbox.add(
        tx,
        ...placementEvents(order, new Date(Date.now() + this.config.RESERVATION_TTL_MS)),
      );
      return { kind: 'placed', order, placedAt };
    });
    if (placement.kind === 'placed') ordersPlacedTotal.inc({ currency: total.currency });
    return placement;
  }

  private replay(known: { requestHash: string; orderId: string }, hash: string): Placement {
    if (known.requestHash !== hash) throw OrderErrors.idempotencyKeyReused();
    return { kind: 'replayed', orderId: known.orderId };
  }

  private async price(lines: RequestedLine[], currency: string) {
    const catalog = await CatalogPricesRepository.findMany(
      this.db.manager,
      lines.map((line) => line.productId),
    );
    const unavailable = lines
      .filter((line) => !catalog.get(line.productId)?.active)
      .map((line) => line.productId);
    if (unavailable.length > 0) throw OrderErrors.productUnavailable(unavailable);
    const sold = [...catalog.values()].filter((product) => product.active);
    const fx = needsFx(sold, currency) ? await this.fx.current() : undefined;
    return priceLines(lines, currency, catalog, fx);
  }
}
