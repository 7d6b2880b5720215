import type { Tx } from '@ecommerce/database';
import { FxRateEntity } from './fx-rate.entity';
import type { FxTable } from './fx-table';

export interface StoredFxTable extends FxTable {
  updatedAt: Date | null;
}

/** Data access for FX rates; every method runs on the caller's transaction or manager. */
export const FxRatesRepository = {
  async load(tx: Tx, base: string): Promise<StoredFxTable> {
    const rows = await tx.find(FxRateEntity, { where: { base }, order: { currency: 'ASC' } });
    const updatedAt = rows.reduce<Date | null>(
      (latest, row) => (latest && latest > row.updatedAt ? latest : row.updatedAt),
      null,
    );
    return { base, rates: Object.fromEntries(rows.map((row) => [row.currency, row.rate])), updatedAt };
  },

  /** Replaces the whole table of `base`: a rate left out of the new table is gone. */
  async replace(tx: Tx, table: FxTable): Promise<void> {
    await tx.query(`DELETE FROM fx_rates WHERE base = $1`, [table.base]);
    const entries = Object.entries(table.rates);
    if (entries.length === 0) return;
    const values = entries
      .map((_, index) => `($1, $${index * 2 + 2}, $${index * 2 + 3}::numeric, now())`)
      .join(', ');
    await tx.query(`INSERT INTO fx_rates (base, currency, rate, updated_at) VALUES ${values}`, [
      table.base,
      ...entries.flat(),
    ]);
  },
};
