import { Module } from '@nestjs/common';
import { AuthModule } from '@ecommerce/auth';
import { Database, DatabaseModule } from '@ecommerce/database';
import { KafkaHealth, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@ecommerce/messaging';
import { HealthModule, MetricsController } from '@ecommerce/observability';
import { REDIS, RedisModule } from '@ecommerce/redis';
import type Redis from 'ioredis';
import { AddressEntity } from './addresses/address.entity';
import { AddressesController } from './addresses/addresses.controller';
import { AddressesService } from './addresses/addresses.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { SessionRevocations } from './auth/session-revocations';
import { SIGNING_KEYS, SigningKeyModule } from './auth/signing-key.module';
import type { SigningKeys } from './auth/signing-keys';
import { SERVICE_NAME, USER_SERVICE_CONFIG, type UserServiceConfig } from './config';
import { CreateUsers1732300000000 } from './migrations/1732300000000-create-users';
import { FirstAdmin } from './users/first-admin';
import { UserEntity } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

export function createAppModule(config: UserServiceConfig) {
  const signingKeys = SigningKeyModule.forRoot(config.JWT_PRIVATE_KEY, config.JWT_PREVIOUS_PUBLIC_KEY);

  @Module({
    imports: [
      signingKeys,
      DatabaseModule.forRoot({
        env: config,
        applicationName: SERVICE_NAME,
        entities: [UserEntity, AddressEntity, ...MESSAGING_ENTITIES],
        migrations: [...MESSAGING_MIGRATIONS, CreateUsers1732300000000],
      }),
      RedisModule.forRoot({ url: config.REDIS_URL, password: config.REDIS_PASSWORD, name: SERVICE_NAME }),
      MessagingModule.forRoot({
        serviceName: SERVICE_NAME,
        brokers: config.KAFKA_BROKERS,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        relay: config.OUTBOX_RELAY_ENABLED,
      }),
      // user-service verifies its own tokens with the keys it holds, without an HTTP call to itself.
      AuthModule.forRoot({
        imports: [signingKeys],
        inject: [SIGNING_KEYS],
        useFactory: (keys: SigningKeys) => ({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          jwks: { keys: keys.publicJwks },
          clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_SECONDS,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        }),
      }),
      HealthModule.forRoot({
        inject: [Database, REDIS, KafkaHealth],
        checks: (db: Database, redis: Redis, kafka: KafkaHealth) => [
          { name: 'postgres', check: () => db.manager.query('SELECT 1') },
          { name: 'redis', check: () => redis.ping() },
          // Writes go through the outbox, which waits for Kafka.
          { name: 'kafka', check: () => kafka.check(), critical: false },
        ],
      }),
    ],
    controllers: [AuthController, UsersController, AddressesController, MetricsController],
    providers: [
      { provide: USER_SERVICE_CONFIG, useValue: config },
      AuthService,
      SessionRevocations,
      UsersService,
      AddressesService,
      FirstAdmin,
    ],
  })
  class AppModule {}
  return AppModule;
}
