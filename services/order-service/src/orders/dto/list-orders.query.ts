import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, type OrderStatus } from '@ecommerce/contracts';
import { PageQuery, toQueryInteger } from '@ecommerce/http';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Far beyond any real history; a larger page is a client bug, not a request. */
export const MAX_PAGE = 100_000;

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Transform(toQueryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  override page: number = 1;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Admins only: the orders of one customer' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}
