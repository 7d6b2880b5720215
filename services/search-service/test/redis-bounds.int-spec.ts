import { randomUUID } from 'node:crypto';
import { countKeys, eventually, floodGet } from '@ecommerce/testing';
import { product, uniqueWord } from './support/catalog';
import { EventPublisher } from './support/events';
import {
  metricValue,
  startSearchService,
  waitForConsumer,
  type SearchTestRig,
} from './support/search-service';

// Each distinct search is an Elasticsearch query: 1,000 took 4 s on a quiet two-core machine and
// 3,000 took 92 s on a busy one, so the default stays small. REDIS_FLOOD_SEARCHES=100000 runs the
// full count.
const SEARCHES = Number(process.env.REDIS_FLOOD_SEARCHES ?? 2_000);

describe('search-service keeps anonymous searches from filling Redis', () => {
  let rig: SearchTestRig;
  let events: EventPublisher;
  const namespace = () => `search-service:${rig.config.SEARCH_INDEX_ALIAS}:`;
  const cacheHits = async () =>
    metricValue((await rig.http().get('/metrics')).text, 'search_cache_requests_total', {
      endpoint: 'search',
      result: 'hit',
    });

  beforeAll(async () => {
    [rig, events] = await Promise.all([startSearchService(), EventPublisher.connect()]);
    await waitForConsumer(rig, events);
  });

  afterAll(async () => {
    await events?.close();
    await rig?.close();
  });

  it('writes no key into the Redis that never evicts, however many distinct searches arrive', async () => {
    const before = await countKeys(rig.redis, namespace());
    const result = await floodGet({
      baseUrl: rig.baseUrl,
      total: SEARCHES,
      // Few at once: Elasticsearch on a small shared node refuses (503) what it cannot queue.
      concurrency: 4,
      pathFor: (index) =>
        index % 2 ? `/api/search?q=${randomUUID()}` : `/api/search/suggest?q=${randomUUID()}`,
    });
    expect(result.statuses).toEqual({ 200: SEARCHES });
    expect(await countKeys(rig.redis, namespace())).toBe(before);
  }, 180_000);

  it('caches one answer for spellings of the same question, and none for deep pages', async () => {
    const answers = () => countKeys(rig.cacheRedis, `${namespace()}answer:`);
    const word = uniqueWord();
    const before = await answers();
    // Cached once the catalog has settled (events from other test files may keep it busy a moment);
    // the answer lands in the cache Redis, the one that may evict.
    await eventually(async () => {
      await rig
        .http()
        .get('/api/search')
        .query({ q: `Lamp ${word}` })
        .expect(200);
      expect(await answers()).toBe(before + 1);
    });
    const afterFirst = await answers();
    await rig
      .http()
      .get('/api/search')
      .query({ q: `  lamp   ${word.toUpperCase()} ` })
      .expect(200);
    await rig
      .http()
      .get('/api/search')
      .query({ limit: 20, q: `lamp ${word}`, page: 1 })
      .expect(200);
    expect(await answers()).toBe(afterFirst);

    for (const page of [11, 12, 50]) {
      await rig.http().get('/api/search').query({ q: word, page, limit: 10 }).expect(200);
    }
    expect(await answers()).toBe(afterFirst);
  });

  it('keeps caching answers whose products are in a category product-service does not know', async () => {
    const word = uniqueWord();
    const unknown = randomUUID();
    const orphan = product({ name: `Orphan ${word}`, categoryId: unknown });
    await events.productCreated(orphan);
    await eventually(async () => {
      const body = (await rig.http().get('/api/search').query({ q: word }).expect(200)).body;
      expect(body.total).toBe(1);
    });
    // Once settled, the answer is cached: the next identical question is a hit.
    await eventually(async () => {
      const hits = await cacheHits();
      const body = (await rig.http().get('/api/search').query({ q: word }).expect(200)).body;
      // Named by its id (no category event ever named it), and cached all the same.
      expect(body.facets.categories).toEqual([{ id: unknown, name: unknown, count: 1 }]);
      expect(await cacheHits()).toBe(hits + 1);
    });
  });
});
