import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ecommerce/auth';
import { PageQuery } from '@ecommerce/http';
import { CreateWarehouseDto } from './dto';
import { WarehousesService } from './warehouses.service';

@ApiTags('inventory')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/inventory/warehouses')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  list(@Query() query: PageQuery) {
    return this.warehouses.list(query);
  }

  @Post()
  create(@Body() dto: CreateWarehouseDto) {
    return this.warehouses.create(dto);
  }
}
