import { isUniqueViolation, pgErrorCode, PgErrorCode, type Tx } from '@ecommerce/database';
import type { QueryDeepPartialEntity } from 'typeorm';
import { CategoryErrors } from '../categories/categories.errors';
import { ProductEntity } from './product.entity';
import type { ProductFields, ProductPatch } from './product-rules';
import { ProductErrors } from './products.errors';

/** The category and every category below it (categories never form a cycle; UNION stops one anyway). */
const CATEGORY_SCOPE = `
  WITH RECURSIVE scope(id) AS (
    SELECT id FROM categories WHERE id = :categoryId
    UNION
    SELECT c.id FROM categories c JOIN scope s ON c.parent_id = s.id
  )
  SELECT id FROM scope`;

function toColumns(fields: ProductPatch): Partial<ProductEntity> {
  const { price, ...rest } = fields;
  return { ...rest, ...(price ? { priceAmount: price.amount, priceCurrency: price.currency } : {}) };
}

function translate(error: unknown, sku: string | undefined): never {
  if (isUniqueViolation(error, 'products_sku_key')) throw ProductErrors.skuTaken(sku ?? '');
  if (pgErrorCode(error) === PgErrorCode.foreignKeyViolation) throw CategoryErrors.notFound();
  throw error;
}

/** Data access for products; every method runs on the caller's transaction or manager. */
export const ProductsRepository = {
  /** Inserts and reads the row back, so the caller holds exactly what PostgreSQL stored (jsonb key order, timestamps). */
  async insert(tx: Tx, fields: ProductFields): Promise<ProductEntity> {
    let id: string;
    try {
      ({ id } = await tx.save(tx.create(ProductEntity, { ...toColumns(fields), active: true })));
    } catch (error) {
      translate(error, fields.sku);
    }
    return tx.findOneOrFail(ProductEntity, { where: { id } });
  },

  async update(tx: Tx, id: string, changes: ProductPatch): Promise<ProductEntity> {
    try {
      // jsonb documents (attributes, prices) are replaced whole; TypeORM's deep-partial type cannot say so.
      const values = {
        ...toColumns(changes),
        updatedAt: () => 'now()',
      } as QueryDeepPartialEntity<ProductEntity>;
      await tx.update(ProductEntity, { id }, values);
    } catch (error) {
      translate(error, changes.sku);
    }
    return tx.findOneOrFail(ProductEntity, { where: { id } });
  },

  async deactivate(tx: Tx, id: string): Promise<void> {
    await tx.update(ProductEntity, { id }, { active: false, updatedAt: () => 'now()' });
  },

  /**
   * Whether another product holds this SKU (any case). Checked before writing so a duplicate is a
   * clean 409 rather than a failed statement in the logs; the unique index still decides races.
   */
  skuTaken(tx: Tx, sku: string, exceptId?: string): Promise<boolean> {
    const query = tx.createQueryBuilder(ProductEntity, 'p').where('lower(p.sku) = lower(:sku)', { sku });
    if (exceptId) query.andWhere('p.id <> :exceptId', { exceptId });
    return query.getExists();
  },

  findActive: (tx: Tx, id: string): Promise<ProductEntity | null> =>
    tx.findOne(ProductEntity, { where: { id, active: true } }),

  /** The row, deleted or not, locked until the transaction ends: writes to one product are serialised. */
  findForUpdate: (tx: Tx, id: string): Promise<ProductEntity | null> =>
    tx.findOne(ProductEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }),

  /** One page of active products, oldest first (a stable order, so paging through the catalog misses nothing). */
  async page(
    tx: Tx,
    query: { offset: number; limit: number; categoryId?: string },
  ): Promise<[ProductEntity[], number]> {
    const builder = tx.createQueryBuilder(ProductEntity, 'p').where('p.active = true');
    if (query.categoryId)
      builder.andWhere(`p.category_id IN (${CATEGORY_SCOPE})`, { categoryId: query.categoryId });
    return builder
      .orderBy('p.createdAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
  },
};
