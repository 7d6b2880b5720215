import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class PaymentsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the payment of this order' })
  @IsOptional()
  @IsUUID()
  orderId?: string;
}
