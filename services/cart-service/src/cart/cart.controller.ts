import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, OptionalAuth, type AuthUser } from '@ecommerce/auth';
import { ApiProblems } from '@ecommerce/http';
import type { Response } from 'express';
import { Caller, type CartCaller } from './cart-caller';
import { CART_ID_HEADER } from './cart.errors';
import { CartService, type CartAnswer } from './cart.service';
import type { CartView } from './cart-view';
import { AddItemDto, CartViewDto, MergeCartDto, ProductIdParams, UpdateItemDto } from './dto';

const cartIdHeaderDoc = {
  name: CART_ID_HEADER,
  required: false,
  description:
    'Guests only: the cart id from an earlier answer. Answers to guests always carry the id to use next.',
};

@ApiTags('cart')
@ApiBearerAuth()
@Controller('api/cart')
export class CartController {
  constructor(private readonly carts: CartService) {}

  @ApiProblems(503)
  @Get()
  @OptionalAuth()
  @ApiHeader(cartIdHeaderDoc)
  @ApiOkResponse({ type: CartViewDto })
  async get(@Caller() caller: CartCaller, @Res({ passthrough: true }) response: Response): Promise<CartView> {
    return send(response, await this.carts.view(caller));
  }

  @ApiProblems(404, 422, 503)
  @Post('items')
  @HttpCode(200)
  @OptionalAuth()
  @ApiHeader(cartIdHeaderDoc)
  @ApiOkResponse({ type: CartViewDto })
  async add(
    @Caller() caller: CartCaller,
    @Body() dto: AddItemDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CartView> {
    return send(response, await this.carts.add(caller, dto.productId, dto.quantity));
  }

  @ApiProblems(404, 422, 503)
  @Patch('items/:productId')
  @OptionalAuth()
  @ApiHeader(cartIdHeaderDoc)
  @ApiOkResponse({ type: CartViewDto })
  async update(
    @Caller() caller: CartCaller,
    @Param() params: ProductIdParams,
    @Body() dto: UpdateItemDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CartView> {
    return send(response, await this.carts.setQuantity(caller, params.productId, dto.quantity));
  }

  @ApiProblems(503)
  @Delete('items/:productId')
  @OptionalAuth()
  @ApiHeader(cartIdHeaderDoc)
  @ApiOkResponse({ type: CartViewDto })
  async remove(
    @Caller() caller: CartCaller,
    @Param() params: ProductIdParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CartView> {
    return send(response, await this.carts.remove(caller, params.productId));
  }

  @Delete()
  @HttpCode(204)
  @OptionalAuth()
  @ApiHeader(cartIdHeaderDoc)
  @ApiNoContentResponse()
  async clear(@Caller() caller: CartCaller): Promise<void> {
    await this.carts.clear(caller);
  }

  /** Signed-in users only (401 for guests): typically called right after login. */
  @ApiProblems(503)
  @Post('merge')
  @HttpCode(200)
  @ApiOkResponse({ type: CartViewDto })
  async merge(
    @CurrentUser() user: AuthUser,
    @Body() dto: MergeCartDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CartView> {
    return send(response, await this.carts.merge(user.id, dto.guestCartId));
  }
}

/** A cart is personal and changes often: no cache (browser, CDN or gateway) may keep it. */
function send(response: Response, answer: CartAnswer): CartView {
  response.setHeader('Cache-Control', 'no-store');
  if (answer.guestCartId) response.setHeader(CART_ID_HEADER, answer.guestCartId);
  return answer.cart;
}
