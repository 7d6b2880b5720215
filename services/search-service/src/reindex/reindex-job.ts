export type JobStatus = 'running' | 'succeeded' | 'failed';

export type JobPhase =
  | 'preparing'
  | 'copying-tombstones'
  | 'loading-products'
  | 'reconciling'
  | 'swapping'
  | 'cleaning-up'
  | 'done';

/** A rebuild as `GET /api/search/reindex/:jobId` shows it. */
export interface ReindexJob {
  jobId: string;
  status: JobStatus;
  phase: JobPhase;
  startedAt: string;
  finishedAt: string | null;
  /** The index the alias pointed to when the rebuild started (deleted once it is done). */
  previousIndex: string | null;
  newIndex: string | null;
  products: {
    /** Products read from product-service and written to the new index. */
    loaded: number;
    /** Items of product-service's list that did not match the product contract. */
    rejected: number;
    /** Live in the old index but missed by the paged read (the list shifted under it), fetched one by one. */
    reconciled: number;
    /** Tombstones and stock-only stubs carried over from the old index. */
    carriedOver: number;
  };
  stock: {
    fromInventory: number;
    /** inventory-service unreachable or without a record: the old index's value was kept. */
    fromPreviousIndex: number;
    unknown: number;
  };
  error: string | null;
}

export const newJob = (jobId: string, now: Date = new Date()): ReindexJob => ({
  jobId,
  status: 'running',
  phase: 'preparing',
  startedAt: now.toISOString(),
  finishedAt: null,
  previousIndex: null,
  newIndex: null,
  products: { loaded: 0, rejected: 0, reconciled: 0, carriedOver: 0 },
  stock: { fromInventory: 0, fromPreviousIndex: 0, unknown: 0 },
  error: null,
});
