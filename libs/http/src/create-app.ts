import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  collectProcessMetrics,
  createLogger,
  httpObservability,
  type Logger,
} from '@ecommerce/observability';
import { cachedReads, type CachedRead } from './cached-reads';
import { NestPinoLogger } from './nest-logger';
import { documentProblemResponses } from './openapi-problems';
import { installOverloadShedding } from './overload/overload-shedding';
import type { OverloadOptions } from './overload/overload-options';
import { ProblemDetailsFilter } from './problem.filter';
import { createValidationPipe } from './validation';

export interface ServiceAppOptions {
  service: string;
  title: string;
  description: string;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
  logger?: Logger;
  /** Overload shedding settings; by default from the environment (see overload/overload-options.ts). */
  overload?: OverloadOptions;
  /** Public reads whose cache hits are answered before Nest's routing (see cached-reads/). */
  cachedReads?: (app: INestApplication) => CachedRead[];
}

/**
 * Builds a service's Nest app with everything the cross-cutting contract asks of every service:
 * overload shedding (a fast 503 + Retry-After past capacity), JSON logs, correlation ids, request
 * metrics, problem+json errors, strict validation, OpenAPI at /docs and /docs-json, and shutdown
 * hooks so SIGTERM drains work before the pools close.
 * Used by main.ts and by integration tests alike, so tests exercise the real HTTP stack.
 */
export async function createServiceApp(
  module: Type<unknown>,
  options: ServiceAppOptions,
): Promise<INestApplication> {
  const logger = options.logger ?? createLogger(options.service);
  collectProcessMetrics(options.service);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  Object.assign(app.getHttpAdapter().getInstance().router, { caseSensitive: true }); // '/api/auth/LOGIN' is not '/api/auth/login' (as at the gateway)
  app.set('trust proxy', true);
  // First, so a shed request costs nothing of what follows.
  installOverloadShedding(app, options.overload);
  app.use(httpObservability(logger));
  const reads = options.cachedReads?.(app) ?? [];
  if (reads.length > 0) app.use(cachedReads(reads));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '256kb' });
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = documentProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.title)
        .setDescription(options.description)
        .setVersion('1.0')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
