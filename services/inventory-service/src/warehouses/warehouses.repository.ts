import { isUniqueViolation, type Tx } from '@ecommerce/database';
import { WarehouseEntity } from './warehouse.entity';
import { WarehouseErrors } from './warehouses.errors';

/** Data access for warehouses; every method runs on the caller's transaction or manager. */
export const WarehousesRepository = {
  async insert(tx: Tx, warehouse: { code: string; name: string; country: string }): Promise<WarehouseEntity> {
    try {
      return await tx.save(tx.create(WarehouseEntity, warehouse));
    } catch (error) {
      if (isUniqueViolation(error, 'warehouses_code_key')) throw WarehouseErrors.codeTaken(warehouse.code);
      throw error;
    }
  },

  findById: (tx: Tx, id: string) => tx.findOne(WarehouseEntity, { where: { id } }),

  page: (tx: Tx, offset: number, limit: number) =>
    tx.findAndCount(WarehouseEntity, { order: { code: 'ASC' }, skip: offset, take: limit }),
};
