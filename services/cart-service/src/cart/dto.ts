import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { MAX_LINE_QUANTITY } from './cart-lines';

export class AddItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  productId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

export class UpdateItemDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_LINE_QUANTITY,
    description: '0 removes the line',
    example: 2,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;
}

export class ProductIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  productId!: string;
}

export class MergeCartDto {
  @ApiProperty({ format: 'uuid', description: 'The X-Cart-Id the guest held before signing in' })
  @IsUUID('all')
  guestCartId!: string;
}

class MoneyDto {
  @ApiProperty({ description: 'integer minor units', example: 4999 })
  amount!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;
}

class CartItemDto {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: MoneyDto })
  unitPrice!: MoneyDto;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY })
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  lineTotal!: MoneyDto;

  @ApiProperty({ description: 'The product is on sale and stock covers the quantity' })
  available!: boolean;

  @ApiProperty({ description: 'unitPrice is the last known price: product-service could not be asked' })
  priceStale!: boolean;

  @ApiProperty({
    description:
      '`available` rests on the last known stock, or is assumed: inventory-service could not be asked',
  })
  availabilityStale!: boolean;
}

export class CartViewDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The guest cart id, or the user's id for a signed-in user's cart; null for a guest who has not added anything yet",
  })
  id!: string | null;

  @ApiProperty({ type: [CartItemDto] })
  items!: CartItemDto[];

  @ApiProperty({ type: MoneyDto })
  subtotal!: MoneyDto;

  @ApiProperty({ description: 'Units in the cart (sum of quantities)' })
  itemCount!: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the oldest price shown was known to be current',
  })
  pricesAsOf!: string | null;
}
