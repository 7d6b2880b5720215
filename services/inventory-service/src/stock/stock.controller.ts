import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '@ecommerce/auth';
import { ApiProblems, ApiUuidParam, PageQuery, UuidParam } from '@ecommerce/http';
import { SetOnHandDto, SetThresholdDto } from './dto';
import { StockService } from './stock.service';

// Registered after WarehousesController and with `low-stock` declared before `:productId`, so the
// literal paths win over the parameter.
@ApiTags('inventory')
@Controller('api/inventory')
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Get('low-stock')
  @ApiBearerAuth()
  @Roles('admin')
  lowStock(@Query() query: PageQuery) {
    return this.stock.lowStock(query);
  }

  @Get(':productId')
  @Public()
  @ApiUuidParam('productId')
  get(@Param('productId', UuidParam) productId: string) {
    return this.stock.get(productId);
  }

  @Get(':productId/movements')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiUuidParam('productId')
  movements(@Param('productId', UuidParam) productId: string, @Query() query: PageQuery) {
    return this.stock.movements(productId, query);
  }

  @ApiProblems(422)
  @Put(':productId/warehouses/:warehouseId')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiUuidParam('productId')
  @ApiUuidParam('warehouseId')
  setOnHand(
    @CurrentUser() admin: AuthUser,
    @Param('productId', UuidParam) productId: string,
    @Param('warehouseId', UuidParam) warehouseId: string,
    @Body() dto: SetOnHandDto,
  ) {
    return this.stock.setOnHand(admin.id, productId, warehouseId, dto.onHand);
  }

  @Put(':productId/threshold')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiUuidParam('productId')
  setThreshold(@Param('productId', UuidParam) productId: string, @Body() dto: SetThresholdDto) {
    return this.stock.setThreshold(productId, dto.threshold);
  }
}
