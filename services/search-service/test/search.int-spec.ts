import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { ProductSnapshot } from '@ecommerce/contracts';
import { eventually } from '@ecommerce/testing';
import { ELASTICSEARCH } from '../src/elasticsearch/elasticsearch.module';
import { SearchService } from '../src/search/search.service';
import { edited, later, product, uniqueWord } from './support/catalog';
import { EventPublisher } from './support/events';
import {
  expectProblem,
  metricValue,
  startSearchService,
  waitForConsumer,
  type SearchTestRig,
} from './support/search-service';

// The issue asks for changes to be searchable (or gone) within 2 seconds of the event.
const VISIBLE_WITHIN = { timeoutMs: 2_000, intervalMs: 50 };

describe('search-service: searching a catalog kept in sync from Kafka', () => {
  let rig: SearchTestRig;
  let events: EventPublisher;

  beforeAll(async () => {
    [rig, events] = await Promise.all([startSearchService(), EventPublisher.connect()]);
    await waitForConsumer(rig, events);
  });

  afterAll(async () => {
    await events?.close();
    await rig?.close();
  });

  const search = async (query: Record<string, string | number | boolean>) => {
    const response = await rig.http().get('/api/search').query(query);
    expect(response.status).toBe(200);
    return response.body as {
      items: {
        id: string;
        name: string;
        description: string;
        price: { amount: number; currency: string };
        categoryId: string | null;
        inStock: boolean;
        score: number;
      }[];
      total: number;
      page: number;
      limit: number;
      facets: {
        categories: { id: string; name: string | null; count: number }[];
        priceRanges: { from: number; to: number | null; count: number }[];
        inStock: { true: number; false: number };
      };
    };
  };
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
  const metrics = async () => (await rig.http().get('/metrics')).text;
  const unchangedUpdates = async (type: string) =>
    metricValue(await metrics(), 'search_index_updates_total', { type, outcome: 'unchanged' });

  /** Publishes a product and waits until a search for `word` shows it. */
  async function indexed(snapshot: ProductSnapshot, word: string): Promise<void> {
    await events.productCreated(snapshot);
    await eventually(
      async () => expect(idsOf(await search({ q: word, limit: 100 }))).toContain(snapshot.id),
      { timeoutMs: 10_000 },
    );
  }

  it('finds a created product within 2 s, shows a new price within 2 s, and forgets a deleted one within 2 s', async () => {
    const word = uniqueWord();
    const headphones = product({
      name: `Wireless Headphones ${word}`,
      description: 'Over-ear, noise cancelling',
      price: { amount: 9_999, currency: 'EUR' },
    });

    await events.productCreated(headphones);
    await eventually(async () => {
      const body = await search({ q: `headphones ${word}` });
      expect(body.items).toEqual([
        {
          id: headphones.id,
          name: headphones.name,
          description: headphones.description,
          price: { amount: 9_999, currency: 'EUR' },
          categoryId: null,
          inStock: false,
          score: expect.any(Number),
        },
      ]);
    }, VISIBLE_WITHIN);

    await events.productUpdated(edited(headphones, { price: { amount: 4_999, currency: 'EUR' } }));
    await eventually(
      async () =>
        expect((await search({ q: word })).items[0]?.price).toEqual({ amount: 4_999, currency: 'EUR' }),
      VISIBLE_WITHIN,
    );

    await events.productDeleted(headphones.id, later());
    await eventually(async () => expect((await search({ q: word })).total).toBe(0), VISIBLE_WITHIN);
    await eventually(async () =>
      expectProblem(
        await rig.http().get(`/api/search/products/${headphones.id}/similar`),
        404,
        'PRODUCT_NOT_FOUND',
      ),
    );
  });

  it('keeps a deleted product deleted when an older update arrives late', async () => {
    const word = uniqueWord();
    const original = product({ name: `Desk Lamp ${word}` });
    await indexed(original, word);
    const lateUpdate = edited(original, { name: `Desk Lamp Deluxe ${word}` });
    await events.productDeleted(original.id, later());
    await eventually(async () => expect((await search({ q: word })).total).toBe(0), VISIBLE_WITHIN);

    const before = await unchangedUpdates('product.updated');
    await events.productUpdated({ ...lateUpdate, updatedAt: original.updatedAt });
    await eventually(async () => expect(await unchangedUpdates('product.updated')).toBeGreaterThan(before), {
      timeoutMs: 10_000,
    });
    expect((await search({ q: word })).total).toBe(0);
  });

  it('tolerates typos: "hedphones" finds "headphones"', async () => {
    const word = uniqueWord();
    const headphones = product({ name: `Studio Headphones ${word}`, description: 'Closed back' });
    await indexed(headphones, word);
    expect(idsOf(await search({ q: `hedphones ${word}` }))).toEqual([headphones.id]);
    expect(idsOf(await search({ q: `STUDIO   HEADFONES ${word}` }))).toEqual([headphones.id]);
    // A word it does not resemble at all finds nothing.
    expect((await search({ q: `refrigerator ${word}` })).total).toBe(0);
  });

  it('ignores replayed and out-of-order events', async () => {
    const word = uniqueWord();
    const v1 = product({ name: `Kettle ${word}`, price: { amount: 2_000, currency: 'EUR' } });
    await indexed(v1, word);
    const v2 = edited(v1, { price: { amount: 3_000, currency: 'EUR' } });
    const v3 = edited(v2, { price: { amount: 4_000, currency: 'EUR' } });
    const v3Event = await events.productUpdated(v3);
    await eventually(
      async () => expect((await search({ q: word })).items[0]?.price.amount).toBe(4_000),
      VISIBLE_WITHIN,
    );
    const { _seq_no: seqNoBefore } = await rig.es.get({ index: rig.config.SEARCH_INDEX_ALIAS, id: v1.id });

    const before = await unchangedUpdates('product.updated');
    await events.productUpdated(v2); // older than what is indexed
    await events.send(v3Event); // the very same event again
    await eventually(
      async () => expect(await unchangedUpdates('product.updated')).toBeGreaterThanOrEqual(before + 2),
      { timeoutMs: 10_000 },
    );
    expect((await search({ q: word })).items[0]?.price.amount).toBe(4_000);
    expect((await rig.es.get({ index: rig.config.SEARCH_INDEX_ALIAS, id: v1.id }))._seq_no).toBe(seqNoBefore);

    // Stock is versioned on its own: an older stock event does not undo a newer one.
    const stockBefore = await unchangedUpdates('inventory.stock-changed');
    const older = later();
    const newer = later();
    await events.stockChanged(v1.id, 5, newer);
    await eventually(
      async () => expect((await search({ q: word })).items[0]?.inStock).toBe(true),
      VISIBLE_WITHIN,
    );
    await events.stockChanged(v1.id, 0, older);
    await eventually(
      async () => expect(await unchangedUpdates('inventory.stock-changed')).toBeGreaterThan(stockBefore),
      { timeoutMs: 10_000 },
    );
    expect((await search({ q: word })).items[0]?.inStock).toBe(true);
  });

  it('keeps a stock change that arrives before its product', async () => {
    const word = uniqueWord();
    const early = product({ name: `Toaster ${word}` });
    await events.stockChanged(early.id, 7);
    await eventually(async () =>
      expect(await rig.es.exists({ index: rig.config.SEARCH_INDEX_ALIAS, id: early.id })).toBe(true),
    );
    // A stock-only stub is not a product: it is never an answer.
    expect((await search({ q: word })).total).toBe(0);
    await events.productCreated(early);
    await eventually(
      async () => expect((await search({ q: word })).items).toMatchObject([{ id: early.id, inStock: true }]),
      VISIBLE_WITHIN,
    );
  });

  describe('facets, filters, sorting and paging', () => {
    const word = uniqueWord();
    const audio = randomUUID();
    const garden = randomUUID();
    let cheap: ProductSnapshot, mid: ProductSnapshot, upper: ProductSnapshot, luxury: ProductSnapshot;

    beforeAll(async () => {
      for (const [id, name] of [
        [audio, 'Audio'],
        [garden, 'Garden'],
      ])
        await events.publish('category.created', id, { id, name, slug: name.toLowerCase(), parentId: null });
      cheap = product({
        name: `Earbuds ${word}`,
        categoryId: audio,
        price: { amount: 500, currency: 'EUR' },
      });
      mid = product({
        name: `Speaker ${word}`,
        categoryId: audio,
        price: { amount: 1_500, currency: 'EUR' },
      });
      upper = product({
        name: `Hose ${word}`,
        categoryId: garden,
        price: { amount: 3_000, currency: 'EUR' },
      });
      luxury = product({
        name: `Mower ${word}`,
        categoryId: garden,
        price: { amount: 60_000, currency: 'EUR' },
      });
      for (const p of [cheap, mid, upper, luxury]) await events.productCreated(p);
      await events.stockChanged(cheap.id, 3);
      await events.stockChanged(upper.id, 1);
      await eventually(
        async () => {
          const body = await search({ q: word, inStock: true });
          expect(body.total).toBe(2);
          const all = await search({ q: word });
          expect(all.total).toBe(4);
          // The category events travel on other partitions than the products' events.
          expect(all.facets.categories.map((facet) => facet.name).sort()).toEqual(['Audio', 'Garden']);
        },
        { timeoutMs: 10_000 },
      );
    });

    it('counts categories (named by their category events), price ranges and stock', async () => {
      const { facets, total } = await search({ q: word });
      expect(total).toBe(4);
      expect(facets.categories).toEqual(
        expect.arrayContaining([
          { id: audio, name: 'Audio', count: 2 },
          { id: garden, name: 'Garden', count: 2 },
        ]),
      );
      expect(facets.categories).toHaveLength(2);
      expect(facets.priceRanges).toEqual([
        { from: 0, to: 1_000, count: 1 },
        { from: 1_000, to: 2_500, count: 1 },
        { from: 2_500, to: 5_000, count: 1 },
        { from: 5_000, to: 10_000, count: 0 },
        { from: 10_000, to: 25_000, count: 0 },
        { from: 25_000, to: 50_000, count: 0 },
        { from: 50_000, to: null, count: 1 },
      ]);
      expect(facets.inStock).toEqual({ true: 2, false: 2 });
    });

    it('filters the hits, while each facet still counts the choices its own filter hides', async () => {
      const body = await search({ q: word, categoryId: audio });
      expect(idsOf(body).sort()).toEqual([cheap.id, mid.id].sort());
      expect(body.total).toBe(2);
      expect(body.facets.categories).toHaveLength(2); // Garden stays selectable
      expect(body.facets.inStock).toEqual({ true: 1, false: 1 });
      expect(body.facets.priceRanges.filter((range) => range.count > 0)).toEqual([
        { from: 0, to: 1_000, count: 1 },
        { from: 1_000, to: 2_500, count: 1 },
      ]);

      const inRange = await search({ q: word, minPrice: 1_000, maxPrice: 3_000 });
      expect(idsOf(inRange).sort()).toEqual([mid.id, upper.id].sort());
      const inStockGarden = await search({ q: word, categoryId: garden, inStock: true });
      expect(idsOf(inStockGarden)).toEqual([upper.id]);
      expect(inStockGarden.facets.inStock).toEqual({ true: 1, false: 1 });
    });

    it('sorts by price and by newest, and pages', async () => {
      expect(idsOf(await search({ q: word, sort: 'price_asc' }))).toEqual([
        cheap.id,
        mid.id,
        upper.id,
        luxury.id,
      ]);
      expect(idsOf(await search({ q: word, sort: 'price_desc' }))).toEqual([
        luxury.id,
        upper.id,
        mid.id,
        cheap.id,
      ]);
      expect(idsOf(await search({ q: word, sort: 'newest' }))).toEqual([
        luxury.id,
        upper.id,
        mid.id,
        cheap.id,
      ]);
      const second = await search({ q: word, sort: 'price_asc', page: 2, limit: 3 });
      expect(second).toMatchObject({ page: 2, limit: 3, total: 4 });
      expect(idsOf(second)).toEqual([luxury.id]);
    });

    it('answers a repeated query from the cache, and a change still shows within 2 s', async () => {
      const hits = () =>
        metrics().then((text) =>
          metricValue(text, 'search_cache_requests_total', { endpoint: 'search', result: 'hit' }),
        );
      const query = { q: ` ${word.toUpperCase()}  `, sort: 'price_asc' };
      // Answers are cached only once the last change is searchable (about a second after it).
      await eventually(
        async () => {
          await search(query);
          const before = await hits();
          await search({ sort: 'price_asc', q: word }); // the same question, spelled and ordered differently
          expect(await hits()).toBe(before + 1);
        },
        { timeoutMs: 5_000, intervalMs: 200 },
      );
      expect(await metrics()).toMatch(/search_query_duration_seconds_bucket\{[^}]*endpoint="search"/);

      await events.productUpdated(edited(cheap, { price: { amount: 700, currency: 'EUR' } }));
      await eventually(
        async () => expect((await search(query)).items[0]?.price.amount).toBe(700),
        VISIBLE_WITHIN,
      );
    });
  });

  it('answers a cached search before routing, with the body the controller gives', async () => {
    const word = `prerouted${Date.now()}`;
    await indexed(product({ name: `${word} Kettle` }), word);
    const controllerPath = jest.spyOn(rig.app.get(SearchService), 'search');
    try {
      const query = `q=${word}&sort=price_asc`;
      let first = '';
      // Cached once the catalog has settled (about a second after the last change).
      await eventually(
        async () => {
          first = (await rig.http().get(`/api/search?${query}`).expect(200)).text;
          const calls = controllerPath.mock.calls.length;
          const hit = await rig.http().get(`/api/search?${query}`).expect(200);
          expect(controllerPath.mock.calls.length).toBe(calls);
          expect(hit.text).toBe(first);
          expect(hit.headers['content-type']).toBe('application/json; charset=utf-8');
        },
        { timeoutMs: 5_000, intervalMs: 200 },
      );
      // A query string the controller refuses stays the controller's, however often it comes.
      for (let i = 0; i < 2; i++) {
        const calls = controllerPath.mock.calls.length;
        const refused = await rig.http().get(`/api/search?${query}&unknown=1`).expect(400);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(controllerPath.mock.calls.length).toBe(calls);
      }
    } finally {
      controllerPath.mockRestore();
    }
  });

  it('makes one Elasticsearch query for concurrent misses of one question', async () => {
    const es = rig.app.get<Client>(ELASTICSEARCH);
    const word = `together${Date.now()}`;
    const original = es.search.bind(es);
    const asked = jest.fn();
    // Elasticsearch made slow, so the misses surely overlap.
    const slowSearch = jest.spyOn(es, 'search').mockImplementation((async (request: { query?: unknown }) => {
      if (JSON.stringify(request?.query ?? {}).includes(word)) {
        asked();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return original(request as never);
    }) as never);
    try {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => rig.http().get('/api/search').query({ q: word })),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
      expect(asked).toHaveBeenCalledTimes(1);
    } finally {
      slowSearch.mockRestore();
    }
  });

  it('completes a prefix with up to 10 product names', async () => {
    const word = uniqueWord();
    const speakers = Array.from({ length: 12 }, (_, i) => product({ name: `${word} Speaker ${i}` }));
    const lamp = product({ name: `${word} Lamp` });
    for (const p of [...speakers, lamp]) await events.productCreated(p);
    await eventually(async () => expect((await search({ q: word, limit: 50 })).total).toBe(13), {
      timeoutMs: 10_000,
    });

    const all = await rig
      .http()
      .get('/api/search/suggest')
      .query({ q: word.slice(0, 5) });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(10);
    const lampOnly = await rig
      .http()
      .get('/api/search/suggest')
      .query({ q: `${word} la` });
    expect(lampOnly.body).toEqual({ items: [{ id: lamp.id, name: lamp.name }] });
    expect((await rig.http().get('/api/search/suggest').query({ q: '' })).body).toEqual({ items: [] });
  });

  it('lists similar products, preferring the same category, and 404s an unknown product', async () => {
    const word = uniqueWord();
    const audio = randomUUID();
    const base = product({
      name: `Noise Cancelling Headphones ${word}`,
      description: 'Wireless over-ear headphones with noise cancelling',
      categoryId: audio,
    });
    const twin = product({
      name: `Wireless Headphones ${word}`,
      description: 'Over-ear headphones, active noise cancelling',
      categoryId: audio,
    });
    const cousin = product({
      name: `Headphones Stand ${word}`,
      description: 'A stand for headphones',
      categoryId: randomUUID(),
    });
    const unrelated = product({ name: `Garden Hose ${word}`, description: 'Twenty metres of green hose' });
    for (const p of [base, twin, cousin, unrelated]) await events.productCreated(p);
    await eventually(async () => expect((await search({ q: word })).total).toBe(4), { timeoutMs: 10_000 });

    const response = await rig.http().get(`/api/search/products/${base.id}/similar`);
    expect(response.status).toBe(200);
    const ids = idsOf(response.body);
    expect(ids[0]).toBe(twin.id);
    expect(ids).not.toContain(base.id);
    expect(ids).not.toContain(unrelated.id);
    expect(ids.length).toBeLessThanOrEqual(10);

    expectProblem(
      await rig.http().get(`/api/search/products/${randomUUID()}/similar`),
      404,
      'PRODUCT_NOT_FOUND',
    );
    expectProblem(await rig.http().get('/api/search/products/not-a-uuid/similar'), 400);
  });

  it('answers bad queries with 400 or a normal answer, never a 500', async () => {
    const odd = [
      'name:foo AND (',
      '*',
      '"',
      '\\',
      '🎧 héadphönes 日本語',
      '~!@#$%^&*()_+{}|:"<>?[];\',./',
      'OR AND NOT',
      '/.*/',
      'x'.repeat(200),
      'ü'.repeat(200),
    ];
    for (const q of odd) {
      const response = await rig.http().get('/api/search').query({ q });
      expect({ q, status: response.status }).toEqual({ q, status: 200 });
      expect(response.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
      expect((await rig.http().get('/api/search/suggest').query({ q })).status).toBe(200);
    }
    expect((await rig.http().get('/api/search')).status).toBe(200); // no text: browse

    const bad: Record<string, string>[] = [
      { q: 'x'.repeat(10_000) },
      { q: 'x'.repeat(201) },
      { q: 'a\u0000b' }, // no text field of the platform takes a NUL
      { minPrice: '500', maxPrice: '100' },
      { minPrice: '-1' },
      { maxPrice: '12.5' },
      { minPrice: 'cheap' },
      { sort: 'popularity' },
      { inStock: 'maybe' },
      { categoryId: 'shoes' },
      { page: '0' },
      { limit: '101' },
      { page: '101', limit: '100' },
      { unknown: 'field' },
    ];
    for (const query of bad) {
      const response = await rig.http().get('/api/search').query(query);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(Object.keys(response.body.errors ?? {})).not.toHaveLength(0);
    }
    expectProblem(await rig.http().get('/api/search').query({ minPrice: '500', maxPrice: '100' }), 400);
    const inverted = await rig.http().get('/api/search').query({ minPrice: '500', maxPrice: '100' });
    expect(inverted.body.errors).toEqual({ minPrice: ['minPrice must not be greater than maxPrice'] });
    expectProblem(
      await rig
        .http()
        .get('/api/search/suggest')
        .query({ q: 'x'.repeat(201) }),
      400,
      'VALIDATION_FAILED',
    );
    // Two values for one parameter is not a string.
    expectProblem(await rig.http().get('/api/search?q=a&q=b'), 400, 'VALIDATION_FAILED');
  });

  it('is ready when Elasticsearch, Redis and Kafka answer', async () => {
    const response = await rig.http().get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.details).toEqual({
      elasticsearch: { status: 'up' },
      redis: { status: 'up' },
      kafka: { status: 'up' },
    });
  });
});
