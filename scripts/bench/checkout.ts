/**
 * Checkout sagas under an open-model load, through the public API of the natively started platform:
 *
 *   POST /api/orders -> order-service -> inventory.reserve -> inventory-service -> payment.authorize
 *   -> payment-service (sandbox provider) -> order CONFIRMED -> inventory.commit, order.confirmed
 *
 *   npm run bench:checkout -- [--rates 50,100,150] [--seconds 20] [--buyers 40] [--products 20]
 *
 * For each rate: arrivals at that fixed rate for --seconds (never waiting for answers), then it waits
 * for every accepted order to finish. Reports completed sagas/s, POST answer p50/p99,
 * POST-to-CONFIRMED p50/p99 (from the request's scheduled time to the CONFIRMED entry of the order's
 * timeline; one clock, one machine), outcomes, CPU ms per saga summed over every process of the
 * platform (services, PostgreSQL, Kafka, Elasticsearch, Redis) read from /proc, and PostgreSQL's
 * commits per saga by database with the statements that took most of its time. Writes
 * bench-results/checkout.json.
 *
 * The buyers place thousands of orders each hour, far above payment-service's per-user attempt limit
 * (a fraud rule), so the benchmark restarts payment-service with that limit raised for its run and
 * restores the default afterwards.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { openLoad, percentile, round } from './support/open-load';
import { cpuDelta, platformCpuMs } from './support/platform-cpu';
import { PostgresStats, type PostgresDelta } from './support/postgres-stats';
import { call } from '../../e2e/support/http';
import {
  address,
  admin,
  newCustomer,
  productWithStock,
  type Session,
  type OrderView,
} from '../../e2e/support/shop';

const REPO_ROOT = join(__dirname, '..', '..');

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const settings = {
  rates: option('rates', '50,100,150').split(',').map(Number),
  seconds: Number(option('seconds', '20')),
  buyers: Number(option('buyers', '40')),
  products: Number(option('products', '20')),
  drainSeconds: Number(option('drain', '60')),
};

function restartPayment(env: Record<string, string>): void {
  execFileSync(
    'bash',
    [
      '-c',
      'bash scripts/service.sh start payment-service && bash scripts/service.sh wait-ready payment-service',
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: 'inherit',
    },
  );
}

interface Placed {
  orderId?: string;
  status: number;
}

/**
 * Waits until no order is left PENDING or AWAITING_PAYMENT, asking the admin list for a count once
 * a second: polling each order would itself load order-service and skew what is measured.
 */
async function waitUntilSettled(adminToken: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const open = await Promise.all(
      ['PENDING', 'AWAITING_PAYMENT'].map(async (status) => {
        const answer = await call('order', 'GET', `/api/orders?status=${status}&limit=1`, {
          token: adminToken,
        });
        return answer.status === 200 ? (answer.body.total as number) : 1;
      }),
    );
    if (open[0] + open[1] === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Each order once, a few at a time, to read its outcome and timeline. */
async function outcomesOf<T extends { orderId?: string; buyer: Session }>(
  placed: T[],
): Promise<(OrderView | undefined)[]> {
  const results: (OrderView | undefined)[] = new Array(placed.length);
  let next = 0;
  const worker = async () => {
    while (next < placed.length) {
      const index = next++;
      const { orderId, buyer } = placed[index];
      if (!orderId) continue;
      const answer = await call<OrderView>('order', 'GET', `/api/orders/${orderId}`, { token: buyer.token });
      results[index] = answer.status === 200 ? answer.body : undefined;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return results;
}

async function step(
  rate: number,
  buyers: Session[],
  products: string[],
  adminToken: string,
  postgres: PostgresStats,
) {
  const postgresBefore = await postgres.snapshot();
  const cpuBefore = platformCpuMs();
  const generatorCpuBefore = process.cpuUsage();
  // performance.now() is relative to this process's start; wallStart turns it into epoch time.
  const wallStart = Date.now() - performance.now();
  const load = await openLoad<Placed>(rate, settings.seconds, async (index) => {
    const buyer = buyers[index % buyers.length];
    try {
      const answer = await call('order', 'POST', '/api/orders', {
        token: buyer.token,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          items: [{ productId: products[index % products.length], quantity: 1 }],
          paymentMethod: 'pm_card_visa',
          shippingAddress: address,
        },
        timeoutMs: 30_000,
        retryShed: false,
      });
      return {
        orderId: answer.status === 202 ? (answer.body.id as string) : undefined,
        status: answer.status,
      };
    } catch {
      return { status: 0 };
    }
  });
  await waitUntilSettled(adminToken, Date.now() + settings.drainSeconds * 1_000);
  const cpu = cpuDelta(cpuBefore, platformCpuMs());
  const postgresAfter = await postgres.snapshot();
  const orders = await outcomesOf(
    load.arrivals.map((arrival) => ({
      orderId: arrival.outcome.orderId,
      buyer: buyers[arrival.index % buyers.length],
    })),
  );
  const outcomes = load.arrivals.map((arrival, index) => ({
    arrival,
    order:
      orders[index] && ['CONFIRMED', 'CANCELLED'].includes(orders[index]!.status) ? orders[index] : undefined,
  }));
  const generatorCpu = process.cpuUsage(generatorCpuBefore);

  const postLatencies = load.arrivals
    .map((arrival) => arrival.finishedAt - arrival.scheduledAt)
    .sort((a, b) => a - b);
  const confirmed = outcomes.filter(({ order }) => order?.status === 'CONFIRMED');
  const toConfirmed = confirmed
    .map(({ arrival, order }) => {
      const at = order!.timeline.find((entry) => entry.status === 'CONFIRMED')?.at;
      return at ? Date.parse(at) - (wallStart + arrival.scheduledAt) : Number.NaN;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const lastConfirmedAt = Math.max(
    ...confirmed.map(({ order }) =>
      Date.parse(order!.timeline.find((entry) => entry.status === 'CONFIRMED')!.at),
    ),
  );
  // From the first arrival to the last confirmation: sagas still finishing after the load count too.
  const windowSeconds = (lastConfirmedAt - (wallStart + (load.arrivals[0]?.scheduledAt ?? 0))) / 1_000;
  const statuses: Record<string, number> = {};
  for (const { arrival, order } of outcomes) {
    const key = order
      ? `${order.status}${order.cancellationReason ? `:${order.cancellationReason}` : ''}`
      : arrival.outcome.orderId
        ? 'UNFINISHED'
        : `HTTP ${arrival.outcome.status}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const platformCpuTotal = Object.values(cpu).reduce((sum, value) => sum + value, 0);
  return {
    offeredRate: rate,
    seconds: settings.seconds,
    sent: load.arrivals.length,
    outcomes: statuses,
    completedSagasPerSecond: round(confirmed.length / windowSeconds),
    postMs: { p50: round(percentile(postLatencies, 50)), p99: round(percentile(postLatencies, 99)) },
    postToConfirmedMs: {
      p50: round(percentile(toConfirmed, 50)),
      p99: round(percentile(toConfirmed, 99)),
      max: round(toConfirmed.at(-1) ?? 0),
    },
    cpuMsPerSaga: round(platformCpuTotal / Math.max(1, confirmed.length), 2),
    cpuMsByGroup: Object.fromEntries(Object.entries(cpu).map(([group, ms]) => [group, Math.round(ms)])),
    postgresPerSaga: PostgresStats.delta(postgresBefore, postgresAfter, confirmed.length),
    generator: {
      cpuMs: Math.round((generatorCpu.user + generatorCpu.system) / 1_000),
      scheduleLagMs: {
        p50: round(load.scheduleLag.p50),
        p99: round(load.scheduleLag.p99),
        max: round(load.scheduleLag.max),
      },
    },
  };
}

function printPostgresShare(share: PostgresDelta | undefined): void {
  if (!share) return;
  console.log(`        PostgreSQL commits per saga:    ${JSON.stringify(share.commitsPerUnit)}`);
  console.log(`        PostgreSQL statements per saga: ${JSON.stringify(share.statementsPerUnit)}`);
  for (const statement of share.topStatements.slice(0, 8))
    console.log(
      `        ${statement.msPerUnit.toFixed(3).padStart(7)} ms ${statement.callsPerUnit.toFixed(2).padStart(6)} calls ${String(statement.rowsPerCall).padStart(6)} rows/call  ${statement.database}: ${statement.query}`,
    );
}

async function main(): Promise<void> {
  console.log(
    `checkout benchmark: rates ${settings.rates.join(', ')}/s, ${settings.seconds} s each, ${settings.buyers} buyers, ${settings.products} products`,
  );
  restartPayment({ PAYMENT_FRAUD_MAX_ATTEMPTS_PER_HOUR: '100000' });
  const postgres = await PostgresStats.connect();
  try {
    const stockPerProduct =
      Math.ceil(
        (Math.max(...settings.rates) * settings.seconds * settings.rates.length) / settings.products,
      ) + 100;
    const products = await Promise.all(
      Array.from({ length: settings.products }, () => productWithStock(stockPerProduct, 500)),
    );
    const buyers: Session[] = [];
    for (let index = 0; index < settings.buyers; index += 10) {
      buyers.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(10, settings.buyers - index) }, () => newCustomer('bench')),
        )),
      );
    }
    // Let order-service's price list catch up with the new products before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const results = [];
    for (const rate of settings.rates) {
      const result = await step(
        rate,
        buyers,
        products.map((product) => product.id),
        await admin(),
        postgres,
      );
      results.push(result);
      console.log(
        `${String(rate).padStart(5)}/s offered | ${String(result.completedSagasPerSecond).padStart(6)} sagas/s | POST p50 ${result.postMs.p50} p99 ${result.postMs.p99} ms | ` +
          `POST->CONFIRMED p50 ${result.postToConfirmedMs.p50} p99 ${result.postToConfirmedMs.p99} ms | CPU ${result.cpuMsPerSaga} ms/saga | ${JSON.stringify(result.outcomes)} | generator lag p99 ${result.generator.scheduleLagMs.p99} ms`,
      );
      printPostgresShare(result.postgresPerSaga);
    }
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    const report = {
      benchmark: 'checkout',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      settings,
      results,
    };
    writeFileSync(join(REPO_ROOT, 'bench-results', 'checkout.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('written to bench-results/checkout.json');
  } finally {
    await postgres.close();
    restartPayment({});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
