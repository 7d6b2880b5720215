import { Module } from '@nestjs/common';
import { AuthModule, verifierOptionsFromEnv } from '@ecommerce/auth';
import { Database, DatabaseModule } from '@ecommerce/database';
import { KafkaHealth, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { PAYMENT_CONFIG, SERVICE_NAME, type PaymentConfig } from './config';
import { PaymentConsumers } from './consumers';
import { PAYMENT_MIGRATIONS } from './migrations';
import { AuthorizePaymentUseCase } from './payments/authorize-payment';
import { PaymentFacts } from './payments/payment-facts';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { paymentProvider, type ProviderDecorator } from './providers/provider.factory';
import { Reconciler } from './reconciliation/reconciler';
import { ReconciliationJob } from './reconciliation/reconciliation.job';
import { RefundPaymentUseCase } from './refunds/refund-payment';
import { RefundsController } from './refunds/refunds.controller';
import { StripeWebhookRawBody } from './webhooks/raw-body';
import { StripeWebhookController } from './webhooks/stripe-webhook.controller';
import { StripeWebhookService } from './webhooks/stripe-webhook.service';

export interface AppModuleOptions {
  decorateProvider?: ProviderDecorator;
}

export function createAppModule(config: PaymentConfig, options: AppModuleOptions = {}) {
  @Module({
    imports: [
      DatabaseModule.forRoot({
        env: config,
        applicationName: SERVICE_NAME,
        entities: [...MESSAGING_ENTITIES],
        migrations: [...MESSAGING_MIGRATIONS, ...PAYMENT_MIGRATIONS],
      }),
      MessagingModule.forRoot({
        serviceName: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        relay: config.OUTBOX_RELAY_ENABLED,
      }),
      AuthModule.forRoot({ useFactory: () => verifierOptionsFromEnv(config) }),
      HealthModule.forRoot({
        inject: [Database, KafkaHealth],
        checks: (db: Database, kafka: KafkaHealth) => [
          { name: 'postgres', check: () => db.manager.query('SELECT 1') },
          {
            name: 'kafka',
            check: async () => {
              if (!(await kafka.isHealthy())) throw new Error('Kafka brokers do not answer');
            },
          },
        ],
      }),
    ],
    controllers: [StripeWebhookController, PaymentsController, RefundsController, MetricsController],
    providers: [
      { provide: PAYMENT_CONFIG, useValue: config },
      StripeWebhookRawBody,
      paymentProvider(options.decorateProvider),
      PaymentFacts,
      AuthorizePaymentUseCase,
      RefundPaymentUseCase,
      PaymentsService,
      StripeWebhookService,
      Reconciler,
      ReconciliationJob,
      PaymentConsumers,
    ],
  })
  class AppModule {}
  return AppModule;
}
