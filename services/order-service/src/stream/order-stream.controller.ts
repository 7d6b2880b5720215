import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@ecommerce/auth';
import { Database } from '@ecommerce/database';
import type { Response } from 'express';
import { ApiUuidParam, UuidParam } from '@ecommerce/http';
import { ORDER_CONFIG, type OrderConfig } from '../config';
import type { OrderRecord } from '../orders/order.model';
import { isFinal } from '../orders/order-saga';
import { OrdersRepository } from '../orders/orders.repository';
import { OrdersService } from '../orders/orders.service';
import type { StatusChange } from '../orders/status-channel';
import { StatusListener } from './status-listener';

/**
 * GET /api/orders/:id/stream (owner): Server-Sent Events. The current status on connect, then every
 * change as it commits, on whichever replica; heartbeat comments keep proxies from closing an idle
 * stream; the stream ends after a final status or when the client goes away.
 */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders')
export class OrderStreamController {
  constructor(
    private readonly orders: OrdersService,
    private readonly listener: StatusListener,
    private readonly db: Database,
    @Inject(ORDER_CONFIG) private readonly config: OrderConfig,
  ) {}

  @Get(':id/stream')
  @ApiProduces('text/event-stream')
  @ApiUuidParam('id')
  async stream(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const order = await this.orders.ownedBy(user, id);
    response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and Kong: pass events through as they come instead of buffering the response.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();

    let last: Pick<StatusChange, 'status' | 'at'> | undefined;
    let closed = false;
    const send = (change: Omit<StatusChange, 'orderId'>) => {
      if (
        closed ||
        (last && (change.at < last.at || (change.at === last.at && change.status === last.status)))
      )
        return;
      last = { status: change.status, at: change.at };
      const { status, at, cancellationReason } = change;
      response.write(
        `data: ${JSON.stringify({ status, at, ...(cancellationReason ? { cancellationReason } : {}) })}\n\n`,
      );
      if (change.final) close();
    };
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), this.config.SSE_HEARTBEAT_MS);
    const unsubscribe = this.listener.subscribe(id, {
      change: send,
      resync: () =>
        void this.current(id).then(
          (current) => current && send(current),
          () => undefined,
        ),
      close: () => close(),
    });
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      response.end();
    };
    // The response's close: the connection went away (or the stream was ended here).
    response.on('close', close);

    // Subscribed first, read second: a change committed in between is seen by one or the other,
    // and `send` drops what was already sent.
    send((await this.current(id)) ?? this.fromOrder(order));
  }

  private async current(id: string): Promise<Omit<StatusChange, 'orderId'> | undefined> {
    const order = await OrdersRepository.find(this.db.manager, id, null);
    return order && this.fromOrder(order, await OrdersRepository.timeline(this.db.manager, id));
  }

  private fromOrder(
    order: OrderRecord,
    timeline: { status: string; at: Date }[] = [],
  ): Omit<StatusChange, 'orderId'> {
    const entered = [...timeline].reverse().find((entry) => entry.status === order.status);
    return {
      status: order.status,
      at: (entered?.at ?? order.updatedAt).toISOString(),
      ...(order.cancellationReason ? { cancellationReason: order.cancellationReason } : {}),
      final: isFinal(order),
    };
  }
}
