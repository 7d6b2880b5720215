import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@ecommerce/auth';
import { PaymentsQuery } from './dto';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** The caller's payments (an admin's: everyone's), optionally of one order. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: PaymentsQuery) {
    return this.payments.list(user, query.orderId);
  }
}
