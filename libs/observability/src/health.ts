import {
  Controller,
  Get,
  Inject,
  Module,
  Optional,
  Res,
  SetMetadata,
  type DynamicModule,
} from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import type { Response } from 'express';
import { Gauge, register } from 'prom-client';

/**
 * A dependency readiness looks at: resolves when it answers, rejects (or times out) when not.
 *
 * `critical` (default true): the service cannot answer without it, so readiness fails (503) while it
 * is down. A non-critical dependency is one the service works without, perhaps degraded (a cache it
 * falls back from, a broker whose writes wait in the outbox): while it is down readiness stays 200,
 * and it shows as down in the body and in `health_dependency_up`.
 */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
  critical?: boolean;
}

/**
 * Background work that can be degraded without making the service unready (an event consumer
 * waiting for a database to come back). Provide it under `BACKGROUND_WORK_STATUS`; readiness shows
 * what `degraded()` returns under `degraded` and sets `health_dependency_up{dependency=name}`.
 */
export interface BackgroundWorkStatus {
  name: string;
  /** Undefined when all is well; otherwise what an operator needs to see. */
  degraded(): unknown;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const BACKGROUND_WORK_STATUS = Symbol('BACKGROUND_WORK_STATUS');
const CHECK_TIMEOUT_MS = 2_000;

const dependencyUp =
  (register.getSingleMetric('health_dependency_up') as Gauge<'dependency' | 'critical'> | undefined) ??
  new Gauge({
    name: 'health_dependency_up',
    help: 'Whether a dependency answered the last readiness probe (1) or not (0); critical="false" ones do not fail readiness',
    labelNames: ['dependency', 'critical'] as const,
  });

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Indicator = { status: 'up' } | { status: 'down'; message: string; critical?: false };

/** The readiness document: Terminus' shape (`status`, `info`, `error`, `details`) plus `degraded`. */
export interface ReadinessReport {
  status: 'ok' | 'error';
  info: Record<string, Indicator>;
  error: Record<string, Indicator>;
  details: Record<string, Indicator>;
  /** Present when a non-critical dependency or background work is down: the service answers, degraded. */
  degraded?: Record<string, unknown>;
}

/** Runs every check; only critical ones decide `status`. */
export async function readinessReport(
  checks: readonly ReadinessCheck[],
  background: readonly BackgroundWorkStatus[] = [],
): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check, critical = true }): Promise<[string, Indicator, boolean]> => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS);
        return [name, { status: 'up' }, critical];
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [
          name,
          critical ? { status: 'down', message } : { status: 'down', message, critical: false },
          critical,
        ];
      }
    }),
  );
  const report: ReadinessReport = { status: 'ok', info: {}, error: {}, details: {} };
  const degraded: Record<string, unknown> = {};
  for (const [name, indicator, critical] of results) {
    report.details[name] = indicator;
    dependencyUp.set({ dependency: name, critical: String(critical) }, indicator.status === 'up' ? 1 : 0);
    if (indicator.status === 'up') report.info[name] = indicator;
    else {
      report.error[name] = indicator;
      if (critical) report.status = 'error';
      else degraded[name] = indicator.message;
    }
  }
  for (const work of background) {
    const state = work.degraded();
    dependencyUp.set({ dependency: work.name, critical: 'false' }, state === undefined ? 1 : 0);
    if (state !== undefined) degraded[work.name] = state;
  }
  if (Object.keys(degraded).length > 0) report.degraded = degraded;
  return report;
}

// Probed by the orchestrator without credentials; see MetricsController for the metadata key.
@SetMetadata('auth:public', true)
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Optional() @Inject(BACKGROUND_WORK_STATUS) private readonly background?: BackgroundWorkStatus,
  ) {}

  /** The process is alive and its event loop turns; never depends on other systems. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * 200 while every critical dependency answers, 503 otherwise; load balancers route only to ready
   * pods. Non-critical dependencies and background work that are down show under `degraded`.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await readinessReport(this.checks, this.background ? [this.background] : []);
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}

@Module({})
export class HealthModule {
  /** `checks` is a factory so it can use the service's own providers (DataSource, Redis, Kafka). */
  static forRoot(options: {
    inject?: unknown[];
    checks: (...deps: never[]) => ReadinessCheck[];
  }): DynamicModule {
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
