import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, metricsRegistry, RequestContext } from '@ecommerce/observability';
import { propagation, type TextMapPropagator } from '@opentelemetry/api';
import { UpstreamClient, type UpstreamClientOptions } from './upstream-client';
import { CircuitOpenError, UpstreamError } from './upstream.errors';
import { upstreamMetrics } from './upstream.metrics';

// A local HTTP server whose answer each test chooses, recording what it was asked.
let server: Server;
let baseUrl: string;
type Answer = { status: number; body?: string; delayMs?: number; headers?: Record<string, string> };
let answer: Answer;
// Answers given once each, in order, before `answer`.
let firstAnswers: Answer[] = [];
let received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      const { status, body: answerBody, delayMs = 0, headers = {} } = firstAnswers.shift() ?? answer;
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(answerBody ?? '{}');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const metrics = upstreamMetrics();

beforeEach(() => {
  received = [];
  firstAnswers = [];
  metrics.calls.reset();
});

let now = 0;
const client = (overrides: Partial<UpstreamClientOptions> = {}) =>
  new UpstreamClient(
    {
      name: 'test-upstream',
      baseUrl,
      timeoutMs: 300,
      retries: 2,
      retryBackoffMs: 1,
      breaker: { failureThreshold: 10, resetMs: 1_000 },
      metrics,
      logger: createLogger('test', 'silent'),
      ...overrides,
    },
    () => now,
  );

const parseName = (body: unknown) => {
  const name = (body as { name?: unknown }).name;
  if (typeof name !== 'string') throw new Error('no name');
  return name;
};

const outcomes = async () =>
  Object.fromEntries((await metrics.calls.get()).values.map(({ labels, value }) => [labels.outcome, value]));

describe('UpstreamClient', () => {
  it('returns the parsed body, and a 404 as not found without retrying', async () => {
    answer = { status: 200, body: '{"name":"lamp"}' };
    await expect(client().get('/x', parseName)).resolves.toBe('lamp');
    answer = { status: 404 };
    await expect(client().lookup('/x', parseName)).resolves.toEqual({ found: false });
    await expect(client().get('/x', parseName)).rejects.toMatchObject({
      reason: 'bad_response',
      status: 404,
    });
    expect(received).toHaveLength(3);
    expect(await outcomes()).toEqual({ success: 1, not_found: 2 });
  });

  it('retries a 503 as often as allowed, then fails with the last answer', async () => {
    answer = { status: 503 };
    const failure = client({ retries: 2 }).get('/x', parseName);
    await expect(failure).rejects.toBeInstanceOf(UpstreamError);
    await expect(failure).rejects.toMatchObject({
      upstream: 'test-upstream',
      reason: 'server_error',
      status: 503,
    });
    expect(received).toHaveLength(3);
    expect(await outcomes()).toEqual({ server_error: 3 });
  });

  it('retries once by default', async () => {
    answer = { status: 503 };
    const defaults = new UpstreamClient({
      name: 'defaults',
      baseUrl,
      timeoutMs: 300,
      metrics,
      logger: createLogger('test', 'silent'),
    });
    await expect(defaults.get('/x', parseName)).rejects.toMatchObject({ status: 503 });
    expect(received).toHaveLength(2);
  });

  it('recovers when a retry succeeds', async () => {
    firstAnswers = [{ status: 502 }, { status: 504 }];
    answer = { status: 200, body: '{"name":"third"}' };
    await expect(client({ retries: 2 }).get('/x', parseName)).resolves.toBe('third');
    expect(received).toHaveLength(3);
    expect(await outcomes()).toEqual({ server_error: 2, success: 1 });
  });

  it('retries a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      client({ baseUrl: `http://127.0.0.1:${port}`, retries: 1 }).get('/x', parseName),
    ).rejects.toMatchObject({ reason: 'network_error' });
    expect(await outcomes()).toEqual({ network_error: 2 });
  });

  it('does not retry a 500, a 4xx, an answer of the wrong shape or one that is not JSON', async () => {
    for (const next of [
      { status: 500 },
      { status: 400 },
      { status: 429 },
      { status: 200, body: '{"title":"no name"}' },
      { status: 200, body: 'not json' },
    ]) {
      answer = next;
      await expect(client().get('/x', parseName)).rejects.toBeInstanceOf(UpstreamError);
    }
    expect(received).toHaveLength(5);
    expect(await outcomes()).toEqual({ server_error: 2, bad_response: 3 });
  });

  it('does not retry a POST unless the caller says it is safe to repeat', async () => {
    answer = { status: 503 };
    await expect(client().post('/x', { a: 1 }, parseName)).rejects.toMatchObject({ status: 503 });
    expect(received).toHaveLength(1);
    await expect(
      client({ retries: 1 }).post('/x', { a: 1 }, parseName, { idempotent: true }),
    ).rejects.toMatchObject({ status: 503 });
    expect(received).toHaveLength(3);
    expect(received[0]).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(received[0]!.headers['content-type']).toBe('application/json');
  });

  it('gives up on a slow answer after the timeout, without retrying it', async () => {
    answer = { status: 200, body: '{"name":"late"}', delayMs: 1_000 };
    const startedAt = Date.now();
    await expect(client({ timeoutMs: 100 }).get('/x', parseName)).rejects.toMatchObject({
      reason: 'timeout',
    });
    expect(Date.now() - startedAt).toBeLessThan(700);
    expect(received).toHaveLength(1);
  });

  it('lets a single call set its own timeout', async () => {
    answer = { status: 200, body: '{"name":"late"}', delayMs: 200 };
    await expect(client({ timeoutMs: 50 }).get('/x', parseName, { timeoutMs: 1_000 })).resolves.toBe('late');
  });

  it("waits out the upstream's Retry-After, and passes on one longer than it would wait", async () => {
    answer = { status: 503, headers: { 'retry-after': '1' } };
    const startedAt = Date.now();
    await expect(client({ timeoutMs: 1_500, retries: 1 }).get('/x', parseName)).rejects.toMatchObject({
      status: 503,
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_000);
    expect(received).toHaveLength(2);

    answer = { status: 503, headers: { 'retry-after': '30' } };
    const refused = client({ timeoutMs: 300, retries: 1 }).get('/x', parseName);
    await expect(refused).rejects.toMatchObject({ details: { status: 503, retryAfterMs: 30_000 } });
    expect(received).toHaveLength(3);
    const error = (await refused.catch((caught: unknown) => caught)) as UpstreamError;
    expect(error.retryAfterSeconds(5)).toBe(30);
  });

  it('opens the breaker after failures in a row, then refuses at once without calling', async () => {
    const breaking = client({ retries: 0, breaker: { failureThreshold: 2, resetMs: 1_000 } });
    answer = { status: 500 };
    await expect(breaking.get('/x', parseName)).rejects.toMatchObject({ reason: 'server_error' });
    expect(breaking.state).toBe('closed');
    await expect(breaking.get('/x', parseName)).rejects.toMatchObject({ reason: 'server_error' });
    expect(breaking.state).toBe('open');

    answer = { status: 200, body: '{"name":"back"}' };
    const refused = breaking.get('/x', parseName);
    await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(refused).rejects.toMatchObject({ reason: 'rejected', details: { retryAfterMs: 1_000 } });
    expect(received).toHaveLength(2);
    expect(await outcomes()).toEqual({ server_error: 2, rejected: 1 });
  });

  it('stops retrying once its own failures open the breaker', async () => {
    answer = { status: 503 };
    const breaking = client({ retries: 2, breaker: { failureThreshold: 2, resetMs: 1_000 } });
    await expect(breaking.get('/x', parseName)).rejects.toMatchObject({ status: 503 });
    expect(received).toHaveLength(2);
  });

  it('half-opens after the cool-down: a failed trial opens it again, a good one closes it', async () => {
    now = 0;
    const breaking = client({ retries: 0, breaker: { failureThreshold: 1, resetMs: 1_000 } });
    answer = { status: 503 };
    await expect(breaking.get('/x', parseName)).rejects.toMatchObject({ reason: 'server_error' });
    now = 1_000;
    expect(breaking.state).toBe('half_open');
    await expect(breaking.get('/x', parseName)).rejects.toMatchObject({ reason: 'server_error' });
    expect(breaking.state).toBe('open');
    await expect(breaking.get('/x', parseName)).rejects.toMatchObject({ reason: 'rejected' });

    now = 2_000;
    answer = { status: 200, body: '{"name":"back"}' };
    await expect(breaking.get('/x', parseName)).resolves.toBe('back');
    expect(breaking.state).toBe('closed');
    expect(received).toHaveLength(3);
  });

  it('does not count answers of a service that is up (404, 4xx, bad body) against the breaker', async () => {
    const lookups = client({ retries: 0, breaker: { failureThreshold: 2, resetMs: 1_000 } });
    for (const next of [{ status: 404 }, { status: 400 }, { status: 200, body: '[]' }, { status: 422 }]) {
      answer = next;
      await lookups.lookup('/x', parseName).catch(() => undefined);
    }
    expect(lookups.state).toBe('closed');
  });

  it('reports the breaker state per upstream at every scrape', async () => {
    now = 0;
    const breaking = client({ name: 'gauged', retries: 0, breaker: { failureThreshold: 1, resetMs: 1_000 } });
    const gauge = async () => {
      await metricsRegistry.getSingleMetricAsString('upstream_breaker_state');
      return (await metrics.breakerState.get()).values.find((v) => v.labels.upstream === 'gauged')?.value;
    };
    expect(await gauge()).toBe(0);
    answer = { status: 503 };
    await breaking.get('/x', parseName).catch(() => undefined);
    expect(await gauge()).toBe(2);
    now = 1_000;
    expect(await gauge()).toBe(1);
  });

  it('sends the correlation id, the trace context and the caller token along', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const propagator: TextMapPropagator = {
      inject: (_context, carrier, setter) => setter.set(carrier, 'traceparent', traceparent),
      extract: (context) => context,
      fields: () => ['traceparent'],
    };
    propagation.setGlobalPropagator(propagator);
    try {
      answer = { status: 200, body: '{"name":"lamp"}' };
      await RequestContext.run({ correlationId: 'corr-1', causationId: null }, () =>
        client().get('/x?y=1', parseName, { bearer: 'token-1' }),
      );
    } finally {
      propagation.disable();
    }
    expect(received[0]).toMatchObject({ method: 'GET', url: '/x?y=1' });
    expect(received[0]!.headers).toMatchObject({
      'x-correlation-id': 'corr-1',
      traceparent,
      authorization: 'Bearer token-1',
      accept: 'application/json',
    });
  });
});
