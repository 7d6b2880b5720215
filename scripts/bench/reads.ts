/**
 * Open-model benchmark of the cached public reads, beside a bare Node server making the same store
 * calls (scripts/bench/support/bare-reads-server.ts), in the same run:
 *   GET /api/products/:id   (product-service's Redis read cache)
 *   GET /api/search?q=...   (search-service's query cache)
 * For each endpoint and each server: fixed arrival rates that never wait for answers, rising; then
 * twice the highest rate the server sustained (p99 <= 50 ms, no error, nothing shed) as an overload
 * step, then half of it as a recovery step. Last, searches that all miss the query cache (each a
 * price filter never asked before), at --uncached-search-rates, against search-service alone: every
 * answer is an Elasticsearch query. Prints a table and writes bench-results/reads.json.
 *
 *   npm run bench:reads [-- --seconds 5 --product-rates 250,500,1000 --search-rates 100,250,500
 *                          --also before=http://127.0.0.1:3102,http://127.0.0.1:3108]
 * `--also name=productUrl,searchUrl[,productPid,searchPid]` adds another pair of servers (e.g. a
 * build before a change) to the same run; '-' for a URL leaves that endpoint out for it. The platform must be running (npm run start:native).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { httpGetter, processCpuMs, type Answer } from './support/http-target';
import { openLoad, percentile, round, type Arrival } from './support/open-load';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const rates = (name: string, fallback: number[]) => option(name)?.split(',').map(Number) ?? fallback;
const STEP_SECONDS = Number(option('seconds') ?? 5);
const OVERLOAD_SECONDS = Number(option('overload-seconds') ?? 10);
const PRODUCT_RATES = rates('product-rates', [250, 500, 1000, 1500, 2000, 3000]);
const SEARCH_RATES = rates('search-rates', [100, 250, 500, 1000, 1500]);
const UNCACHED_SEARCH_RATES = rates('uncached-search-rates', [50, 100, 200]);
const SUSTAINED_P99_MS = 50;
/** A step this bad ends a server's rising rates: higher ones would only take longer to say the same. */
const GIVE_UP_P99_MS = 2_000;
const BARE_PORT = 3902;
const QUERIES = [
  'headphones',
  'wireless',
  'laptop',
  'coffee',
  'running shoes',
  'kitchen knife',
  'book',
  'camera',
  'desk',
  'lamp',
];
const REPO_ROOT = join(__dirname, '..', '..');

interface Server {
  name: string;
  productUrl: string;
  searchUrl: string;
  productPid?: number;
  searchPid?: number;
}

type Endpoint = 'product' | 'search';
type Phase = 'rising' | 'overload' | 'recovery' | 'uncached';

interface Step {
  endpoint: Endpoint;
  server: string;
  phase: Phase;
  rate: number;
  sent: number;
  okPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Latency of the shed answers alone (they must be fast). */
  shedLatencyMs: { p50: number; p99: number };
  errors: number;
  shed: number;
  scheduleLagMs: { p50: number; p99: number; max: number };
  generatorCpuPercent: number;
  serverCpuMsPerRequest?: number;
  /** Recovery only: ms from the step's start until every later 1 s window had p99 <= 50 ms. */
  recoveredAfterMs?: number;
  ratioToBare?: number;
}

const pidOf = (service: string): number | undefined => {
  const file = join(REPO_ROOT, '.infra', 'run', `${service}.pid`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
};

function servers(bare: ChildProcess): Server[] {
  const list: Server[] = [
    {
      name: 'bare',
      productUrl: `http://127.0.0.1:${BARE_PORT}`,
      searchUrl: `http://127.0.0.1:${BARE_PORT}`,
      productPid: bare.pid,
      searchPid: bare.pid,
    },
    {
      name: 'service',
      productUrl: process.env.PRODUCT_URL ?? 'http://127.0.0.1:3002',
      searchUrl: process.env.SEARCH_URL ?? 'http://127.0.0.1:3008',
      productPid: pidOf('product-service'),
      searchPid: pidOf('search-service'),
    },
  ];
  args.forEach((arg, index) => {
    if (arg !== '--also') return;
    const [name, rest] = args[index + 1].split('=');
    const [productUrl, searchUrl, productPid, searchPid] = rest.split(',');
    list.push({
      name,
      productUrl,
      searchUrl,
      productPid: Number(productPid) || undefined,
      searchPid: Number(searchPid) || undefined,
    });
  });
  return list;
}

async function startBare(): Promise<ChildProcess> {
  const child = fork(
    join(REPO_ROOT, 'scripts', 'run.mjs'),
    [join(__dirname, 'support', 'bare-reads-server.ts'), String(BARE_PORT)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
  return child;
}

async function productIds(productUrl: string): Promise<string[]> {
  const response = await fetch(`${productUrl}/api/products?limit=100`);
  if (!response.ok)
    throw new Error(
      `product-service answered ${response.status}; is the platform started (npm run start:native)?`,
    );
  const page = (await response.json()) as { items: { id: string }[] };
  if (!page.items.length) throw new Error('the catalog is empty; run npm run seed');
  return page.items.map((item) => item.id);
}

/** Fills every cache as real traffic would, so each step measures the cached path only. */
async function warmUp(all: Server[], ids: string[]): Promise<void> {
  for (const server of all.filter((s) => s.productUrl !== '-')) {
    await Promise.all(
      ids.map((id) => fetch(`${server.productUrl}/api/products/${id}`).then((r) => r.arrayBuffer())),
    );
  }
  // The bare server answers searches with the very bytes search-service caches, filed its own way.
  const store = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const cache = new Redis(process.env.CACHE_REDIS_URL ?? 'redis://127.0.0.1:6380');
  try {
    const [version] = await store.mget('search-service:products:catalog-version');
    for (const q of QUERIES) {
      const answers = await Promise.all(
        all
          .filter((s) => s.name !== 'bare' && s.searchUrl !== '-')
          .map((s) => fetch(`${s.searchUrl}/api/search?q=${encodeURIComponent(q)}`).then((r) => r.text())),
      );
      await cache.set(`bench:bare-search:${version ?? '0'}:${q}`, answers[0], 'EX', 600);
    }
  } finally {
    store.disconnect();
    cache.disconnect();
  }
}

function recoveredAfter(arrivals: Arrival<Answer>[]): number {
  const windows = new Map<number, number[]>();
  const started = arrivals[0]?.scheduledAt ?? 0;
  for (const arrival of arrivals) {
    const second = Math.floor((arrival.scheduledAt - started) / 1_000);
    windows.set(second, [...(windows.get(second) ?? []), arrival.finishedAt - arrival.scheduledAt]);
  }
  const seconds = [...windows.keys()].sort((a, b) => a - b);
  let recoveredAt = 0;
  for (const second of seconds) {
    const sorted = windows.get(second)!.sort((a, b) => a - b);
    if (percentile(sorted, 99) > SUSTAINED_P99_MS) recoveredAt = (second + 1) * 1_000;
  }
  return recoveredAt;
}

async function step(
  endpoint: Endpoint,
  server: Server,
  phase: Phase,
  rate: number,
  seconds: number,
  paths: string[],
): Promise<Step> {
  const get = httpGetter(endpoint === 'product' ? server.productUrl : server.searchUrl);
  const pid = endpoint === 'product' ? server.productPid : server.searchPid;
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = processCpuMs(pid);
  const result = await openLoad(rate, seconds, (index) => get(paths[index % paths.length]));
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuAfter = processCpuMs(pid);
  const answers = result.arrivals;
  const latencies = answers.map((a) => a.finishedAt - a.scheduledAt).sort((a, b) => a - b);
  const shedLatencies = answers
    .filter((a) => a.outcome.outcome === 'shed')
    .map((a) => a.finishedAt - a.scheduledAt)
    .sort((a, b) => a - b);
  const ok = answers.filter((a) => a.outcome.outcome === 'ok').length;
  return {
    endpoint,
    server: server.name,
    phase,
    rate,
    sent: answers.length,
    okPerSecond: Math.round(ok / seconds),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    shedLatencyMs: { p50: round(percentile(shedLatencies, 50)), p99: round(percentile(shedLatencies, 99)) },
    errors: answers.filter((a) => a.outcome.outcome === 'error').length,
    shed: answers.length - ok - answers.filter((a) => a.outcome.outcome === 'error').length,
    scheduleLagMs: {
      p50: round(result.scheduleLag.p50),
      p99: round(result.scheduleLag.p99),
      max: round(result.scheduleLag.max),
    },
    generatorCpuPercent: round(((cpu.user + cpu.system) / 1_000 / result.elapsedMs) * 100),
    serverCpuMsPerRequest:
      serverCpuBefore !== undefined && serverCpuAfter !== undefined && answers.length
        ? round((serverCpuAfter - serverCpuBefore) / answers.length, 3)
        : undefined,
    ...(phase === 'recovery' ? { recoveredAfterMs: recoveredAfter(answers) } : {}),
  };
}

const sustains = (s: Step) => s.errors === 0 && s.shed === 0 && s.latencyMs.p99 <= SUSTAINED_P99_MS;

async function endpointRun(
  endpoint: Endpoint,
  all: Server[],
  stepRates: number[],
  paths: string[],
): Promise<Step[]> {
  const steps: Step[] = [];
  for (const server of all.filter((s) => (endpoint === 'product' ? s.productUrl : s.searchUrl) !== '-')) {
    let sustained = 0;
    for (const rate of stepRates) {
      const result = await step(endpoint, server, 'rising', rate, STEP_SECONDS, paths);
      steps.push(result);
      print(result);
      if (sustains(result)) sustained = rate;
      if (result.latencyMs.p99 > GIVE_UP_P99_MS || result.errors > result.sent / 20) break;
    }
    const base = sustained || stepRates[0];
    for (const [phase, rate] of [
      ['overload', base * 2],
      ['recovery', Math.max(1, Math.round(base / 2))],
    ] as const) {
      const result = await step(endpoint, server, phase, rate, OVERLOAD_SECONDS, paths);
      steps.push(result);
      print(result);
    }
  }
  // Ratio: answers served per second against the bare server's at the same step.
  for (const result of steps) {
    const bare = steps.find((s) => s.server === 'bare' && s.phase === result.phase && s.rate === result.rate);
    if (bare && bare.okPerSecond > 0) result.ratioToBare = round(result.okPerSecond / bare.okPerSecond, 2);
  }
  return steps;
}

const HEADER =
  'endpoint server   phase     rate/s  ok/s   p50 ms  p95 ms  p99 ms  errors  shed  shed p99  lag p99  gen cpu  srv cpu ms/req  recovered';
function print(s: Step): void {
  const cells = [
    s.endpoint.padEnd(8),
    s.server.padEnd(8),
    s.phase.padEnd(9),
    String(s.rate).padStart(6),
    String(s.okPerSecond).padStart(5),
    String(s.latencyMs.p50).padStart(8),
    String(s.latencyMs.p95).padStart(7),
    String(s.latencyMs.p99).padStart(7),
    String(s.errors).padStart(7),
    String(s.shed).padStart(5),
    String(s.shedLatencyMs.p99).padStart(9),
    String(s.scheduleLagMs.p99).padStart(8),
    `${s.generatorCpuPercent}%`.padStart(8),
    String(s.serverCpuMsPerRequest ?? '-').padStart(15),
    s.recoveredAfterMs === undefined ? '' : `${s.recoveredAfterMs} ms`.padStart(10),
  ];
  console.log(cells.join(' '));
}

function summary(
  steps: Step[],
): Record<string, Record<string, { sustainedRate: number; ratioToBare?: number }>> {
  const out: Record<string, Record<string, { sustainedRate: number; ratioToBare?: number }>> = {};
  for (const endpoint of ['product', 'search'] as const) {
    const of = steps.filter((s) => s.endpoint === endpoint && s.phase === 'rising');
    const best = (server: string) =>
      Math.max(0, ...of.filter((s) => s.server === server && sustains(s)).map((s) => s.rate));
    const bare = best('bare');
    out[endpoint] = Object.fromEntries(
      [...new Set(of.map((s) => s.server))].map((server) => [
        server,
        { sustainedRate: best(server), ...(bare ? { ratioToBare: round(best(server) / bare, 2) } : {}) },
      ]),
    );
  }
  return out;
}

async function main(): Promise<void> {
  const bare = await startBare();
  try {
    const all = servers(bare);
    const ids = await productIds(all[1].productUrl);
    await warmUp(all, ids);
    console.log(
      `generator: this process (pid ${process.pid}), ${cpus().length} cores shared with the platform; load ${loadavg()
        .map((l) => round(l, 2))
        .join(' ')}`,
    );
    console.log(HEADER);
    const steps = [
      ...(await endpointRun(
        'product',
        all,
        PRODUCT_RATES,
        ids.map((id) => `/api/products/${id}`),
      )),
      ...(await endpointRun(
        'search',
        all,
        SEARCH_RATES,
        QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}`),
      )),
    ];
    const platform = all.find((server) => server.name === 'service')!;
    // Distinct price ceilings, never repeated within the run: each search is one the cache has not seen.
    let ceiling = 1_000_000 + Math.floor(Math.random() * 1_000_000) * 1_000;
    for (const rate of UNCACHED_SEARCH_RATES) {
      const uncachedPaths = Array.from(
        { length: rate * OVERLOAD_SECONDS },
        (_, index) =>
          `/api/search?q=${encodeURIComponent(QUERIES[index % QUERIES.length])}&maxPrice=${ceiling++}`,
      );
      const result = await step('search', platform, 'uncached', rate, OVERLOAD_SECONDS, uncachedPaths);
      steps.push(result);
      print(result);
    }
    const sustained = summary(steps);
    console.log(
      '\nhighest rate sustained (p99 <= 50 ms, no errors, nothing shed), and its ratio to the bare server:',
    );
    console.log(JSON.stringify(sustained, null, 2));
    const report = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model },
      stepSeconds: STEP_SECONDS,
      overloadSeconds: OVERLOAD_SECONDS,
      servers: all.map(({ name, productUrl, searchUrl }) => ({ name, productUrl, searchUrl })),
      sustained,
      steps,
    };
    const dir = join(REPO_ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'reads.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('written to bench-results/reads.json');
  } finally {
    bare.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
