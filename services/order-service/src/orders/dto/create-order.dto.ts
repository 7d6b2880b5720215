import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { OptionalNotNull } from '@ecommerce/http';
import { MAX_LINE_QUANTITY, MAX_LINES } from '../../pricing/price-lines';
import { checkPaymentMethod } from '../payment-method';

/** A payment method token; a card number gets its own message, and its value is never echoed. */
function IsPaymentMethodToken(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPaymentMethodToken',
      validator: {
        validate: (value: unknown) => checkPaymentMethod(value) === 'token',
        defaultMessage: (args) =>
          checkPaymentMethod(args?.value) === 'card_number'
            ? 'paymentMethod must be a payment method token such as pm_card_visa; card numbers are never accepted'
            : 'paymentMethod must be a payment method token such as pm_card_visa',
      },
    },
    options,
  );
}

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, example: 2 })
  @IsInt()
  @Min(1)
  @Max(MAX_LINE_QUANTITY)
  quantity!: number;

  // Prices come from the catalog only: whatever a client sends here is accepted and ignored.
  @ApiHideProperty()
  @Allow()
  unitPrice?: unknown;

  @ApiHideProperty()
  @Allow()
  lineTotal?: unknown;

  @ApiHideProperty()
  @Allow()
  name?: unknown;
}

export class ShippingAddressDto {
  @ApiProperty({ example: '1 Main Street', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: 'Berlin', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city!: string;

  @ApiProperty({ example: '10115', minLength: 1, maxLength: 20 })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  postalCode!: string;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2', pattern: '^[A-Z]{2}$' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as DE' })
  country!: string;
}

export class CreateOrderDto {
  @ApiPropertyOptional({
    type: [OrderLineDto],
    description: `1 to ${MAX_LINES} lines; a product listed twice is merged into one line`,
    minItems: 1,
    maxItems: MAX_LINES,
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  items?: OrderLineDto[];

  @ApiPropertyOptional({
    enum: [true],
    description: 'Order the lines of the caller’s cart instead of `items`',
  })
  @OptionalNotNull()
  @Equals(true)
  fromCart?: true;

  @ApiPropertyOptional({
    example: 'EUR',
    description: 'Default: the catalog’s base currency',
    pattern: '^[A-Z]{3}$',
  })
  @OptionalNotNull()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ type: ShippingAddressDto })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress?: ShippingAddressDto;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A saved address of the caller, instead of `shippingAddress`',
  })
  @OptionalNotNull()
  @IsUUID()
  addressId?: string;

  @ApiProperty({
    example: 'pm_card_visa',
    pattern: '^[A-Za-z][A-Za-z0-9_-]{2,254}$',
    description: 'A payment method token; card numbers are refused',
  })
  @IsPaymentMethodToken()
  paymentMethod!: string;

  @ApiHideProperty()
  @Allow()
  total?: unknown;

  @ApiHideProperty()
  @Allow()
  subtotal?: unknown;
}

/** The body as it counts for idempotency: what the client asked for, without the ignored money fields. */
export function idempotentBody(dto: CreateOrderDto): Record<string, unknown> {
  return {
    items: dto.items?.map(({ productId, quantity }) => ({ productId, quantity })),
    fromCart: dto.fromCart,
    currency: dto.currency,
    shippingAddress: dto.shippingAddress && { ...dto.shippingAddress },
    addressId: dto.addressId,
    paymentMethod: dto.paymentMethod,
  };
}
