import { Injectable } from '@nestjs/common';
import { isAdmin, type AuthUser } from '@ecommerce/auth';
import { Database } from '@ecommerce/database';
import { offsetOf, type Page } from '@ecommerce/http';
import type { ListOrdersQuery } from './dto/list-orders.query';
import type { OrderRecord } from './order.model';
import type { SagaEvent } from './order-saga';
import { toOrderView, type OrderView } from './order-view';
import { OrderErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';
import { SagaRunner } from './saga-runner';

/** Order reads and the people's commands (cancel, ship); both commands go through the saga. */
@Injectable()
export class OrdersService {
  constructor(
    private readonly db: Database,
    private readonly saga: SagaRunner,
  ) {}

  /** The order with its timeline; another customer's order is "not found", not "forbidden". */
  async get(caller: AuthUser, id: string): Promise<OrderView> {
    const order = await OrdersRepository.find(this.db.manager, id, isAdmin(caller) ? null : caller.id);
    if (!order) throw OrderErrors.notFound();
    return toOrderView(order, await OrdersRepository.timeline(this.db.manager, id));
  }

  /** The owner's order, for the live stream (admins use GET). */
  async ownedBy(caller: AuthUser, id: string): Promise<OrderRecord> {
    const order = await OrdersRepository.find(this.db.manager, id, caller.id);
    if (!order) throw OrderErrors.notFound();
    return order;
  }

  async list(caller: AuthUser, query: ListOrdersQuery): Promise<Page<OrderView>> {
    // A customer's `userId` filter is always themselves, whatever they send.
    const userId = isAdmin(caller) ? query.userId : caller.id;
    const { items, total } = await OrdersRepository.page(
      this.db.manager,
      { userId, status: query.status },
      offsetOf(query),
      query.limit,
    );
    return { items: items.map((order) => toOrderView(order)), page: query.page, limit: query.limit, total };
  }

  cancel(caller: AuthUser, id: string): Promise<OrderView> {
    return this.command(caller, id, { type: 'CANCEL_REQUESTED' });
  }

  ship(caller: AuthUser, id: string): Promise<OrderView> {
    return this.command(caller, id, { type: 'SHIP_REQUESTED' });
  }

  private async command(caller: AuthUser, id: string, event: SagaEvent): Promise<OrderView> {
    const order = await this.db.transaction(async (tx) => {
      const locked = await OrdersRepository.lock(tx, id);
      if (!locked || (!isAdmin(caller) && locked.userId !== caller.id)) throw OrderErrors.notFound();
      const { order: updated, decision } = await this.saga.applyToLocked(tx, locked, event);
      if (decision.kind === 'reject') throw OrderErrors.illegalTransition(decision.code, decision.reason);
      return updated;
    });
    return toOrderView(order, await OrdersRepository.timeline(this.db.manager, id));
  }
}
