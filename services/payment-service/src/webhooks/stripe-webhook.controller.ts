import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@ecommerce/auth';
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
  receive(@Req() request: Request, @Headers('stripe-signature') signature?: string) {
    return this.webhooks.receive(request.body, signature);
  }
}
