import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One exchange rate from a base currency. `rate` is PostgreSQL numeric, read back as the exact string. */
@Entity('fx_rates')
export class FxRateEntity {
  @PrimaryColumn('char', { length: 3 })
  base!: string;

  @PrimaryColumn('char', { length: 3 })
  currency!: string;

  @Column('numeric')
  rate!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
