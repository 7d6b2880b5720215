import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@ecommerce/http';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** Longer texts are refused (400): nobody types them, and they only cost fuzzy-matching time. */
export const MAX_QUERY_LENGTH = 200;

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type Sort = (typeof SORTS)[number];

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class SearchQueryDto extends PageQuery {
  @ApiPropertyOptional({
    description: 'Free text; typos are tolerated. Empty: browse everything.',
    maxLength: MAX_QUERY_LENGTH,
    example: 'headphones',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_QUERY_LENGTH)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @ApiPropertyOptional({
    description: 'Lowest price, in minor units of the base currency (inclusive).',
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPrice?: number;

  @ApiPropertyOptional({
    description: 'Highest price, in minor units of the base currency (inclusive).',
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 5000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxPrice?: number;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  inStock?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: 'relevance' })
  @IsOptional()
  @IsIn(SORTS)
  sort: Sort = 'relevance';
}

export class SuggestQueryDto {
  @ApiPropertyOptional({
    description: 'The prefix typed so far.',
    maxLength: MAX_QUERY_LENGTH,
    example: 'head',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_QUERY_LENGTH)
  q?: string;
}

class MoneyView {
  @ApiProperty({ example: 4999, description: 'Integer minor units' })
  amount!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;
}

export class SearchItemView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: MoneyView })
  price!: MoneyView;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  categoryId!: string | null;

  @ApiProperty()
  inStock!: boolean;

  @ApiProperty({ description: 'Relevance score (higher is better)' })
  score!: number;
}

class CategoryFacetView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    description: 'The category name; its id when the name is not known (deleted, or never announced)',
  })
  name!: string;

  @ApiProperty()
  count!: number;
}

class PriceRangeFacetView {
  @ApiProperty({ description: 'Inclusive lower bound, minor units' })
  from!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Exclusive upper bound, minor units; null for the last range',
  })
  to!: number | null;

  @ApiProperty()
  count!: number;
}

class StockFacetView {
  @ApiProperty()
  true!: number;

  @ApiProperty()
  false!: number;
}

class FacetsView {
  @ApiProperty({ type: [CategoryFacetView] })
  categories!: CategoryFacetView[];

  @ApiProperty({ type: [PriceRangeFacetView] })
  priceRanges!: PriceRangeFacetView[];

  @ApiProperty({ type: StockFacetView })
  inStock!: StockFacetView;
}

export class SearchResultView {
  @ApiProperty({ type: [SearchItemView] })
  items!: SearchItemView[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty({
    type: FacetsView,
    description: 'Each facet counts the matches under every filter except its own.',
  })
  facets!: FacetsView;
}

class SuggestionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;
}

export class SuggestionsView {
  @ApiProperty({ type: [SuggestionView], maxItems: 10 })
  items!: SuggestionView[];
}

export class SimilarProductsView {
  @ApiProperty({ type: [SearchItemView], maxItems: 10 })
  items!: SearchItemView[];
}
