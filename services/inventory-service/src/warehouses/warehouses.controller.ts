import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ecommerce/auth';
import { ApiProblems, PageQuery } from '@ecommerce/http';
import { CreateWarehouseDto } from './dto';
import { WarehousesService } from './warehouses.service';

@ApiTags('inventory')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/inventory/warehouses')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Get()
  @ApiOkResponse({
    description: 'A page of warehouses: `{items: [{id, code, name, country}], page, limit, total}`',
  })
  list(@Query() query: PageQuery) {
    return this.warehouses.list(query);
  }

  @ApiProblems(409)
  @ApiCreatedResponse({ description: 'The warehouse: `{id, code, name, country}`' })
  @Post()
  create(@Body() dto: CreateWarehouseDto) {
    return this.warehouses.create(dto);
  }
}
