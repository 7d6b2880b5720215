import { Controller, Get, Inject, Module, SetMetadata, type DynamicModule } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';

/** A dependency readiness depends on: resolves when it answers, rejects (or times out) when not. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Probed by the orchestrator without credentials; see MetricsController for the metadata key.
@SetMetadata('auth:public', true)
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** The process is alive and its event loop turns; never depends on other systems. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Every store and broker this service needs answers; load balancers route only to ready pods. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map(({ name, check }) => async () => {
        const indicator = this.indicators.check(name);
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
}

@Module({})
export class HealthModule {
  /** `checks` is a factory so it can use the service's own providers (DataSource, Redis, Kafka). */
  static forRoot(options: { inject?: unknown[]; checks: (...deps: never[]) => ReadinessCheck[] }): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          useFactory: options.checks as (...deps: unknown[]) => ReadinessCheck[],
          inject: (options.inject ?? []) as never[],
        },
      ],
    };
  }
}
