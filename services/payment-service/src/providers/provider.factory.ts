import type { Provider } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createLogger } from '@ecommerce/observability';
import { PAYMENT_CONFIG, SERVICE_NAME, type PaymentConfig } from '../config';
import { PAYMENT_PROVIDER, type PaymentProvider } from './payment-provider';
import { SandboxProvider } from './sandbox/sandbox-provider';
import { createStripeClient, StripeProvider } from './stripe/stripe-provider';
import { TimedProvider } from './timed-provider';

/** Lets a caller wrap the provider the config selects (tests count its calls). */
export type ProviderDecorator = (provider: PaymentProvider) => PaymentProvider;

/** Stripe when STRIPE_API_KEY is set, otherwise the sandbox; either way timed into the metrics. */
export function paymentProvider(decorate: ProviderDecorator = (provider) => provider): Provider {
  return {
    provide: PAYMENT_PROVIDER,
    inject: [Database, PAYMENT_CONFIG],
    useFactory: (db: Database, config: PaymentConfig): PaymentProvider => {
      const logger = createLogger(SERVICE_NAME);
      let provider: PaymentProvider;
      if (config.STRIPE_API_KEY) {
        provider = new StripeProvider(
          createStripeClient({
            apiKey: config.STRIPE_API_KEY,
            apiBase: config.STRIPE_API_BASE,
            timeoutMs: config.PAYMENT_PROVIDER_TIMEOUT_MS,
          }),
        );
        logger.info(
          { apiBase: config.STRIPE_API_BASE ?? 'https://api.stripe.com' },
          'payments go through Stripe',
        );
      } else {
        provider = new SandboxProvider(db);
        const log = config.NODE_ENV === 'production' ? logger.warn.bind(logger) : logger.info.bind(logger);
        log({}, 'no STRIPE_API_KEY: payments go through the built-in sandbox provider; no real money moves');
      }
      return new TimedProvider(decorate(provider));
    },
  };
}
