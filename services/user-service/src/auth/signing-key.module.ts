import { Module, type DynamicModule } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { loadSigningKey } from './signing-keys';

export const SIGNING_KEY = Symbol('SIGNING_KEY');

/**
 * Loads the access-token signing key once at start-up. Its own module so that both the token
 * issuer (AuthService) and the token guard (AuthModule) can depend on it.
 */
@Module({})
export class SigningKeyModule {
  static forRoot(configuredPem: string | undefined): DynamicModule {
    return {
      module: SigningKeyModule,
      providers: [
        {
          provide: SIGNING_KEY,
          inject: [Database],
          useFactory: (db: Database) => db.transaction((tx) => loadSigningKey(tx, configuredPem)),
        },
      ],
      exports: [SIGNING_KEY],
    };
  }
}
