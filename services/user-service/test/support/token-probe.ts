import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { AuthModule, CurrentUser, type AuthUser } from '@ecommerce/auth';
import { createServiceApp } from '@ecommerce/http';
import { MessagingModule } from '@ecommerce/messaging';
import { createLogger } from '@ecommerce/observability';

@Controller('api/probe')
class ProbeController {
  @Get()
  whoAmI(@CurrentUser() user: AuthUser) {
    return user;
  }
}

/**
 * Another service as far as tokens go: its own process state, AuthModule verifying against
 * user-service's JWKS over HTTP, and the revocation feed from Kafka. `GET /api/probe` needs a token.
 */
export async function startTokenProbe(
  jwksUrl: string,
  options: { jwksCooldownMs?: number } = {},
): Promise<INestApplication> {
  const silent = createLogger('token-probe', 'silent');
  @Module({
    imports: [
      MessagingModule.forRoot({ serviceName: 'token-probe', relay: false, logger: silent }),
      AuthModule.forRoot({
        useFactory: () => ({
          issuer: 'ecommerce-user-service',
          audience: 'ecommerce',
          jwksUrl,
          jwksCooldownMs: options.jwksCooldownMs ?? 100,
        }),
      }),
    ],
    controllers: [ProbeController],
  })
  class ProbeModule {}
  const app = await createServiceApp(ProbeModule, {
    service: 'token-probe',
    title: 'probe',
    description: 'test',
    logger: silent,
  });
  await app.listen(0, '127.0.0.1');
  return app;
}

export const jwksUrlOf = (app: INestApplication): string => `${urlOf(app)}/api/auth/jwks`;

export function urlOf(app: INestApplication): string {
  const address = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}
