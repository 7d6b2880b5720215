import { Inject, Injectable } from '@nestjs/common';
import { Database, type Tx } from '@ecommerce/database';
import { CatalogCache } from '../cache/catalog-cache';
import { PRODUCT_SERVICE_CONFIG, type ProductServiceConfig } from '../config';
import type { FxRatesResponse } from './dto';
import { parseFxTable, type FxTable } from './fx-table';
import { FxRatesRepository, type StoredFxTable } from './fx-rates.repository';

const toResponse = (table: StoredFxTable): FxRatesResponse => ({
  base: table.base,
  rates: { ...table.rates },
  updatedAt: table.updatedAt?.toISOString() ?? null,
});

@Injectable()
export class FxRatesService {
  private readonly base: string;

  constructor(
    private readonly db: Database,
    private readonly cache: CatalogCache,
    @Inject(PRODUCT_SERVICE_CONFIG) config: ProductServiceConfig,
  ) {
    this.base = config.BASE_CURRENCY;
  }

  /** The table as JSON text, from the read cache. */
  async currentJson(): Promise<string> {
    const { keys } = this.cache;
    const json = await this.cache.getOrLoad('fx-rates', keys.fxRates(), [keys.fxVersion()], async () =>
      JSON.stringify(toResponse(await FxRatesRepository.load(this.db.manager, this.base))),
    );
    return json ?? JSON.stringify(toResponse({ base: this.base, rates: {}, updatedAt: null }));
  }

  /** The table for price conversion, read on a cache miss of a priced answer. */
  table(tx: Tx): Promise<FxTable> {
    return FxRatesRepository.load(tx, this.base);
  }

  async replace(input: { base: string; rates: Record<string, unknown> }): Promise<FxRatesResponse> {
    const table = parseFxTable(input, this.base);
    // Every priced answer depends on the FX version: product pages, list pages and the table itself.
    const versions = [this.cache.keys.fxVersion()];
    const stored = await this.db.transaction(async (tx) => {
      // One writer at a time, so two admins' tables never interleave into a mix of both.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('product-service:fx-rates'))`);
      await FxRatesRepository.replace(tx, table);
      const saved = await FxRatesRepository.load(tx, this.base);
      await this.cache.invalidateBeforeCommit(versions);
      return saved;
    });
    await this.cache.invalidateAfterCommit(versions);
    return toResponse(stored);
  }
}
