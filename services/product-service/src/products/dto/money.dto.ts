import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** A billion in a two-decimal currency: far above any catalog price, far below 2^53 after conversion. */
export const MAX_AMOUNT = 100_000_000_000;

export class MoneyDto {
  @ApiProperty({
    example: 12999,
    description: 'Integer minor units (cents).',
    minimum: 0,
    maximum: MAX_AMOUNT,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  amount!: number;

  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' })
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
}
