import { errors, type Client } from '@elastic/elasticsearch';
import { isIndexMissing } from '../elasticsearch/elasticsearch.errors';
import {
  isIndexOf,
  newIndexName,
  PRODUCT_MAPPINGS,
  productIndexSettings,
  type AnalysisProfile,
} from './index-definition';

export interface IndexAdminOptions {
  alias: string;
  refreshIntervalMs: number;
  replicas: number;
}

/** Index lifecycle behind the alias: create, find, swap, drop. Reads and writes only ever name the alias. */
export class IndexAdmin {
  private profile?: Promise<AnalysisProfile>;

  constructor(
    private readonly es: Client,
    private readonly options: IndexAdminOptions,
  ) {}

  get alias(): string {
    return this.options.alias;
  }

  /** The concrete index the alias points to, or undefined when there is no alias yet. */
  async currentIndex(): Promise<string | undefined> {
    try {
      const response = await this.es.indices.getAlias({ name: this.options.alias });
      return Object.keys(response)[0];
    } catch (error) {
      if (error instanceof errors.ResponseError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /** Creates a new, empty product index; with `withAlias` the alias points to it in the same call. */
  async createIndex(options: { withAlias?: boolean; now?: Date } = {}): Promise<string> {
    const index = newIndexName(this.options.alias, options.now);
    await this.es.indices.create({
      index,
      settings: productIndexSettings(await this.analysisProfile(), this.options),
      mappings: PRODUCT_MAPPINGS,
      ...(options.withAlias ? { aliases: { [this.options.alias]: {} } } : {}),
      wait_for_active_shards: 1,
    });
    return index;
  }

  /** Points the alias from `from` to `to` in one atomic `_aliases` call: searches never see neither or both. */
  async swapAlias(from: string | undefined, to: string): Promise<void> {
    const alias = this.options.alias;
    await this.es.indices.updateAliases({
      actions: [
        ...(from ? [{ remove: { index: from, alias, must_exist: true } }] : []),
        { add: { index: to, alias } },
      ],
    });
  }

  async refresh(index: string): Promise<void> {
    await this.es.indices.refresh({ index });
  }

  async deleteIndex(index: string): Promise<void> {
    try {
      await this.es.indices.delete({ index });
    } catch (error) {
      if (!isIndexMissing(error)) throw error;
    }
  }

  /** Indices of this alias's family other than `keep`: left behind by a rebuild that died. */
  async strayIndices(keep: (string | null | undefined)[]): Promise<string[]> {
    const response = await this.es.indices.get({
      index: `${this.options.alias}-v*`,
      allow_no_indices: true,
      ignore_unavailable: true,
    });
    return Object.keys(response).filter(
      (index) => isIndexOf(this.options.alias, index) && !keep.includes(index),
    );
  }

  /**
   * Whether the node has the analysis-common module (stemming, accent folding). Asked once: every
   * index this process creates uses the same analysis.
   */
  analysisProfile(): Promise<AnalysisProfile> {
    this.profile ??= this.es.indices
      .analyze({ tokenizer: 'standard', filter: ['asciifolding'], text: 'café' })
      .then((): AnalysisProfile => 'full')
      .catch((error: unknown): AnalysisProfile => {
        if (error instanceof errors.ResponseError && error.statusCode === 400) return 'core';
        this.profile = undefined;
        throw error;
      });
    return this.profile;
  }
}
