import { randomUUID } from 'node:crypto';
import type { CategorySnapshot } from '@ecommerce/contracts';
import { eventually } from '@ecommerce/testing';
import { redisKeys } from '../src/catalog-index/redis-keys';
import { CategoryBootstrap } from '../src/categories/category-bootstrap';
import { later, product, uniqueWord } from './support/catalog';
import { EventPublisher } from './support/events';
import {
  metricValue,
  startSearchService,
  waitForConsumer,
  type SearchTestRig,
} from './support/search-service';

// "As soon as the event is applied": the consumer applies an event well within a second.
const NAMED_WITHIN = { timeoutMs: 3_000, intervalMs: 50 };

interface Facet {
  id: string;
  name: string;
  count: number;
}

describe('search-service: category names in the facets, kept from category events', () => {
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

  const category = (name: string): CategorySnapshot => ({
    id: randomUUID(),
    name,
    slug: name.toLowerCase(),
    parentId: null,
  });
  const facetsFor = async (word: string): Promise<Facet[]> => {
    const response = await rig.http().get('/api/search').query({ q: word });
    expect(response.status).toBe(200);
    return (response.body as { facets: { categories: Facet[] } }).facets.categories;
  };
  const searchHits = async () =>
    metricValue((await rig.http().get('/metrics')).text, 'search_cache_requests_total', {
      endpoint: 'search',
      result: 'hit',
    });

  /** Publishes a product in `categoryId` and waits until a search for `word` counts it. */
  async function productIn(categoryId: string, word: string): Promise<void> {
    await events.productCreated(product({ name: `Thing ${word}`, categoryId }));
    await eventually(
      async () => expect((await facetsFor(word)).map((facet) => facet.id)).toContain(categoryId),
      {
        timeoutMs: 10_000,
      },
    );
  }

  it('names a category in the facets within seconds of its category.created, with no call to product-service', async () => {
    const word = uniqueWord();
    const audio = category('Audio');
    await events.publish('category.created', audio.id, audio);
    await events.productCreated(product({ name: `Earbuds ${word}`, categoryId: audio.id }));
    await eventually(
      async () => expect(await facetsFor(word)).toEqual([{ id: audio.id, name: 'Audio', count: 1 }]),
      NAMED_WITHIN,
    );
    // The stand-in product-service knows no category at all: the name came from the event.
    expect(rig.upstream.categories).toHaveLength(0);
  });

  it('renames on category.updated, ignores an older event arriving late, and forgets the name on category.deleted', async () => {
    const word = uniqueWord();
    const garden = category('Garden');
    const createdAt = later();
    await events.publish('category.created', garden.id, garden, createdAt);
    await productIn(garden.id, word);
    await events.publish('category.updated', garden.id, { ...garden, name: 'Outdoor' }, later());
    await eventually(async () => expect((await facetsFor(word))[0]?.name).toBe('Outdoor'), NAMED_WITHIN);

    const unchanged = () =>
      rig
        .http()
        .get('/metrics')
        .then(({ text }) =>
          metricValue(text, 'search_index_updates_total', { type: 'category.updated', outcome: 'unchanged' }),
        );
    const before = await unchanged();
    // Older than the rename: dropped, not applied over it.
    await events.publish('category.updated', garden.id, { ...garden, name: 'Yard' }, createdAt);
    await eventually(async () => expect(await unchanged()).toBe(before + 1), NAMED_WITHIN);
    expect((await facetsFor(word))[0]?.name).toBe('Outdoor');

    await events.publish('category.deleted', garden.id, { categoryId: garden.id }, later());
    await eventually(
      async () => expect(await facetsFor(word)).toEqual([{ id: garden.id, name: garden.id, count: 1 }]),
      NAMED_WITHIN,
    );
    // A rename older than the deletion does not bring a name back.
    await events.publish('category.updated', garden.id, { ...garden, name: 'Revived' }, createdAt);
    await eventually(async () => expect(await unchanged()).toBe(before + 2), NAMED_WITHIN);
    expect((await facetsFor(word))[0]?.name).toBe(garden.id);
  });

  it('caches an answer whose facets name a category nobody announced', async () => {
    const word = uniqueWord();
    const unknown = randomUUID();
    await productIn(unknown, word);
    // Answers are cached only once the last change is searchable (about a second after it).
    await eventually(
      async () => {
        await facetsFor(word);
        const before = await searchHits();
        expect(await facetsFor(word)).toEqual([{ id: unknown, name: unknown, count: 1 }]);
        expect(await searchHits()).toBe(before + 1);
      },
      { timeoutMs: 5_000, intervalMs: 200 },
    );
  });

  it('names the categories older than category events from product-service, once, never over an event', async () => {
    const word = uniqueWord();
    const vintage = category('Vintage');
    const renamed = category('Renamed by an event');
    await events.publish('category.created', renamed.id, renamed);
    await productIn(renamed.id, word);
    await eventually(async () => expect((await facetsFor(word))[0]?.name).toBe(renamed.name), NAMED_WITHIN);

    // product-service's tree, as an instance starting for the first time reads it.
    rig.upstream.addCategory(vintage.id, 'Vintage');
    rig.upstream.addCategory(renamed.id, 'Old name');
    await rig.redis.del(redisKeys(rig.config.SEARCH_INDEX_ALIAS).categoriesSeeded);
    await rig.app.get(CategoryBootstrap).seedOnce();
    await productIn(vintage.id, word);
    await eventually(
      async () =>
        expect(Object.fromEntries((await facetsFor(word)).map((facet) => [facet.id, facet.name]))).toEqual({
          [vintage.id]: 'Vintage',
          [renamed.id]: renamed.name,
        }),
      NAMED_WITHIN,
    );

    // Seeded once: a later start does not read the tree again.
    rig.upstream.addCategory(randomUUID(), 'Never read');
    const seeded = await rig.redis.hlen(redisKeys(rig.config.SEARCH_INDEX_ALIAS).categoryNames);
    await rig.app.get(CategoryBootstrap).seedOnce();
    expect(await rig.redis.hlen(redisKeys(rig.config.SEARCH_INDEX_ALIAS).categoryNames)).toBe(seeded);
  });
});
