import { errors, type Client, type estypes } from '@elastic/elasticsearch';
import { isVersionConflict } from '../elasticsearch/elasticsearch.errors';
import {
  mergeDocument,
  sameSearchableContent,
  type DocumentUpdate,
  type SearchDocument,
} from './product-document';

/**
 * `versions-only`: newer data that no search can tell from what is stored (e.g. a stock change that
 * leaves the product in stock). It is not written, and no answer computed before it is stale.
 */
export type WriteOutcome = 'written' | 'versions-only' | 'unchanged';

interface StoredDocument {
  doc: SearchDocument;
  index: string;
  seqNo: number;
  primaryTerm: number;
}

// Two writers racing on one product (a product and a stock event, or a rebuild and a live event)
// settle within a couple of rounds; more means something is wrong, and the consumer retries later.
const MAX_ROUNDS = 8;

const isMissingDocument = (error: unknown): boolean =>
  error instanceof errors.ResponseError &&
  error.statusCode === 404 &&
  (error.body as { found?: boolean } | undefined)?.found === false;

/**
 * Reads and writes product documents with optimistic concurrency: read the document with its
 * sequence number, merge in TypeScript (newer data wins, see product-document.ts), and write only if
 * nobody wrote in between (`if_seq_no`/`if_primary_term`, or `create` for a new document); on a
 * conflict read again. No script runs in the cluster, so it also works on nodes without Painless.
 */
export class DocumentStore {
  constructor(private readonly es: Client) {}

  async apply(index: string, id: string, update: DocumentUpdate): Promise<WriteOutcome> {
    for (let round = 1; round <= MAX_ROUNDS; round += 1) {
      const stored = await this.read(index, id);
      const next = mergeDocument(id, stored?.doc, update);
      if (!next) return 'unchanged';
      // The stored versions only guard against redeliveries and stale events. Events of one product
      // arrive in the order they were published (one key, one partition), so a redelivered event
      // newer than the stored version can only carry what is stored: anything else would have been
      // written. Leaving such changes unwritten saves an Elasticsearch write for most stock changes
      // of a sale.
      if (stored && sameSearchableContent(stored.doc, next)) return 'versions-only';
      try {
        if (stored) {
          // Write to the concrete index that was read: a sequence number means nothing in another index.
          await this.es.index({
            index: stored.index,
            id,
            document: next,
            if_seq_no: stored.seqNo,
            if_primary_term: stored.primaryTerm,
          });
        } else {
          await this.es.create({ index, id, document: next });
        }
        return 'written';
      } catch (error) {
        if (!isVersionConflict(error)) throw error;
      }
    }
    throw new Error(`document ${id} in ${index} kept changing under ${MAX_ROUNDS} write attempts`);
  }

  /** Creates documents in bulk; those that already exist (written by a live event meanwhile) are returned for merging. */
  async createMany(
    index: string,
    docs: SearchDocument[],
  ): Promise<{ created: number; existing: SearchDocument[] }> {
    if (docs.length === 0) return { created: 0, existing: [] };
    const response = await this.es.bulk({
      operations: docs.flatMap((doc) => [{ create: { _index: index, _id: doc.id } }, doc]),
    });
    const existing: SearchDocument[] = [];
    let created = 0;
    response.items.forEach((item, i) => {
      const result = item.create;
      if (result?.status === 409) existing.push(docs[i]!);
      else if (result?.error)
        throw new Error(
          `bulk create into ${index} failed: ${result.error.type}: ${result.error.reason ?? ''}`,
        );
      else created += 1;
    });
    return { created, existing };
  }

  async getMany(index: string, ids: string[]): Promise<Map<string, SearchDocument>> {
    const found = new Map<string, SearchDocument>();
    if (ids.length === 0) return found;
    const response = await this.es.mget<SearchDocument>({ index, ids });
    for (const entry of response.docs) {
      if ('found' in entry && entry.found && entry._source) found.set(entry._id, entry._source);
    }
    return found;
  }

  /** Ids among `ids` that have a document (of any status) in `index`. */
  async existingIds(index: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const response = await this.es.mget({ index, ids, _source: false });
    return new Set(response.docs.flatMap((entry) => ('found' in entry && entry.found ? [entry._id] : [])));
  }

  /** Every document matching `query`, in batches, in id order (search_after: no scroll context to leak). */
  async *scan(
    index: string,
    query: estypes.QueryDslQueryContainer,
    batchSize = 500,
  ): AsyncGenerator<SearchDocument[]> {
    let after: estypes.SortResults | undefined;
    for (;;) {
      const response = await this.es.search<SearchDocument>({
        index,
        query,
        size: batchSize,
        sort: [{ id: { order: 'asc' } }],
        search_after: after,
      });
      const hits = response.hits.hits;
      if (hits.length > 0) yield hits.flatMap((hit) => (hit._source ? [hit._source] : []));
      if (hits.length < batchSize) return;
      after = hits[hits.length - 1]!.sort;
    }
  }

  async get(index: string, id: string): Promise<SearchDocument | undefined> {
    return (await this.read(index, id))?.doc;
  }

  private async read(index: string, id: string): Promise<StoredDocument | undefined> {
    try {
      const response = await this.es.get<SearchDocument>({ index, id });
      if (!response.found || !response._source) return undefined;
      return {
        doc: response._source,
        index: response._index,
        seqNo: response._seq_no!,
        primaryTerm: response._primary_term!,
      };
    } catch (error) {
      if (isMissingDocument(error)) return undefined;
      throw error;
    }
  }
}
