import {
  Global,
  Inject,
  Injectable,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type ModuleMetadata,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Topics } from '@ecommerce/contracts';
import {
  MESSAGING_LOGGER,
  MESSAGING_OPTIONS,
  type MessagingLogger,
  type MessagingModuleOptions,
} from '@ecommerce/messaging';
import { Kafka } from 'kafkajs';
import { AuthGuard } from './auth.guard';
import { RevocationConsumer } from './revocation-consumer';
import { RevocationList } from './revocation-list';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

const VERIFIER_OPTIONS = Symbol('VERIFIER_OPTIONS');

/**
 * Starts the deny-list feed with the application and stops it before the Kafka client goes away.
 * It uses the service's own Kafka client and name (MessagingModule), so a service needs no wiring.
 */
@Injectable()
class RevocationFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: RevocationConsumer;

  constructor(
    @Inject(VERIFIER_OPTIONS) private readonly options: TokenVerifierOptions,
    private readonly list: RevocationList,
    @Optional() @Inject(Kafka) private readonly kafka?: Kafka,
    @Optional() @Inject(MESSAGING_OPTIONS) private readonly messaging?: MessagingModuleOptions,
    @Optional() @Inject(MESSAGING_LOGGER) private readonly logger?: MessagingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.revocation === false) return;
    if (!this.kafka || !this.messaging || !this.logger) {
      throw new Error(
        'AuthModule refuses revoked tokens from user.events: import MessagingModule.forRoot(...) too',
      );
    }
    this.consumer = new RevocationConsumer({
      kafka: this.kafka,
      list: this.list,
      logger: this.logger,
      serviceName: this.messaging.serviceName,
      // The topic user-service's outbox writes these events to, in this deployment's namespace.
      topic: this.messaging.outbox?.topicFor?.('user.sessions-revoked') ?? Topics.userEvents,
      topicPrefix: this.messaging.topicPrefix,
      windowMs:
        ((this.options.accessTokenTtlSeconds ?? 900) + (this.options.clockToleranceSeconds ?? 5)) * 1_000,
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}

/**
 * Installs the access-token guard on every route of the service, and keeps the deny list of revoked
 * tokens current from `user.events` (one consumer group per instance; see RevocationConsumer).
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: {
    useFactory: (...deps: never[]) => TokenVerifierOptions | Promise<TokenVerifierOptions>;
    inject?: unknown[];
    imports?: ModuleMetadata['imports'];
  }): DynamicModule {
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: VERIFIER_OPTIONS,
          useFactory: (...deps: never[]) => options.useFactory(...deps),
          inject: (options.inject ?? []) as never[],
        },
        {
          provide: RevocationList,
          useFactory: (verifier: TokenVerifierOptions) =>
            new RevocationList(verifier.accessTokenTtlSeconds ?? 900, verifier.clockToleranceSeconds ?? 5),
          inject: [VERIFIER_OPTIONS],
        },
        {
          provide: TokenVerifier,
          useFactory: (verifier: TokenVerifierOptions, list: RevocationList) =>
            new TokenVerifier(verifier, list),
          inject: [VERIFIER_OPTIONS, RevocationList],
        },
        RevocationFeed,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier, RevocationList],
    };
  }
}
