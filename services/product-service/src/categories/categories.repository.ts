import { isUniqueViolation, pgErrorCode, PgErrorCode, type Tx } from '@ecommerce/database';
import { CategoryEntity } from './category.entity';
import { CategoryErrors } from './categories.errors';

/** Data access for categories; every method runs on the caller's transaction or manager. */
export const CategoriesRepository = {
  async insert(
    tx: Tx,
    category: { name: string; slug: string; parentId: string | null },
  ): Promise<CategoryEntity> {
    try {
      return await tx.save(tx.create(CategoryEntity, category));
    } catch (error) {
      if (isUniqueViolation(error, 'categories_slug_key')) throw CategoryErrors.slugTaken(category.slug);
      if (pgErrorCode(error) === PgErrorCode.foreignKeyViolation) throw CategoryErrors.parentNotFound();
      throw error;
    }
  },

  /** Checked before inserting so a duplicate is a clean 409, not a failed statement in the logs. */
  slugTaken: (tx: Tx, slug: string): Promise<boolean> => tx.exists(CategoryEntity, { where: { slug } }),

  exists: (tx: Tx, id: string): Promise<boolean> => tx.exists(CategoryEntity, { where: { id } }),

  all: (tx: Tx): Promise<CategoryEntity[]> =>
    tx.find(CategoryEntity, { select: { id: true, name: true, slug: true, parentId: true } }),
};
