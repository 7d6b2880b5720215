import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@ecommerce/auth';
import { ApiProblems } from '@ecommerce/http';
import type { Request } from 'express';
import { StripeWebhookService } from './stripe-webhook.service';

@ApiTags('payments')
@Controller('api/payments/webhooks')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  /** Called by Stripe; authenticated by the `Stripe-Signature` header, not a token. */
  @Post('stripe')
  @Public()
  @HttpCode(200)
  @ApiHeader({ name: 'Stripe-Signature', required: false, description: 'Stripe’s signature of the raw body' })
  @ApiBody({ required: false, description: 'A Stripe event', schema: { type: 'object' } })
  @ApiOkResponse({ description: 'The event is taken (or was already)' })
  // 404 while no webhook signing secret is configured: the endpoint does not exist then.
  @ApiProblems(404)
  receive(@Req() request: Request, @Headers('stripe-signature') signature?: string) {
    return this.webhooks.receive(request.body, signature);
  }
}
