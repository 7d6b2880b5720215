import { errors } from '@elastic/elasticsearch';
import { createEnvelope, type TypedEnvelope } from '@ecommerce/contracts';
import { NonRetryableError } from '@ecommerce/messaging';
import type { CatalogVersion } from '../catalog-index/catalog-version';
import type { DocumentStore, WriteOutcome } from '../catalog-index/document-store';
import {
  mergeDocument,
  sameSearchableContent,
  stockFacts,
  type DocumentUpdate,
  type SearchDocument,
} from '../catalog-index/product-document';
import type { RebuildTarget } from '../catalog-index/rebuild-target';
import { loadSearchServiceConfig } from '../config';
import { product } from '../../test/support/catalog';
import { CatalogIndexer } from './catalog-indexer';

/** An index in memory with the real merge rules and DocumentStore's outcomes. */
class MemoryStore {
  readonly docs = new Map<string, SearchDocument>();

  async apply(_index: string, id: string, update: DocumentUpdate): Promise<WriteOutcome> {
    const current = this.docs.get(id);
    const next = mergeDocument(id, current, update);
    if (!next) return 'unchanged';
    if (current && sameSearchableContent(current, next)) return 'versions-only';
    this.docs.set(id, next);
    return 'written';
  }
}

function setup(versionFailures: number) {
  const store = new MemoryStore();
  let calls = 0;
  const version = {
    changed: jest.fn(async () => {
      calls += 1;
      if (calls <= versionFailures) throw new Error('Redis connection lost');
    }),
  };
  const rebuild = { current: async () => null };
  const indexer = new CatalogIndexer(
    store as unknown as DocumentStore,
    rebuild as unknown as RebuildTarget,
    version as unknown as CatalogVersion,
    loadSearchServiceConfig({ JWT_PUBLIC_KEY: 'unused' }),
  );
  return { indexer, store, version };
}

function created(): TypedEnvelope<'product.created'> {
  const data = product({ name: 'Desk Lamp', price: { amount: 2_500, currency: 'EUR' } });
  return createEnvelope(
    { type: 'product.created', aggregateId: data.id, data },
    { source: 'test' },
  ) as TypedEnvelope<'product.created'>;
}

describe('CatalogIndexer', () => {
  it('retires the cached answers on the retry of an event whose first attempt wrote but could not bump the version', async () => {
    const { indexer, store, version } = setup(1);
    const event = created();
    await expect(indexer.productChanged(event)).rejects.toThrow('Redis connection lost');
    expect(store.docs.get(event.data.id)?.name).toBe('Desk Lamp');

    // The consumer's retry: the document is already written, the version still has to move.
    await indexer.productChanged(event);
    expect(version.changed).toHaveBeenCalledTimes(2);
  });

  it('retires the cached answers for a stock change searches can see, and keeps them for one they cannot', async () => {
    const { indexer, store, version } = setup(0);
    const event = created();
    await indexer.productChanged(event);
    const stockChanged = (available: number, at: number) =>
      createEnvelope(
        {
          type: 'inventory.stock-changed',
          aggregateId: event.data.id,
          data: { productId: event.data.id, available },
        },
        { source: 'test', occurredAt: new Date(at) },
      ) as TypedEnvelope<'inventory.stock-changed'>;
    const bumps = () => version.changed.mock.calls.length;

    const start = Date.now();
    await indexer.stockChanged(stockChanged(10, start + 1));
    expect(bumps()).toBe(2); // out of stock -> in stock
    await indexer.stockChanged(stockChanged(9, start + 2));
    await indexer.stockChanged(stockChanged(3, start + 3));
    expect(bumps()).toBe(2); // still in stock: every cached answer is still right
    expect(store.docs.get(event.data.id)?.stockVersion).toBe(stockFacts(10, start + 1).version);
    await indexer.stockChanged(stockChanged(0, start + 4));
    expect(bumps()).toBe(3); // sold out
  });

  it('sends a document Elasticsearch refuses to the DLQ at once, and retries an outage', async () => {
    const { indexer, store } = setup(0);
    const refusal = (statusCode: number, type: string) =>
      new errors.ResponseError({
        statusCode,
        body: { error: { type } },
        headers: {},
        warnings: null,
        meta: {} as never,
      });
    const failWith = (error: Error) => jest.spyOn(store, 'apply').mockRejectedValueOnce(error);

    failWith(refusal(400, 'document_parsing_exception'));
    await expect(indexer.productChanged(created())).rejects.toBeInstanceOf(NonRetryableError);
    for (const retryable of [
      refusal(429, 'es_rejected_execution_exception'),
      refusal(503, 'unavailable'),
      refusal(404, 'index_not_found_exception'),
    ]) {
      failWith(retryable);
      const attempt = indexer.productChanged(created());
      await expect(attempt).rejects.toBe(retryable);
    }
  });

  it('bumps the version for an event that changed nothing, as a redelivery on another replica may be that retry', async () => {
    const { indexer, version } = setup(0);
    const event = created();
    await indexer.productChanged(event);
    await indexer.productChanged(event);
    expect(version.changed).toHaveBeenCalledTimes(2);
  });
});
