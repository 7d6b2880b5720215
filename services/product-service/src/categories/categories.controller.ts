import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@ecommerce/auth';
import { ApiProblems, JSON_CONTENT_TYPE } from '@ecommerce/http';
import { CategoriesService } from './categories.service';
import { CategoryResponse, CreateCategoryDto } from './dto';

@ApiTags('categories')
@Controller('api/categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Public()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiOkResponse({
    type: [CategoryResponse],
    description: 'Top-level categories, each with its children, sorted by name.',
  })
  tree(): Promise<string> {
    return this.categories.treeJson();
  }

  @ApiProblems(409, 422, 503)
  @Post()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: CategoryResponse })
  create(@Body() dto: CreateCategoryDto) {
    return this.categories.create(dto);
  }
}
