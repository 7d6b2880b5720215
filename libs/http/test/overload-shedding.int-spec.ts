import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Query, type INestApplication } from '@nestjs/common';
import { createLogger, MetricsController } from '@ecommerce/observability';
import { eventually } from '@ecommerce/testing';
import { createServiceApp } from '../src/create-app';
import type { OverloadOptions } from '../src/overload/overload-options';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function burnCpu(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the event loop is blocked, as by a request that costs this much CPU
  }
}

@Controller('work')
class WorkController {
  @Get('wait')
  async wait(@Query('ms') ms = '300'): Promise<{ done: true }> {
    await sleep(Number(ms));
    return { done: true };
  }

  /** CPU, then a store call: what a service's request does, so overload piles requests up in flight. */
  @Get('work-then-wait')
  async workThenWait(@Query('cpu') cpu = '10', @Query('wait') wait = '50'): Promise<{ done: true }> {
    burnCpu(Number(cpu));
    await sleep(Number(wait));
    return { done: true };
  }
}

@Controller('health')
class LivenessController {
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [WorkController, LivenessController, MetricsController] })
class TinyModule {}

interface Timed {
  status: number;
  ms: number;
  retryAfter: string | null;
  contentType: string | null;
  body: Record<string, unknown>;
}

async function startApp(
  overload: OverloadOptions,
): Promise<{ app: INestApplication; get: (path: string) => Promise<Timed> }> {
  const app = await createServiceApp(TinyModule, {
    service: 'overload-test',
    title: 'overload-test',
    description: 'A tiny app to saturate',
    logger: createLogger('overload-test', 'silent'),
    overload,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const get = async (path: string): Promise<Timed> => {
    const startedAt = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    const ms = performance.now() - startedAt;
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    return {
      status: response.status,
      ms,
      retryAfter: response.headers.get('retry-after'),
      contentType,
      body: contentType?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : { text },
    };
  };
  return { app, get };
}

describe('overload shedding (createServiceApp)', () => {
  describe('past the concurrency limit', () => {
    let app: INestApplication;
    let get: (path: string) => Promise<Timed>;

    beforeAll(async () => {
      ({ app, get } = await startApp({
        enabled: true,
        maxConcurrent: 4,
        minConcurrent: 1,
        maxEventLoopDelayMs: 1_000,
        sampleIntervalMs: 50,
        retryAfterSeconds: 2,
      }));
    });
    afterAll(() => app.close());

    it('answers the excess at once with 503, Retry-After and problem+json while the admitted ones succeed', async () => {
      // Warm the route and the client's connections, so the timings below are of shedding only.
      await Promise.all(Array.from({ length: 4 }, () => get('/work/wait?ms=1')));
      const answers = await Promise.all(Array.from({ length: 24 }, () => get('/work/wait?ms=1000')));

      const admitted = answers.filter((answer) => answer.status === 200);
      const shed = answers.filter((answer) => answer.status === 503);
      expect(admitted).toHaveLength(4);
      expect(shed).toHaveLength(20);
      for (const answer of admitted) {
        expect(answer.body).toEqual({ done: true });
        expect(answer.ms).toBeGreaterThanOrEqual(990);
      }
      for (const answer of shed) {
        expect(answer.retryAfter).toBe('2');
        expect(answer.contentType).toBe('application/problem+json');
        expect(answer.body).toMatchObject({ status: 503, code: 'OVERLOADED', type: '/problems/overloaded' });
        // Back before any admitted request, which waits 1 s: not queued behind them. (The 10 ms goal
        // is measured by npm run bench:reads; on a shared test machine a bound that tight is flaky.)
        expect(answer.ms).toBeLessThan(Math.min(...admitted.map((a) => a.ms)));
      }
    });

    it('never sheds the probes or the metrics scrape, and counts the shed requests by route template', async () => {
      const saturating = Promise.all(Array.from({ length: 4 }, () => get('/work/wait?ms=500')));
      await sleep(100);
      const [shed, live, metrics] = await Promise.all([
        get('/work/wait?ms=1'),
        get('/health/live'),
        get('/metrics'),
      ]);
      await saturating;

      expect(shed.status).toBe(503);
      expect(live.status).toBe(200);
      expect(metrics.status).toBe(200);
      expect(String(metrics.body.text)).toMatch(
        /http_server_shed_total\{route="\/work\/wait",service="overload-test"\} [1-9]/,
      );
    });

    it('admits again as soon as places are free', async () => {
      await Promise.all(Array.from({ length: 8 }, () => get('/work/wait?ms=200')));
      const answers = await Promise.all(Array.from({ length: 4 }, () => get('/work/wait?ms=10')));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    });
  });

  describe('while the event loop lags', () => {
    let app: INestApplication;
    let get: (path: string) => Promise<Timed>;

    beforeAll(async () => {
      ({ app, get } = await startApp({
        enabled: true,
        maxConcurrent: 1_000, // far away: only the event-loop delay can cause shedding here
        minConcurrent: 1,
        // Well above what a busy shared test machine adds on its own, well below a burst's 400 ms.
        maxEventLoopDelayMs: 100,
        sampleIntervalMs: 20,
        retryAfterSeconds: 1,
      }));
    });
    afterAll(() => app.close());

    it('cuts the limit while requests cost more CPU than there is, sheds the excess, serves the admitted ones, and recovers when the load stops', async () => {
      // Bursts of 30 requests of 10 ms CPU each, every 100 ms: three times what one event loop can do.
      // (The client shares the server's event loop here, so it sends in bursts rather than at a pace.)
      const answers: Promise<Timed>[] = [];
      for (let burst = 0; burst < 10; burst++) {
        for (let i = 0; i < 30; i++) answers.push(get('/work/work-then-wait?cpu=10&wait=50'));
        await sleep(100);
      }
      const settled = await Promise.all(answers);
      const admitted = settled.filter((answer) => answer.status === 200);
      const shed = settled.filter((answer) => answer.status === 503);
      expect(admitted.length + shed.length).toBe(300);
      expect(shed.length).toBeGreaterThan(0);
      expect(admitted.length).toBeGreaterThan(0);
      for (const answer of shed) expect(answer.retryAfter).toBe('1');

      // Load gone: within a few samples the limit is back up and concurrent requests are all served.
      await eventually(
        async () => {
          const after = await Promise.all(Array.from({ length: 10 }, () => get('/work/wait?ms=50')));
          expect(after.every((answer) => answer.status === 200)).toBe(true);
        },
        { timeoutMs: 5_000, intervalMs: 100 },
      );
    });
  });

  it('admits everything when shedding is turned off', async () => {
    const { app, get } = await startApp({
      enabled: false,
      maxConcurrent: 1,
      minConcurrent: 1,
      maxEventLoopDelayMs: 1,
      sampleIntervalMs: 50,
      retryAfterSeconds: 1,
    });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => get('/work/wait?ms=50')));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await app.close();
    }
  });
});
