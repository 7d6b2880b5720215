import { Module } from '@nestjs/common';
import { AuthModule, verifierOptionsFromEnv } from '@ecommerce/auth';
import { Database, DatabaseModule } from '@ecommerce/database';
import { KafkaHealth, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { NOTIFICATION_CONFIG, SERVICE_NAME, type NotificationConfig } from './config';
import { DeliverNotificationUseCase } from './delivery/deliver-notification';
import { Dispatcher } from './delivery/dispatcher';
import { mailTransportProvider } from './delivery/mail-transport.provider';
import { NOTIFICATION_MIGRATIONS } from './migrations';
import { NotificationConsumers } from './notifications/notification-consumers';
import { NotificationsController } from './notifications/notifications.controller';
import { RecordNotificationsUseCase } from './notifications/record-notifications';
import { PreferencesController } from './preferences/preferences.controller';
import { TemplatesController } from './templates/templates.controller';
import { TemplatesService } from './templates/templates.service';

export function createAppModule(config: NotificationConfig) {
  @Module({
    imports: [
      DatabaseModule.forRoot({
        env: config,
        applicationName: SERVICE_NAME,
        entities: [...MESSAGING_ENTITIES],
        migrations: [...MESSAGING_MIGRATIONS, ...NOTIFICATION_MIGRATIONS],
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
    // The literal paths (preferences, templates) are separate controllers; GET /api/notifications has no parameter to shadow them.
    controllers: [PreferencesController, TemplatesController, NotificationsController, MetricsController],
    providers: [
      { provide: NOTIFICATION_CONFIG, useValue: config },
      mailTransportProvider,
      TemplatesService,
      RecordNotificationsUseCase,
      DeliverNotificationUseCase,
      Dispatcher,
      NotificationConsumers,
    ],
  })
  class AppModule {}
  return AppModule;
}
