import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@ecommerce/auth';
import { ApiProblems, ApiUuidParam, JSON_CONTENT_TYPE, UuidParam } from '@ecommerce/http';
import {
  SearchQueryDto,
  SearchResultView,
  SimilarProductsView,
  SuggestionsView,
  SuggestQueryDto,
} from './dto';
import { SearchService } from './search.service';
import { SimilarProductsService } from './similar-products.service';
import { SuggestionsService } from './suggestions.service';

@ApiTags('search')
@Controller('api/search')
export class SearchController {
  constructor(
    private readonly searches: SearchService,
    private readonly suggestions: SuggestionsService,
    private readonly similarProducts: SimilarProductsService,
  ) {}

  @ApiProblems(503)
  @Get()
  @Public()
  @ApiOkResponse({ type: SearchResultView })
  @Header('Content-Type', JSON_CONTENT_TYPE)
  search(@Query() query: SearchQueryDto) {
    return this.searches.search(query);
  }

  @ApiProblems(503)
  @Get('suggest')
  @Public()
  @ApiOkResponse({ type: SuggestionsView })
  @Header('Content-Type', JSON_CONTENT_TYPE)
  suggest(@Query() query: SuggestQueryDto) {
    return this.suggestions.suggest(query.q);
  }

  @ApiProblems(503)
  @Get('products/:id/similar')
  @Public()
  @ApiOkResponse({ type: SimilarProductsView })
  @Header('Content-Type', JSON_CONTENT_TYPE)
  @ApiUuidParam('id')
  similar(@Param('id', UuidParam) id: string) {
    return this.similarProducts.similar(id);
  }
}
