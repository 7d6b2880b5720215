import type { Money } from '@ecommerce/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';

/** node-postgres reads bigint as a string; amounts are capped well below 2^53, so a number is exact. */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity('products')
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Kept as typed; unique case-insensitively (index on lower(sku)), deleted products included. */
  @Column('text')
  sku!: string;

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  @Column('uuid', { name: 'category_id', nullable: true })
  categoryId!: string | null;

  /** The base price, in minor units of `priceCurrency` (the configured base currency). */
  @Column('bigint', { name: 'price_amount', transformer: bigintAsNumber })
  priceAmount!: number;

  @Column('char', { name: 'price_currency', length: 3 })
  priceCurrency!: string;

  /** Explicit prices in other currencies, sorted by currency. */
  @Column('jsonb')
  prices!: Money[];

  @Column('text', { array: true })
  images!: string[];

  @Column('jsonb')
  attributes!: Record<string, unknown>;

  /** false once deleted: kept for history (orders, events), hidden from every public read. */
  @Column('boolean')
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
