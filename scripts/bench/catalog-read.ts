/**
 * Load test of the public catalog reads on the natively started platform (npm run start:native):
 *   GET /api/products/:id   (served from the Redis read cache after the first hit)
 *   GET /api/search?q=...   (Elasticsearch, with the 5-minute query cache)
 * Reports requests/s and p50/p95/p99 latency and writes them to bench-results/catalog-read.json.
 *
 *   npm run bench:catalog  [-- --duration 15 --connections 32]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const DURATION_SECONDS = option('duration', 15);
const CONNECTIONS = option('connections', 32);
const PRODUCT_URL = process.env.PRODUCT_URL ?? 'http://127.0.0.1:3002';
const SEARCH_URL = process.env.SEARCH_URL ?? 'http://127.0.0.1:3008';
const QUERIES = [
  'headphones',
  'wireless',
  'laptop',
  'coffee',
  'running shoes',
  'hedphones',
  'kitchen knife',
  'book',
  'camera',
  'desk',
];

interface Figures {
  endpoint: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
}

async function productIds(): Promise<string[]> {
  const response = await fetch(`${PRODUCT_URL}/api/products?limit=100`);
  if (!response.ok)
    throw new Error(
      `product-service answered ${response.status}; is the platform started (npm run start:native)?`,
    );
  const page = (await response.json()) as { items: { id: string }[] };
  if (!page.items.length) throw new Error('the catalog is empty; run npm run seed');
  return page.items.map((item) => item.id);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function run(endpoint: string, url: string, paths: string[]): Promise<Figures> {
  let next = 0;
  // autocannon reports p97.5, not p95: keep every response time and compute the percentiles exactly.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION_SECONDS,
        requests: [
          { method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    endpoint,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const ids = await productIds();
  // Warm the read cache once, as real traffic would, so the figure is the cached path.
  await Promise.all(ids.map((id) => fetch(`${PRODUCT_URL}/api/products/${id}`).then((r) => r.arrayBuffer())));
  const figures = [
    await run(
      'GET /api/products/:id',
      PRODUCT_URL,
      ids.map((id) => `/api/products/${id}`),
    ),
    await run(
      'GET /api/search?q=',
      SEARCH_URL,
      QUERIES.map((q) => `/api/search?q=${encodeURIComponent(q)}`),
    ),
  ];
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length },
    durationSeconds: DURATION_SECONDS,
    connections: CONNECTIONS,
    figures,
  };
  const dir = join(__dirname, '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'catalog-read.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.table(
    figures.map((f) => ({
      endpoint: f.endpoint,
      'req/s': f.requestsPerSecond,
      p50: f.latencyMs.p50,
      p95: f.latencyMs.p95,
      p99: f.latencyMs.p99,
      non2xx: f.non2xx,
      errors: f.errors,
    })),
  );
  console.log('written to bench-results/catalog-read.json');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
