import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express from 'express';

export const STRIPE_WEBHOOK_PATH = '/api/payments/webhooks/stripe';

/** Stripe's events are small; anything larger is not from Stripe. */
const WEBHOOK_BODY_LIMIT = '512kb';

/**
 * Stripe signs the exact bytes it sends, so the webhook needs the body unparsed; every other route
 * keeps the app's JSON parser. Nest builds providers inside `NestFactory.create`, before the app
 * factory of @ecommerce/http installs its JSON parser, so a parser added here runs first and only on
 * this path; the JSON parser then finds the body already read and leaves it alone.
 */
@Injectable()
export class StripeWebhookRawBody {
  constructor(adapterHost: HttpAdapterHost) {
    adapterHost.httpAdapter.use(
      STRIPE_WEBHOOK_PATH,
      express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    );
  }
}
