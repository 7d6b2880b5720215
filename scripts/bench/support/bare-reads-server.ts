/**
 * The baseline of `npm run bench:reads`: a bare Node HTTP server making the same store calls as the
 * services' cached read paths, with nothing else (no framework, logging, metrics or validation):
 *   GET /api/products/:id  one MGET of the product-service read cache (the product's and the FX
 *                          version counters and the entry), answering the entry's JSON as stored;
 *   GET /api/search?q=     one MGET of search-service's catalog version (REDIS_URL), one GET of
 *                          the answer cached under it (CACHE_REDIS_URL); on a miss, one
 *                          Elasticsearch query whose answer is then cached for 5 minutes.
 * Run as its own process, so it gets a core like a service does:
 *   node scripts/run.mjs scripts/bench/support/bare-reads-server.ts <port>
 */
import { createServer, type ServerResponse } from 'node:http';
import Redis from 'ioredis';

const PORT = Number(process.argv[2] ?? 3902);
const PRODUCT_CACHE = '{product-service}';
const SEARCH_KEYS = 'search-service:products';
const CURRENCY = 'EUR';
const ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
const SEARCH_TTL_SECONDS = 300;
const PRODUCT_PATH = /^\/api\/products\/([0-9a-f-]{36})$/;

const store = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { enableAutoPipelining: false });
const cache = new Redis(process.env.CACHE_REDIS_URL ?? 'redis://127.0.0.1:6380', {
  enableAutoPipelining: false,
});

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

async function product(id: string, response: ServerResponse): Promise<void> {
  const [productVersion, fxVersion, entry] = await cache.mget(
    `${PRODUCT_CACHE}:ver:product:${id}`,
    `${PRODUCT_CACHE}:ver:fx`,
    `${PRODUCT_CACHE}:product:${id}:${CURRENCY}`,
  );
  const stamp = `${productVersion}:${fxVersion}`;
  if (entry?.startsWith(`${stamp}|`) && entry.length > stamp.length + 2)
    send(response, 200, entry.slice(stamp.length + 1));
  else send(response, 404, '{"status":404}');
}

async function search(text: string, response: ServerResponse): Promise<void> {
  const [version] = await store.mget(`${SEARCH_KEYS}:catalog-version`, `${SEARCH_KEYS}:catalog-settled-at`);
  const key = `bench:bare-search:${version ?? '0'}:${text}`;
  const cached = await cache.get(key);
  if (cached !== null) return send(response, 200, cached);
  const answer = await fetch(`${ELASTICSEARCH_URL}/products/_search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      size: 20,
      query: { multi_match: { query: text, fields: ['name^3', 'description'], fuzziness: 'AUTO' } },
      aggs: { categories: { terms: { field: 'categoryId', size: 20 } } },
    }),
  });
  const body = await answer.text();
  if (answer.ok) await cache.set(key, body, 'EX', SEARCH_TTL_SECONDS);
  send(response, answer.ok ? 200 : 502, body);
}

createServer((request, response) => {
  const url = request.url ?? '/';
  const productId = PRODUCT_PATH.exec(url)?.[1];
  const work = productId
    ? product(productId, response)
    : url.startsWith('/api/search?')
      ? search(new URL(url, 'http://bare').searchParams.get('q')?.trim().toLowerCase() ?? '', response)
      : Promise.resolve(send(response, 404, '{"status":404}'));
  work.catch((error: unknown) => send(response, 500, JSON.stringify({ status: 500, detail: String(error) })));
}).listen(PORT, '127.0.0.1', () => process.send?.('listening'));

// Started by the benchmark over IPC: end with it, however it ends.
process.on('disconnect', () => process.exit(0));
