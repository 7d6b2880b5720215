import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RefundDto {
  @ApiPropertyOptional({
    example: 1500,
    minimum: 1,
    description: 'Minor units of the payment currency; the whole rest when absent',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount?: number;
}
