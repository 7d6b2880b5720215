import { Controller, Get, Module, NotFoundException, type INestApplication } from '@nestjs/common';
import { createLogger } from '@ecommerce/observability';
import request from 'supertest';
import { createServiceApp } from './create-app';
import { DomainError } from './domain-error';

/** What an Elasticsearch client or axios throws: a plain error that carries the upstream's status. */
class UpstreamLikeError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly statusCode = status,
  ) {
    super(message);
  }
}

@Controller('boom')
class BoomController {
  @Get('domain')
  domain(): never {
    throw new DomainError('THING_TAKEN', 'conflict', 'That thing is taken.');
  }

  @Get('elasticsearch')
  elasticsearch(): never {
    throw new UpstreamLikeError(
      'search_phase_execution_exception: [query_shard_exception] failed to create query',
      400,
    );
  }

  @Get('axios')
  axios(): never {
    throw Object.assign(new UpstreamLikeError('Request failed with status code 404', 404), {
      isAxiosError: true,
    });
  }

  @Get('exposed-without-type')
  exposed(): never {
    throw Object.assign(new UpstreamLikeError('internal secret', 409), { expose: true });
  }

  @Get('busy')
  busy(): never {
    throw new DomainError('THING_BUSY', 'unavailable', 'Too busy; try again shortly.', {
      retryAfterSeconds: 1,
    });
  }

  @Get('http')
  http(): never {
    throw new NotFoundException();
  }
}

@Module({ controllers: [BoomController] })
class BoomModule {}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const logger = createLogger('problem-filter-spec', 'silent');
  const errorsLogged = jest.spyOn(logger, 'error');

  beforeAll(async () => {
    app = await createServiceApp(BoomModule, {
      service: 'problem-filter-spec',
      title: 't',
      description: 'd',
      logger,
    });
    await app.init();
  });

  afterAll(() => app.close());

  it('lets a domain error speak: its status, code and message', async () => {
    const response = await http().get('/boom/domain').expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 409, code: 'THING_TAKEN', detail: 'That thing is taken.' });
  });

  it.each(['elasticsearch', 'axios', 'exposed-without-type'])(
    'answers a %s error that carries a 4xx status as a plain 500 with the correlation id',
    async (path) => {
      const response = await http().get(`/boom/${path}`).set('X-Correlation-Id', 'corr-123').expect(500);
      expect(response.body).toEqual({
        type: '/problems/internal-error',
        title: 'Internal Server Error',
        status: 500,
        code: 'INTERNAL_ERROR',
        detail: 'An unexpected error occurred. Quote the correlation id when you report it.',
        instance: `/boom/${path}`,
        correlationId: 'corr-123',
      });
    },
  );

  it('answers a domain 503 with Retry-After and logs no error for it, while an unexpected error is logged', async () => {
    errorsLogged.mockClear();
    const busy = await http().get('/boom/busy').expect(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.body).toMatchObject({ status: 503, code: 'THING_BUSY' });
    expect(errorsLogged).not.toHaveBeenCalled();

    await http().get('/boom/elasticsearch').expect(500);
    expect(errorsLogged).toHaveBeenCalledWith(expect.anything(), 'unhandled error');
  });

  it('still answers the body parser and the router in 4xx', async () => {
    const malformed = await http().post('/boom/domain').set('Content-Type', 'application/json').send('{"a":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    await http().get('/boom/http').expect(404);
    await http().get('/nowhere').expect(404);
  });
});
