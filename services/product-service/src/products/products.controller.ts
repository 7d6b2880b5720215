import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public, Roles } from '@ecommerce/auth';
import { ApiProblems, ApiUuidParam, JSON_CONTENT_TYPE, UuidParam } from '@ecommerce/http';
import { CatalogReadsService } from './catalog-reads.service';
import { CreateProductDto } from './dto/create-product.dto';
import { CurrencyQuery, ListProductsQuery } from './dto/list-products.query';
import { ProductPageResponse, ProductResponse } from './dto/product.response';
import { UpdateProductDto } from './dto/update-product.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@Controller('api/products')
export class ProductsController {
  constructor(
    private readonly reads: CatalogReadsService,
    private readonly products: ProductsService,
  ) {}

  // 422: no price in the asked currency and no exchange rate to it.
  @ApiProblems(422)
  @Get()
  @Public()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOkResponse({
    type: ProductPageResponse,
    description: 'Active products, oldest first; `categoryId` includes its descendants.',
  })
  list(@Query() query: ListProductsQuery): Promise<string> {
    return this.reads.listJson(query);
  }

  @ApiProblems(422)
  @Get(':id')
  @Public()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOkResponse({ type: ProductResponse })
  @ApiUuidParam('id')
  get(@Param('id', UuidParam) id: string, @Query() query: CurrencyQuery): Promise<string> {
    return this.reads.productJson(id, query.currency);
  }

  @ApiProblems(409, 422, 503)
  @Post()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ProductResponse })
  create(@Body() dto: CreateProductDto) {
    return this.products.create(dto);
  }

  @ApiProblems(409, 422, 503)
  @Patch(':id')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ProductResponse })
  @ApiUuidParam('id')
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateProductDto) {
    return this.products.update(id, dto);
  }

  @ApiProblems(503)
  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Soft-deleted (also when it already was).' })
  @ApiUuidParam('id')
  remove(@Param('id', UuidParam) id: string): Promise<void> {
    return this.products.remove(id);
  }
}
