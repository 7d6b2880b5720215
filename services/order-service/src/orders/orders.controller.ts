import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ecommerce/auth';
import type { Request } from 'express';
import { ApiProblems, ApiUuidParam, UuidParam } from '@ecommerce/http';
import { CreateOrderDto } from './dto/create-order.dto';
import { ListOrdersQuery } from './dto/list-orders.query';
import { toOrderView } from './order-view';
import { OrdersService } from './orders.service';
import { PlaceOrder } from './place-order';

const bearerOf = (request: Request): string => request.headers.authorization?.split(' ')[1] ?? '';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api/orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly placeOrder: PlaceOrder,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'One per order attempt; a retry with the same key and body returns the same order',
    schema: { type: 'string', pattern: '^[\\x21-\\x7E]{1,200}$' },
  })
  // 409: the key was used with another body; 422: empty cart, unknown address, product not for sale.
  @ApiProblems(409, 422)
  async place(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: CreateOrderDto,
    @Req() request: Request,
  ) {
    const placement = await this.placeOrder.execute(user, bearerOf(request), key, dto);
    if (placement.kind === 'replayed') return this.orders.get(user, placement.orderId);
    return toOrderView(placement.order, [
      { status: 'PENDING', at: placement.placedAt, detail: 'order placed; stock requested' },
    ]);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListOrdersQuery) {
    return this.orders.list(user, query);
  }

  @Get(':id')
  @ApiUuidParam('id')
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.orders.get(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiUuidParam('id')
  @ApiProblems(409)
  cancel(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.orders.cancel(user, id);
  }

  @Post(':id/ship')
  @HttpCode(200)
  @Roles('admin')
  @ApiUuidParam('id')
  @ApiProblems(409)
  ship(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.orders.ship(user, id);
  }
}
