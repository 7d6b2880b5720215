import type { Logger } from '@ecommerce/observability';
import type { CatalogVersion } from '../catalog-index/catalog-version';
import type { DocumentStore } from '../catalog-index/document-store';
import type { IndexAdmin } from '../catalog-index/index-admin';
import {
  composeDocument,
  productFacts,
  updateFromDocument,
  type DocumentUpdate,
  type SearchDocument,
} from '../catalog-index/product-document';
import type { RebuildTarget } from '../catalog-index/rebuild-target';
import { mapConcurrent, pause } from '../common/concurrency';
import type { ProductSource } from '../upstream/product-source';
import type { JobStore } from './job-store';
import type { ReindexJob } from './reindex-job';
import { StockLookup } from './stock-lookup';

export interface RebuildDeps {
  admin: IndexAdmin;
  store: DocumentStore;
  products: ProductSource;
  stockLookup: StockLookup;
  target: RebuildTarget;
  version: CatalogVersion;
  jobs: JobStore;
  logger: Logger;
  baseCurrency: string;
}

export interface RebuildTiming {
  /** How long the rebuild target stays set without being renewed (a dead rebuild lets go after it). */
  leaseMs: number;
  /** Time for in-flight event handlers and searches to finish around the two switch-overs. */
  graceMs: number;
}

const PAGE_SIZE = 100;
const STOCK_CONCURRENCY = 8;

interface Loaded {
  doc: SearchDocument;
  update: DocumentUpdate;
}

/**
 * One rebuild: a new index is filled from product-service (and inventory-service for stock) while
 * the event consumers keep both indices current, then the alias moves to it in one atomic call and
 * the old index is dropped. Searches keep using the old index, complete, until the swap.
 */
export class Rebuild {
  private previous?: string;
  private next?: string;
  /** Set the moment the `_aliases` call succeeds: from then on `next` is the live index. */
  private aliasMoved = false;

  constructor(
    private readonly deps: RebuildDeps,
    private readonly job: ReindexJob,
    private readonly timing: RebuildTiming,
    private readonly signal: AbortSignal,
  ) {}

  async run(): Promise<ReindexJob> {
    try {
      await this.prepare();
      await this.carryOverTombstones();
      await this.loadProducts();
      await this.reconcile();
      await this.swap();
      await this.cleanUp();
      this.job.status = 'succeeded';
      this.job.phase = 'done';
    } catch (error) {
      this.job.status = 'failed';
      this.job.error = error instanceof Error ? error.message : String(error);
      this.deps.logger.error(
        { err: error, jobId: this.job.jobId, phase: this.job.phase },
        'index rebuild failed',
      );
      await this.abandon();
    }
    this.job.finishedAt = new Date().toISOString();
    await this.deps.jobs.save(this.job);
    return this.job;
  }

  private async prepare(): Promise<void> {
    const { admin } = this.deps;
    this.previous = await admin.currentIndex();
    // Indices of rebuilds that died half-way are of no use to anyone.
    for (const stray of await admin.strayIndices([this.previous])) await admin.deleteIndex(stray);
    this.next = await admin.createIndex();
    Object.assign(this.job, { previousIndex: this.previous ?? null, newIndex: this.next });
    await this.deps.target.set(this.next, this.timing.leaseMs);
    await this.deps.jobs.save(this.job);
    // An event handler that looked for the target just before it was set is still writing only to the
    // old index; everything read from here on already includes its change.
    await pause(this.timing.graceMs, this.signal);
  }

  /** Tombstones and stock-only stubs carry versions the source APIs cannot give back. */
  private async carryOverTombstones(): Promise<void> {
    if (!this.previous) return;
    this.job.phase = 'copying-tombstones';
    for await (const docs of this.deps.store.scan(this.previous, {
      bool: { must_not: [{ term: { status: 'live' } }] },
    })) {
      await this.write(docs.map((doc) => ({ doc, update: updateFromDocument(doc) })));
      this.job.products.carriedOver += docs.length;
      await this.checkpoint();
    }
  }

  private async loadProducts(): Promise<void> {
    this.job.phase = 'loading-products';
    for (let page = 1; ; page += 1) {
      const { items, rejected, total } = await this.deps.products.page(page, PAGE_SIZE);
      const previousDocs = this.previous
        ? await this.deps.store.getMany(
            this.previous,
            items.map((item) => item.id),
          )
        : new Map();
      const loaded = await mapConcurrent(items, STOCK_CONCURRENCY, async (item): Promise<Loaded> => {
        const { stock, origin } = await this.deps.stockLookup.stockOf(item.id, previousDocs.get(item.id));
        this.countStock(origin);
        const update: DocumentUpdate = { product: productFacts(item, this.deps.baseCurrency), stock };
        return { doc: composeDocument(item.id, update.product, stock), update };
      });
      await this.write(loaded);
      this.job.products.loaded += items.length;
      this.job.products.rejected += rejected;
      await this.checkpoint();
      if (items.length + rejected === 0 || page * PAGE_SIZE >= total) return;
    }
  }

  /**
   * Paging through a list that changes under it can skip a product (a deletion shifts the pages).
   * Anything live in the old index but absent from the new one is asked for by id.
   */
  private async reconcile(): Promise<void> {
    if (!this.previous) return;
    this.job.phase = 'reconciling';
    for await (const docs of this.deps.store.scan(this.previous, { term: { status: 'live' } })) {
      const present = await this.deps.store.existingIds(
        this.next!,
        docs.map((doc) => doc.id),
      );
      for (const old of docs.filter((doc) => !present.has(doc.id))) {
        const product = await this.deps.products.product(old.id);
        if (!product) continue;
        const stock = updateFromDocument(old).stock;
        await this.deps.store.apply(this.next!, old.id, {
          product: productFacts(product, this.deps.baseCurrency),
          stock,
        });
        this.job.products.reconciled += 1;
      }
      await this.checkpoint();
    }
  }

  private async swap(): Promise<void> {
    this.job.phase = 'swapping';
    await this.deps.jobs.save(this.job);
    const { admin, target, version } = this.deps;
    await admin.refresh(this.next!);
    await admin.swapAlias(this.previous, this.next!);
    // Recorded before anything else can fail: the steps below only talk to Redis, and if one of them
    // fails the index they leave behind is the one every search now reads.
    this.aliasMoved = true;
    await target.clear();
    // Answers cached from the old index go too.
    await version.changed();
    this.deps.logger.info(
      { jobId: this.job.jobId, from: this.previous, to: this.next },
      'alias moved to the rebuilt index',
    );
  }

  private async cleanUp(): Promise<void> {
    if (!this.previous) return;
    this.job.phase = 'cleaning-up';
    // Searches and event handlers that resolved the alias before the swap finish on the old index first.
    await pause(this.timing.graceMs);
    await this.deps.admin.deleteIndex(this.previous);
  }

  /** New documents in bulk; where a live event got there first, merge instead (the newer data wins). */
  private async write(batch: Loaded[]): Promise<void> {
    const { existing } = await this.deps.store.createMany(
      this.next!,
      batch.map((entry) => entry.doc),
    );
    const updates = new Map(batch.map((entry) => [entry.doc.id, entry.update]));
    for (const doc of existing) await this.deps.store.apply(this.next!, doc.id, updates.get(doc.id)!);
  }

  private countStock(origin: 'inventory' | 'previous-index' | 'unknown'): void {
    if (origin === 'inventory') this.job.stock.fromInventory += 1;
    else if (origin === 'previous-index') this.job.stock.fromPreviousIndex += 1;
    else this.job.stock.unknown += 1;
  }

  /** Progress for the status endpoint, a renewed target lease, and the place a shutdown stops us. */
  private async checkpoint(): Promise<void> {
    this.signal.throwIfAborted();
    await this.deps.target.set(this.next!, this.timing.leaseMs);
    await this.deps.jobs.save(this.job);
  }

  /**
   * After a failure: the event consumers stop writing to the new index and it is dropped, unless the
   * alias points to it. That is asked of Elasticsearch as well, not only taken from `aliasMoved`: an
   * `_aliases` call that failed on its way back (a timeout) may still have been applied. When nobody
   * can tell, the index stays; the next rebuild deletes it unless it is the live one.
   */
  private async abandon(): Promise<void> {
    const next = this.next;
    if (!next) return;
    const { admin, target, logger } = this.deps;
    try {
      if ((await target.current()) === next) await target.clear();
      if (this.aliasMoved || (await admin.currentIndex()) === next) {
        logger.warn(
          { jobId: this.job.jobId, index: next },
          'the alias points to the rebuilt index; it stays',
        );
        return;
      }
      await admin.deleteIndex(next);
    } catch (error) {
      if (this.aliasMoved)
        logger.warn(
          { err: error, index: next },
          'could not clear the rebuild target; its lease runs out on its own',
        );
      else
        logger.warn({ err: error, index: next }, 'could not drop the abandoned index; the next rebuild will');
    }
  }
}
