import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalNotNull } from '@ecommerce/http';
import { IsInt, Max, Min } from 'class-validator';

export class RefundDto {
  @ApiPropertyOptional({
    example: 1500,
    type: 'integer',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Minor units of the payment currency; the whole rest when absent',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount?: number;
}
