/**
 * Reservation throughput and latency through the real path:
 *   bench -> Kafka inventory.commands -> inventory-service (consumer, PostgreSQL, outbox relay)
 *         -> Kafka inventory.events -> bench
 *
 *   node scripts/run.mjs scripts/bench/inventory-reserve.ts [--rates 250,500,750,1000] [--seconds 20]
 *        [--products 200] [--lines 3] [--batch-size 100] [--external] [--keep] [--group inventory-reserve-bench]
 *        [--profile]
 *
 * Seeds --products products with ample stock in 3 warehouses straight into the `inventory_test` database
 * (`inventory` with --external),
 * starts inventory-service as a child process (applying --batch-size commands per transaction; 1
 * for one transaction per command) on Kafka topics of its own (created and deleted by the run, so a
 * platform running on the same Kafka sees none of its commands and answers), consuming as group
 * --group (or, with --external, uses the one already consuming the platform's topics as group
 * inventory-service), and for each of --rates publishes reserve commands at that fixed rate for
 * --seconds (an open-model load: arrivals never wait for answers; the commands due within one 2 ms
 * tick go out in one request), then waits up to 30 s for the answers. Each command is measured from
 * its scheduled time to the arrival of its inventory.reserved (or reservation-failed) answer, so a
 * late generator is charged to the service; the schedule lag is reported to show it kept up. Prints
 * a line per rate (answered/s, p50/p99, unanswered, generator lag and CPU) and writes
 * bench-results/inventory-reserve.json. With --profile the service runs under `node --cpu-prof` and
 * leaves its profile in bench-results/profiles/ when it stops. Unless --keep, the seeded rows are deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createEnvelope, Topics } from '@ecommerce/contracts';
import { TestTopics } from '@ecommerce/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Pool } from 'pg';
import { percentile, round } from './support/open-load';

const REPO_ROOT = join(__dirname, '..', '..');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
function textOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const rates = textOption('rates', '250,500,750,1000').split(',').map(Number);
if (rates.some((rate) => !Number.isFinite(rate) || rate <= 0))
  throw new Error('--rates must be positive numbers separated by commas');

const settings = {
  rates,
  seconds: option('seconds', 20),
  products: option('products', 200),
  lines: option('lines', 3),
  external: flag('external'),
  keep: flag('keep'),
  profile: flag('profile'),
  servicePort: option('port', 3106),
  /** Commands per transaction in the started service (INVENTORY_COMMAND_BATCH_SIZE); 1 = one each. */
  batchSize: option('batch-size', 100),
  group: textOption('group', 'inventory-reserve-bench'),
};

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// The service this benchmark starts works in the service's scratch database (the one the integration
// tests use), not the platform's: in the platform's, the outbox relay of a running inventory-service
// would publish the benchmark's answers to the platform's topics. --external works in the platform's.
const database = process.env.DATABASE_NAME ?? (settings.external ? 'inventory' : 'inventory_test');
const pool = new Pool({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? 5432),
  database,
  user: process.env.DATABASE_USER ?? 'inventory',
  password: process.env.DATABASE_PASSWORD ?? 'inventory',
  max: 4,
});

// The service this benchmark starts runs on topics of its own, like the integration tests: its
// commands and answers would otherwise reach a platform running on the same Kafka (order-service
// reading thousands of answers for orders it never placed). --external has to use the platform's.
const PARTITIONS = 6;
const topics = settings.external ? undefined : new TestTopics({ partitions: PARTITIONS });
const topicName = (name: string) => topics?.topic(name) ?? name;

const log = (message: string, fields: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench: 'inventory-reserve', msg: message, ...fields }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startService(): Promise<ChildProcess | undefined> {
  if (settings.external) return undefined;
  const child = spawn(
    process.execPath,
    [
      ...(settings.profile
        ? ['--cpu-prof', '--cpu-prof-dir', join(REPO_ROOT, 'bench-results', 'profiles')]
        : []),
      join(REPO_ROOT, 'scripts', 'run.mjs'),
      join(REPO_ROOT, 'services', 'inventory-service', 'src', 'main.ts'),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KAFKA_CONSUMER_GROUP: settings.group,
        KAFKA_TOPIC_PREFIX: topics?.prefix ?? '',
        DATABASE_NAME: database,
        // A group of its own starts at the end of the topic: only this run's commands count.
        KAFKA_FROM_BEGINNING: 'false',
        PORT: String(settings.servicePort),
        INVENTORY_COMMAND_BATCH_SIZE: String(settings.batchSize),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        NODE_ENV: process.env.NODE_ENV ?? 'development',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`inventory-service exited with ${child.exitCode}`);
    try {
      // Any answer (the health route may want a token) means the app is up and its consumers started.
      await fetch(`http://127.0.0.1:${settings.servicePort}/health/live`);
      return child;
    } catch {
      await sleep(250);
    }
  }
  child.kill('SIGTERM');
  throw new Error('inventory-service did not start within 90 s');
}

async function seed(): Promise<{ warehouses: string[]; products: string[] }> {
  const warehouses: string[] = [];
  for (const code of ['BENCH-1', 'BENCH-2', 'BENCH-3']) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO warehouses (code, name, country) VALUES ($1, $2, 'DE')
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [code, `Benchmark ${code}`],
    );
    warehouses.push(rows[0].id);
  }
  const products = Array.from({ length: settings.products }, () => randomUUID());
  await pool.query(`INSERT INTO products (product_id, low_stock_alerted) SELECT unnest($1::uuid[]), false`, [
    products,
  ]);
  await pool.query(
    `INSERT INTO stock_levels (product_id, warehouse_id, on_hand)
     SELECT p, w, 1000000 FROM unnest($1::uuid[]) p CROSS JOIN unnest($2::uuid[]) w`,
    [products, warehouses],
  );
  return { warehouses, products };
}

async function cleanUp(products: string[], orderIds: string[]): Promise<void> {
  await pool.query(`DELETE FROM reservation_lines WHERE product_id = ANY($1::uuid[])`, [products]);
  // Another consumer of the commands (an inventory-service already running here) may have applied
  // some of them too, late: its lines go with the reservations.
  await pool.query(
    `DELETE FROM reservation_lines WHERE reservation_id IN (SELECT id FROM reservations WHERE order_id = ANY($1::uuid[]))`,
    [orderIds],
  );
  await pool.query(`DELETE FROM reservations WHERE order_id = ANY($1::uuid[])`, [orderIds]);
  await pool.query(`DELETE FROM stock_movements WHERE product_id = ANY($1::uuid[])`, [products]);
  await pool.query(`DELETE FROM stock_levels WHERE product_id = ANY($1::uuid[])`, [products]);
  await pool.query(`DELETE FROM products WHERE product_id = ANY($1::uuid[])`, [products]);
}

async function main(): Promise<void> {
  await topics?.create();
  // The service first: it brings the schema up to date before anything is seeded.
  const service = await startService();
  const { products } = await seed();
  log('seeded', { products: products.length });

  const kafka = new Kafka({ clientId: 'inventory-reserve-bench', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  const consumer = kafka.consumer({
    groupId: `inventory-reserve-bench-${randomUUID()}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
  });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topicName(Topics.inventoryEvents)], fromBeginning: false });

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const orderIds: string[] = [];
  let failed = 0;
  let measuring = false;

  let joined!: () => void;
  const assigned = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachBatch: ({ batch }) => {
      const now = performance.now();
      for (const message of batch.messages) {
        const type = message.headers?.type?.toString();
        if (type !== 'inventory.reserved' && type !== 'inventory.reservation-failed') continue;
        const orderId = message.key?.toString();
        if (!orderId) continue;
        const started = sentAt.get(orderId);
        if (started === undefined) continue;
        sentAt.delete(orderId);
        if (type === 'inventory.reservation-failed') failed += 1;
        if (measuring) latencies.push(now - started);
      }
      return Promise.resolve();
    },
  });
  await assigned;
  await sleep(1_000);

  let seedState = 7;
  const random = () => (seedState = (seedState * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const command = () => {
    const orderId = randomUUID();
    const lineCount = 1 + Math.floor(random() * settings.lines);
    const chosen = new Set<string>();
    while (chosen.size < lineCount) chosen.add(products[Math.floor(random() * products.length)]);
    const items = [...chosen].map((productId) => ({ productId, quantity: 1 + Math.floor(random() * 3) }));
    const envelope = createEnvelope(
      {
        type: 'inventory.reserve',
        aggregateId: orderId,
        data: { orderId, items, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() },
      },
      { source: 'order-service' },
    );
    return {
      orderId,
      message: { key: orderId, value: JSON.stringify(envelope), headers: { type: 'inventory.reserve' } },
    };
  };

  /**
   * Commands at `rate` per second for `seconds`, each stamped with its scheduled time; the ones due
   * within a tick are sent together, and no send is awaited before the next tick.
   */
  async function publishAt(rate: number, seconds: number): Promise<{ sent: number; lags: number[] }> {
    const total = Math.round(rate * seconds);
    const interval = 1_000 / rate;
    const started = performance.now();
    const lags: number[] = [];
    const sends: Promise<unknown>[] = [];
    let next = 0;
    while (next < total) {
      const now = performance.now();
      const due: ReturnType<typeof command>[] = [];
      while (next < total && started + next * interval <= now) {
        const scheduledAt = started + next * interval;
        const built = command();
        sentAt.set(built.orderId, scheduledAt);
        orderIds.push(built.orderId);
        lags.push(now - scheduledAt);
        due.push(built);
        next += 1;
      }
      if (due.length > 0)
        sends.push(
          producer.send({
            topic: topicName(Topics.inventoryCommands),
            acks: -1,
            messages: due.map((b) => b.message),
          }),
        );
      await sleep(2);
    }
    await Promise.all(sends);
    return { sent: total, lags };
  }

  async function drained(deadline: number): Promise<void> {
    while (sentAt.size > 0 && Date.now() < deadline) await sleep(50);
  }

  // Warm-up: the service's group may first have to catch up with older commands, and the JIT with us.
  log('warming up');
  await publishAt(100, 2);
  await drained(Date.now() + 120_000);
  sentAt.clear();

  const results = [];
  for (const rate of settings.rates) {
    latencies.length = 0;
    failed = 0;
    measuring = true;
    const generatorCpuBefore = process.cpuUsage();
    const started = performance.now();
    const { sent, lags } = await publishAt(rate, settings.seconds);
    await drained(Date.now() + 30_000);
    const elapsedMs = performance.now() - started;
    measuring = false;
    const generatorCpu = process.cpuUsage(generatorCpuBefore);
    const unanswered = sentAt.size;
    sentAt.clear();

    const sorted = [...latencies].sort((a, b) => a - b);
    lags.sort((a, b) => a - b);
    const result = {
      offeredRate: rate,
      sent,
      answered: sorted.length,
      failed,
      unanswered,
      // From the first arrival to the last answer (or the end of the wait): a queue left by the load counts.
      reservationsPerSecond: round(sorted.length / (elapsedMs / 1_000)),
      latencyMs: {
        p50: round(percentile(sorted, 50)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.at(-1) ?? 0),
      },
      generator: {
        cpuMs: Math.round((generatorCpu.user + generatorCpu.system) / 1_000),
        scheduleLagMs: { p50: round(percentile(lags, 50)), p99: round(percentile(lags, 99)) },
      },
    };
    results.push(result);
    console.log(
      `${String(rate).padStart(5)}/s offered | ${String(result.reservationsPerSecond).padStart(6)} reservations/s | p50 ${result.latencyMs.p50} p99 ${result.latencyMs.p99} ms | ` +
        `failed ${failed} unanswered ${unanswered} | generator ${result.generator.cpuMs} ms CPU, lag p99 ${result.generator.scheduleLagMs.p99} ms`,
    );
  }

  const report = {
    benchmark: 'inventory-reserve',
    at: new Date().toISOString(),
    path: 'Kafka inventory.commands -> inventory-service -> Kafka inventory.events',
    settings: { ...settings, partitions: PARTITIONS },
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    results,
  };
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  writeFileSync(
    join(REPO_ROOT, 'bench-results', 'inventory-reserve.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  log('written to bench-results/inventory-reserve.json');

  await consumer.disconnect();
  await producer.disconnect();
  if (service) {
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
  }
  if (!settings.keep) await cleanUp(products, orderIds);
  await topics?.drop();
  await pool.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
