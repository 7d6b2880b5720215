import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ecommerce/auth';
import { ApiProblems, ApiUuidParam, UuidParam } from '@ecommerce/http';
import { RefundDto } from './dto';
import { RefundPaymentUseCase } from './refund-payment';
import { toRefundView } from './refund.views';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/payments')
export class RefundsController {
  constructor(private readonly refunds: RefundPaymentUseCase) {}

  /**
   * 202: the refund is accepted and asked of the provider; `status` says whether it went through
   * already (SUCCEEDED) or the provider is still working on it (PENDING).
   */
  @Post(':id/refund')
  @HttpCode(202)
  @Roles('admin')
  @ApiUuidParam('id')
  // 409: nothing (more) to refund in this state; 422: above the refundable rest, or the provider refused.
  @ApiProblems(409, 422)
  async refund(@Param('id', UuidParam) paymentId: string, @Body() dto: RefundDto) {
    const result = await this.refunds.execute({
      refundId: randomUUID(),
      paymentId,
      amount: dto.amount,
      source: 'admin',
    });
    if (result.kind !== 'refund') throw new Error('an admin refund always creates one or fails');
    return toRefundView(result.refund);
  }
}
