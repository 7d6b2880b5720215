import { DomainError } from '@ecommerce/http';

export const WebhookErrors = {
  notConfigured: () =>
    new DomainError(
      'WEBHOOKS_NOT_CONFIGURED',
      'not_found',
      'This service takes no Stripe webhooks (no signing secret is configured).',
    ),
  badSignature: () =>
    new DomainError(
      'WEBHOOK_SIGNATURE_INVALID',
      'invalid',
      'The Stripe-Signature header does not match the body.',
    ),
};
