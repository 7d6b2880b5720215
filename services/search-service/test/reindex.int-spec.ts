import { randomUUID } from 'node:crypto';
import type { ProductSnapshot } from '@ecommerce/contracts';
import { eventually, TestTokens } from '@ecommerce/testing';
import { redisKeys } from '../src/catalog-index/redis-keys';
import type { ReindexJob } from '../src/reindex/reindex-job';
import { edited, product, uniqueWord } from './support/catalog';
import { EventPublisher } from './support/events';
import {
  expectProblem,
  startSearchService,
  waitForConsumer,
  type SearchTestRig,
} from './support/search-service';

/** Products product-service lists: three pages of a rebuild's paged read (100 a page). */
const CATALOG_SIZE = 250;

interface SearchBody {
  items: { id: string; name: string; inStock: boolean }[];
  total: number;
}

/** One answer of the shopper traffic that runs while the index is rebuilt. */
interface Answer {
  query: Record<string, string | number>;
  /** What the job status said last before the request was sent: `before` the POST, then the job's status. */
  during: string;
  status: number;
  total?: number;
  items?: number;
  error?: string;
}

describe('search-service: POST /api/search/reindex', () => {
  let rig: SearchTestRig;
  let events: EventPublisher;
  let admin: string;

  beforeAll(async () => {
    [rig, events] = await Promise.all([startSearchService(), EventPublisher.connect()]);
    admin = `Bearer ${await rig.tokens.admin()}`;
    await waitForConsumer(rig, events);
  }, 90_000);

  afterAll(async () => {
    await events?.close();
    await rig?.close();
  });

  const alias = () => rig.config.SEARCH_INDEX_ALIAS;
  const search = async (query: Record<string, string | number>): Promise<SearchBody> => {
    const response = await rig.http().get('/api/search').query(query);
    expect(response.status).toBe(200);
    return response.body as SearchBody;
  };
  const jobStatus = (jobId: string) =>
    rig.http().get(`/api/search/reindex/${jobId}`).set('authorization', admin);

  async function startReindex(): Promise<ReindexJob> {
    const response = await rig.http().post('/api/search/reindex').set('authorization', admin);
    expect(response.status).toBe(202);
    const job = response.body as ReindexJob;
    expect(job).toMatchObject({
      jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'running',
      phase: 'preparing',
      finishedAt: null,
    });
    expect(response.headers.location).toBe(`/api/search/reindex/${job.jobId}`);
    return job;
  }

  /** Polls the job until it is no longer running; `onStatus` sees every state read on the way. */
  async function finished(
    jobId: string,
    onStatus: (job: ReindexJob) => void = () => undefined,
  ): Promise<ReindexJob> {
    return eventually(
      async () => {
        const response = await jobStatus(jobId);
        expect(response.status).toBe(200);
        const job = response.body as ReindexJob;
        onStatus(job);
        expect(job.status).not.toBe('running');
        return job;
      },
      { timeoutMs: 45_000, intervalMs: 100 },
    );
  }

  /** The concrete indices the alias points to. */
  const aliasTargets = async (): Promise<string[]> =>
    Object.keys(await rig.es.indices.getAlias({ name: alias() }));

  /** Ids of the live products of one category held by a concrete index. */
  async function liveIds(index: string, categoryId: string): Promise<string[]> {
    await rig.es.indices.refresh({ index });
    const response = await rig.es.search<{ id: string }>({
      index,
      query: { bool: { filter: [{ term: { status: 'live' } }, { term: { categoryId } }] } },
      size: 1_000,
      _source: ['id'],
    });
    return response.hits.hits.map((hit) => hit._source!.id).sort();
  }

  it('refuses a caller without a token (401) or without the admin role (403), and starts nothing', async () => {
    const customer = `Bearer ${await rig.tokens.customer()}`;
    expectProblem(await rig.http().post('/api/search/reindex'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await rig
        .http()
        .post('/api/search/reindex')
        .set('authorization', `Bearer ${await TestTokens.foreign()}`),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(
      await rig.http().post('/api/search/reindex').set('authorization', customer),
      403,
      'FORBIDDEN',
    );
    expectProblem(await rig.http().get(`/api/search/reindex/${randomUUID()}`), 401, 'UNAUTHENTICATED');
    expectProblem(
      await rig.http().get(`/api/search/reindex/${randomUUID()}`).set('authorization', customer),
      403,
      'FORBIDDEN',
    );
    // No rebuild was started by any of them: the lock is free and no job record exists.
    const keys = redisKeys(alias());
    expect(await rig.redis.exists(keys.reindexLock)).toBe(0);
    expect(await rig.redis.keys(keys.job('*'))).toEqual([]);

    expectProblem(await jobStatus(randomUUID()), 404, 'REINDEX_JOB_NOT_FOUND');
    // The same 400 body as every other validation failure, naming the parameter.
    const malformed = expectProblem(await jobStatus('not-a-uuid'), 400, 'VALIDATION_FAILED');
    expect(malformed.errors).toEqual({ jobId: ['jobId must be a UUID'] });
  });

  describe('a rebuild while shoppers keep searching', () => {
    // Other test files publish their own products to the same topics while this one runs, so every
    // product here carries one word and one category of its own, and every question is asked of them.
    const word = uniqueWord();
    const categoryId = randomUUID();
    const renamedWord = uniqueWord();
    const catalog: ProductSnapshot[] = [];
    /** Listed by product-service, never announced by an event. */
    let newcomer: ProductSnapshot;
    /** In the index from its event, but product-service has no such product (its deletion event was lost). */
    let ghost: ProductSnapshot;
    /** Known to product-service but missing from the list while it is paged through (a deletion shifted the pages). */
    let shifted: ProductSnapshot;
    /** A product deleted before the rebuild: the source APIs cannot give its tombstone back. */
    const deletedId = randomUUID();
    /** An edit of a catalog product that arrives while the rebuild runs. */
    let editedMeanwhile: ProductSnapshot;
    let oldIndex: string;
    let job: ReindexJob;
    const answers: Answer[] = [];

    beforeAll(async () => {
      for (let i = 0; i < CATALOG_SIZE; i += 1) {
        const item = product({
          name: `Item ${i} ${word}`,
          categoryId,
          price: { amount: 100 + i, currency: 'EUR' },
        });
        catalog.push(item);
        rig.upstream.products.set(item.id, item);
        rig.upstream.stock.set(item.id, i % 4);
      }
      // A first rebuild fills the index from the stand-in.
      const first = await finished((await startReindex()).jobId);
      expect(first).toMatchObject({ status: 'succeeded', products: { loaded: CATALOG_SIZE, rejected: 0 } });
      expect((await search({ q: word })).total).toBe(CATALOG_SIZE);

      ghost = product({ name: `Ghost ${word} ${uniqueWord()}`, categoryId });
      shifted = product({ name: `Shifted ${word} ${uniqueWord()}`, categoryId });
      rig.upstream.products.set(shifted.id, shifted);
      rig.upstream.hiddenFromList.add(shifted.id);
      await events.productCreated(ghost);
      await events.productCreated(shifted);
      await events.productDeleted(deletedId);
      await eventually(
        async () => {
          expect((await search({ q: word })).total).toBe(CATALOG_SIZE + 2);
          expect((await rig.es.get({ index: alias(), id: deletedId }))._source).toMatchObject({
            status: 'deleted',
          });
        },
        { timeoutMs: 10_000 },
      );

      newcomer = product({ name: `Newcomer ${word} ${uniqueWord()}`, categoryId });
      rig.upstream.products.set(newcomer.id, newcomer);
      rig.upstream.stock.set(newcomer.id, 4);
      expect((await search({ q: newcomer.name })).total).toBe(0);
      const current = await aliasTargets();
      expect(current).toHaveLength(1);
      oldIndex = current[0]!;

      // Shopper traffic for the whole rebuild: the question every product answers, and browsing the category.
      // Half of the requests add a price bound no product exceeds, which makes each of them a new
      // question the cache cannot answer, so Elasticsearch itself is asked throughout.
      let during = 'before';
      let stopped = false;
      let sent = 0;
      const nextQuery = (): Record<string, string | number> => {
        const n = (sent += 1);
        return [
          { q: word },
          { categoryId },
          { q: word, maxPrice: 10_000_000 + n },
          { categoryId, maxPrice: 10_000_000 + n },
        ][n % 4]!;
      };
      const shopper = async () => {
        while (!stopped) {
          const query = nextQuery();
          const at = during;
          try {
            const response = await rig.http().get('/api/search').query(query);
            const body = response.body as Partial<SearchBody>;
            answers.push({
              query,
              during: at,
              status: response.status,
              total: body.total,
              items: body.items?.length,
            });
          } catch (error) {
            answers.push({ query, during: at, status: 0, error: String(error) });
          }
        }
      };
      const shoppers = Promise.all([shopper(), shopper(), shopper()]);
      try {
        await eventually(() => expect(answers.length).toBeGreaterThanOrEqual(20), { timeoutMs: 10_000 });
        const started = await startReindex();
        during = 'running';

        // Once the new index is published as the target, an edit goes to both indices. The stand-in
        // keeps serving the product as it was, like a page read before the edit.
        const newIndex = await eventually(
          async () => {
            const { newIndex: name } = (await jobStatus(started.jobId)).body as ReindexJob;
            expect(name).toEqual(expect.any(String));
            return name!;
          },
          { timeoutMs: 10_000, intervalMs: 20 },
        );
        editedMeanwhile = edited(catalog[0]!, { name: `Item 0 ${word} ${renamedWord}` });
        await events.productUpdated(editedMeanwhile);
        // The consumer wrote it to the index being built, before the swap (only the event has this name).
        await eventually(
          async () =>
            expect(
              (await rig.es.get<{ name: string }>({ index: newIndex, id: editedMeanwhile.id }))._source?.name,
            ).toBe(editedMeanwhile.name),
          {
            timeoutMs: 10_000,
          },
        );
        expect(((await jobStatus(started.jobId)).body as ReindexJob).phase).toMatch(
          /^(preparing|copying-tombstones|loading-products|reconciling)$/,
        );

        job = await finished(started.jobId, (state) => (during = state.status));
        const afterwards = answers.length;
        await eventually(() => expect(answers.length).toBeGreaterThanOrEqual(afterwards + 20), {
          timeoutMs: 10_000,
        });
      } finally {
        stopped = true;
        await shoppers;
      }
    }, 120_000);

    it('answers every search before, during and after the rebuild with the full catalog, never empty, never an error', () => {
      const expected = CATALOG_SIZE + 2; // before: catalog, ghost, shifted; after: catalog, shifted, newcomer
      const wrong = answers.filter(
        (answer) => answer.status !== 200 || answer.total !== expected || !answer.items,
      );
      expect(wrong).toEqual([]);
      // The traffic really covered the whole rebuild: answers asked before it, while it ran, and after it.
      const count = (during: string) => answers.filter((answer) => answer.during === during).length;
      expect(['before', 'running', 'succeeded'].filter((during) => count(during) < 5)).toEqual([]);
    });

    it('reports the job as succeeded with what it read', async () => {
      expect(job).toMatchObject({
        status: 'succeeded',
        phase: 'done',
        finishedAt: expect.any(String),
        previousIndex: oldIndex,
        newIndex: expect.stringMatching(new RegExp(`^${alias()}-v\\d+$`)),
        // The listed catalog and the newcomer; the shifted product came back by id.
        products: { loaded: CATALOG_SIZE + 1, rejected: 0, reconciled: 1 },
        stock: { fromInventory: CATALOG_SIZE + 1, fromPreviousIndex: 0, unknown: 0 },
        error: null,
      });
      // The tombstone and the stubs of the consumer probes.
      expect(job.products.carriedOver).toBeGreaterThanOrEqual(2);
      expect(Date.parse(job.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));
      expect((await jobStatus(job.jobId)).body).toEqual(job);
    });

    it('moves the alias to a new index and drops the old one', async () => {
      expect(job.newIndex).not.toBe(oldIndex);
      expect(await aliasTargets()).toEqual([job.newIndex]);
      expect(await rig.es.indices.exists({ index: oldIndex })).toBe(false);
      // Nothing else of the family is left behind either.
      const family = await rig.es.indices.get({ index: `${alias()}-v*`, allow_no_indices: true });
      expect(Object.keys(family)).toEqual([job.newIndex]);
    });

    it('holds exactly the products product-service lists or serves, and keeps what only the index knew', async () => {
      expect(await liveIds(job.newIndex!, categoryId)).toEqual([...rig.upstream.products.keys()].sort());

      // Listed but never announced by an event: found now, with its stock from inventory-service.
      expect((await search({ q: newcomer.name })).items).toMatchObject([
        { id: newcomer.id, name: newcomer.name, inStock: true },
      ]);
      // product-service does not know it: gone.
      expect((await search({ q: ghost.name })).total).toBe(0);
      expect(await rig.es.exists({ index: job.newIndex!, id: ghost.id })).toBe(false);
      // Skipped by the paged read, fetched by id.
      expect((await search({ q: shifted.name })).items.map((item) => item.id)).toEqual([shifted.id]);
      // Stock as inventory-service tells it.
      expect((await search({ q: catalog[1]!.name })).items).toMatchObject([
        { id: catalog[1]!.id, inStock: true },
      ]);
      expect((await search({ q: catalog[4]!.name })).items).toMatchObject([
        { id: catalog[4]!.id, inStock: false },
      ]);
      // The tombstone travelled with its version, so a late older create cannot bring the product back.
      expect((await rig.es.get({ index: job.newIndex!, id: deletedId }))._source).toMatchObject({
        status: 'deleted',
        productVersion: expect.any(Number),
      });
      // The edit made during the rebuild wins over the older data the rebuild read.
      expect((await search({ q: renamedWord })).items).toMatchObject([
        { id: editedMeanwhile.id, name: editedMeanwhile.name },
      ]);
    });
  });

  it('answers 409 REINDEX_RUNNING to a second request while one runs, and accepts one again afterwards', async () => {
    const running = await startReindex();
    const second = await rig.http().post('/api/search/reindex').set('authorization', admin);
    expectProblem(second, 409, 'REINDEX_RUNNING');
    expect(second.body.runningJobId).toBe(running.jobId);
    expect(second.headers.location).toBeUndefined();

    expect(await finished(running.jobId)).toMatchObject({ status: 'succeeded' });
    // The lock went with the job: the next request starts a rebuild.
    const next = await startReindex();
    expect(next.jobId).not.toBe(running.jobId);
    expect(await finished(next.jobId)).toMatchObject({ status: 'succeeded' });
  }, 60_000);
});
