import { Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { offsetOf, type Page } from '@ecommerce/http';
import type { CreateWarehouseDto } from './dto';
import { toWarehouseView, type WarehouseView } from './warehouse.entity';
import { WarehousesRepository } from './warehouses.repository';

@Injectable()
export class WarehousesService {
  constructor(private readonly db: Database) {}

  async create(dto: CreateWarehouseDto): Promise<WarehouseView> {
    const warehouse = await WarehousesRepository.insert(this.db.manager, dto);
    return toWarehouseView(warehouse);
  }

  async list(query: { page: number; limit: number }): Promise<Page<WarehouseView>> {
    const [warehouses, total] = await WarehousesRepository.page(
      this.db.manager,
      offsetOf(query),
      query.limit,
    );
    return { items: warehouses.map(toWarehouseView), page: query.page, limit: query.limit, total };
  }
}
