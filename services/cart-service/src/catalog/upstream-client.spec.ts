import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@ecommerce/observability';
import { UpstreamClient, type UpstreamOptions } from './upstream-client';
import { UpstreamUnavailableError } from './upstream.errors';

// A local HTTP server whose answer each test chooses: status, body and delay.
let server: Server;
let baseUrl: string;
let answer: { status: number; body?: string; delayMs?: number };
let calls = 0;

beforeAll(async () => {
  server = createServer((_, response) => {
    calls++;
    const { status, body, delayMs = 0 } = answer;
    setTimeout(() => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body ?? '{}');
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  calls = 0;
});

const clients: UpstreamClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.shutdown()));

const client = (overrides: Partial<UpstreamOptions> = {}) => {
  const created = new UpstreamClient(
    {
      name: 'test-upstream',
      baseUrl,
      timeoutMs: 200,
      retries: 1,
      retryBackoffMs: 1,
      breaker: { resetMs: 60_000, errorThresholdPercent: 50, volumeThreshold: 4, windowMs: 10_000 },
      ...overrides,
    },
    createLogger('cart-service', 'silent'),
  );
  clients.push(created);
  return created;
};

const parseName = (body: unknown) => {
  const name = (body as { name?: unknown }).name;
  if (typeof name !== 'string') throw new Error('no name');
  return name;
};

describe('UpstreamClient', () => {
  it('returns the parsed body, and a 404 as not found without retrying', async () => {
    answer = { status: 200, body: '{"name":"lamp"}' };
    await expect(client().get('/x', parseName)).resolves.toEqual({ found: true, value: 'lamp' });
    answer = { status: 404 };
    calls = 0;
    await expect(client().get('/x', parseName)).resolves.toEqual({ found: false });
    expect(calls).toBe(1);
  });

  it('retries a 5xx once, then reports the upstream unavailable', async () => {
    answer = { status: 503 };
    await expect(client().get('/x', parseName)).rejects.toEqual(
      new UpstreamUnavailableError('test-upstream', 'server_error'),
    );
    expect(calls).toBe(2);
  });

  it('gives up on a slow answer after the timeout', async () => {
    answer = { status: 200, body: '{"name":"late"}', delayMs: 1_000 };
    const startedAt = Date.now();
    await expect(client({ retries: 0 }).get('/x', parseName)).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - startedAt).toBeLessThan(800);
  });

  it('does not retry an answer of the wrong shape or an unexpected 4xx', async () => {
    answer = { status: 200, body: '{"title":"no name"}' };
    await expect(client().get('/x', parseName)).rejects.toMatchObject({ reason: 'bad_response' });
    answer = { status: 401 };
    await expect(client().get('/x', parseName)).rejects.toMatchObject({ reason: 'bad_response' });
    expect(calls).toBe(2);
  });

  it('opens the breaker after enough failures and then answers without calling', async () => {
    const flaky = client();
    answer = { status: 500 };
    await expect(flaky.get('/x', parseName)).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(flaky.get('/x', parseName)).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(flaky.state).toBe('open');
    const before = calls;
    answer = { status: 200, body: '{"name":"back"}' };
    await expect(flaky.get('/x', parseName)).rejects.toMatchObject({ reason: 'rejected' });
    expect(calls).toBe(before);
  });

  it('does not count 404s against the breaker', async () => {
    const lookups = client({
      breaker: { resetMs: 60_000, errorThresholdPercent: 50, volumeThreshold: 2, windowMs: 10_000 },
    });
    answer = { status: 404 };
    for (let i = 0; i < 5; i++) await lookups.get('/x', parseName);
    expect(lookups.state).toBe('closed');
  });
});
