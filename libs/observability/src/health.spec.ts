import { Test } from '@nestjs/testing';
import { register } from 'prom-client';
import request from 'supertest';
import { HealthModule, readinessReport } from './health';

const up = async () => 'pong';
const down = async () => {
  throw new Error('connect ECONNREFUSED');
};

async function gauge(dependency: string): Promise<number | undefined> {
  const metric = await register.getSingleMetric('health_dependency_up')?.get();
  return metric?.values.find((value) => value.labels.dependency === dependency)?.value;
}

describe('readinessReport', () => {
  it('is ok while every critical check answers, whatever the optional ones do', async () => {
    const report = await readinessReport([
      { name: 'postgres', check: up },
      { name: 'redis', check: down, critical: false },
    ]);
    expect(report.status).toBe('ok');
    expect(report.info).toEqual({ postgres: { status: 'up' } });
    expect(report.error).toEqual({
      redis: { status: 'down', message: 'connect ECONNREFUSED', critical: false },
    });
    expect(report.degraded).toEqual({ redis: 'connect ECONNREFUSED' });
    expect(await gauge('redis')).toBe(0);
    expect(await gauge('postgres')).toBe(1);
  });

  it('fails when a critical check fails (checks are critical unless they say otherwise)', async () => {
    const report = await readinessReport([{ name: 'postgres', check: down }]);
    expect(report.status).toBe('error');
    expect(report.details).toEqual({ postgres: { status: 'down', message: 'connect ECONNREFUSED' } });
    expect(report.degraded).toBeUndefined();
  });

  it('shows degraded background work without failing', async () => {
    const waiting = { waiting: [{ topic: 'inventory.commands', partition: 2 }] };
    const report = await readinessReport(
      [{ name: 'postgres', check: up }],
      [
        { name: 'event-consumers', degraded: () => waiting },
        { name: 'other-work', degraded: () => undefined },
      ],
    );
    expect(report.status).toBe('ok');
    expect(report.degraded).toEqual({ 'event-consumers': waiting });
    expect(await gauge('event-consumers')).toBe(0);
    expect(await gauge('other-work')).toBe(1);
  });
});

describe('GET /health/ready', () => {
  async function appWith(checks: Parameters<typeof readinessReport>[0]) {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthModule.forRoot({ checks: () => [...checks] })],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  }

  it('answers 200 with the degraded dependency in the body when only an optional one is down', async () => {
    const app = await appWith([
      { name: 'postgres', check: up },
      { name: 'redis', check: down, critical: false },
    ]);
    const response = await request(app.getHttpServer()).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', degraded: { redis: 'connect ECONNREFUSED' } });
    await app.close();
  });

  it('answers 503 with the whole report when a critical one is down', async () => {
    const app = await appWith([{ name: 'postgres', check: down }]);
    const response = await request(app.getHttpServer()).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'error', error: { postgres: { status: 'down' } } });
    await app.close();
  });
});
