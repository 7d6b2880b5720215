import type { Logger } from '@ecommerce/observability';
import type { CatalogVersion } from '../catalog-index/catalog-version';
import type { DocumentStore } from '../catalog-index/document-store';
import type { IndexAdmin } from '../catalog-index/index-admin';
import type { RebuildTarget } from '../catalog-index/rebuild-target';
import type { ProductSource } from '../upstream/product-source';
import type { StockSource } from '../upstream/stock-source';
import type { JobStore } from './job-store';
import { Rebuild } from './rebuild';
import { newJob } from './reindex-job';
import { StockLookup } from './stock-lookup';

const OLD = 'products-v1';
const NEW = 'products-v2';

/**
 * A rebuild over an empty catalog with an in-memory cluster (which index the alias points to, which
 * indices exist) and an in-memory rebuild target; `fail` makes one step throw.
 */
function setup(
  fail: { step?: 'load' | 'swap-alias' | 'swap-alias-applied' | 'target-clear' | 'version' } = {},
) {
  const cluster = { alias: OLD as string | undefined, indices: new Set([OLD]) };
  let targetIndex: string | null = null;
  const redisDown = () => new Error('Redis connection lost');

  const admin = {
    currentIndex: jest.fn(async () => cluster.alias),
    strayIndices: jest.fn(async () => []),
    createIndex: jest.fn(async () => {
      cluster.indices.add(NEW);
      return NEW;
    }),
    refresh: jest.fn(async () => undefined),
    swapAlias: jest.fn(async (_from: string | undefined, to: string) => {
      if (fail.step === 'swap-alias') throw new Error('Request timed out');
      cluster.alias = to;
      // Applied by the cluster, but the answer never came back.
      if (fail.step === 'swap-alias-applied') throw new Error('Request timed out');
    }),
    deleteIndex: jest.fn(async (index: string) => {
      cluster.indices.delete(index);
    }),
  };
  const target: { current: jest.Mock; set: jest.Mock; clear: jest.Mock } = {
    current: jest.fn(async () => targetIndex),
    set: jest.fn(async (index: string) => {
      targetIndex = index;
    }),
    clear: jest.fn(async () => {
      // A blip: Redis is back by the time the failed rebuild is abandoned.
      if (fail.step === 'target-clear' && target.clear.mock.calls.length === 1) throw redisDown();
      targetIndex = null;
    }),
  };
  const version = {
    changed: jest.fn(async () => {
      if (fail.step === 'version') throw redisDown();
    }),
  };
  const store = {
    // An old index without tombstones or live documents.
    scan: async function* () {},
    getMany: async () => new Map(),
    createMany: async () => ({ created: 0, existing: [] }),
    existingIds: async () => new Set<string>(),
    apply: async () => 'written' as const,
  };
  const products = {
    page: jest.fn(async () => {
      if (fail.step === 'load') throw new Error('GET /api/products answered 503');
      return { items: [], rejected: 0, total: 0 };
    }),
    product: async () => undefined,
  };
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() };
  const deps = {
    admin: admin as unknown as IndexAdmin,
    store: store as unknown as DocumentStore,
    products: products as unknown as ProductSource,
    stockLookup: new StockLookup({ available: async () => undefined } as unknown as StockSource),
    target: target as unknown as RebuildTarget,
    version: version as unknown as CatalogVersion,
    jobs: { save: async () => undefined } as unknown as JobStore,
    logger: logger as unknown as Logger,
    baseCurrency: 'EUR',
  };
  const rebuild = new Rebuild(
    deps,
    newJob('00000000-0000-4000-8000-000000000001'),
    { leaseMs: 60_000, graceMs: 0 },
    new AbortController().signal,
  );
  return { rebuild, cluster, admin, version, target: () => targetIndex };
}

describe('Rebuild', () => {
  it('moves the alias, drops the old index and retires the cached answers', async () => {
    const { rebuild, cluster, version, target } = setup();
    expect(await rebuild.run()).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      previousIndex: OLD,
      newIndex: NEW,
      error: null,
    });
    expect(cluster).toEqual({ alias: NEW, indices: new Set([NEW]) });
    expect(version.changed).toHaveBeenCalledTimes(1);
    expect(target()).toBeNull();
  });

  it('drops the new index and leaves the alias alone when it fails before the swap', async () => {
    const { rebuild, cluster, admin, target } = setup({ step: 'load' });
    expect(await rebuild.run()).toMatchObject({
      status: 'failed',
      phase: 'loading-products',
      error: 'GET /api/products answered 503',
    });
    expect(cluster).toEqual({ alias: OLD, indices: new Set([OLD]) });
    expect(admin.deleteIndex).toHaveBeenCalledWith(NEW);
    expect(target()).toBeNull();
  });

  it('drops the new index when the _aliases call failed and the alias did not move', async () => {
    const { rebuild, cluster } = setup({ step: 'swap-alias' });
    expect(await rebuild.run()).toMatchObject({ status: 'failed', phase: 'swapping' });
    expect(cluster).toEqual({ alias: OLD, indices: new Set([OLD]) });
  });

  it.each([
    ['clearing the rebuild target', 'target-clear'],
    ['incrementing the catalog version', 'version'],
  ] as const)(
    'never deletes the index the alias was moved to when Redis fails %s after the swap',
    async (_what, step) => {
      const { rebuild, cluster, admin, target } = setup({ step });
      expect(await rebuild.run()).toMatchObject({
        status: 'failed',
        phase: 'swapping',
        error: 'Redis connection lost',
      });
      expect(cluster.alias).toBe(NEW);
      expect(cluster.indices.has(NEW)).toBe(true);
      expect(admin.deleteIndex).not.toHaveBeenCalledWith(NEW);
      expect(target()).toBeNull();
    },
  );

  it('asks where the alias points before dropping: an _aliases call that timed out may have been applied', async () => {
    const { rebuild, cluster, admin } = setup({ step: 'swap-alias-applied' });
    expect(await rebuild.run()).toMatchObject({
      status: 'failed',
      phase: 'swapping',
      error: 'Request timed out',
    });
    expect(cluster.alias).toBe(NEW);
    expect(cluster.indices.has(NEW)).toBe(true);
    expect(admin.deleteIndex).not.toHaveBeenCalledWith(NEW);
  });
});
