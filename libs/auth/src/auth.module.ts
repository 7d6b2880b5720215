import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier';

/** Installs the access-token guard on every route of the service. */
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
          provide: TokenVerifier,
          useFactory: async (...deps: never[]) => new TokenVerifier(await options.useFactory(...deps)),
          inject: (options.inject ?? []) as never[],
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
