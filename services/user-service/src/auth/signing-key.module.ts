import { Module, type DynamicModule } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { loadSigningKeys } from './signing-keys';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

/**
 * Loads the access-token signing keys once at start-up. Its own module so that both the token
 * issuer (AuthService) and the token guard (AuthModule) can depend on it.
 */
@Module({})
export class SigningKeyModule {
  static forRoot(configuredPem: string | undefined, previousPem: string | undefined): DynamicModule {
    return {
      module: SigningKeyModule,
      providers: [
        {
          provide: SIGNING_KEYS,
          inject: [Database],
          useFactory: (db: Database) =>
            db.transaction((tx) => loadSigningKeys(tx, configuredPem, previousPem)),
        },
      ],
      exports: [SIGNING_KEYS],
    };
  }
}
