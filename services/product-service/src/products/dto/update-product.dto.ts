import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalNotNull } from '@ecommerce/http';
import { IsOptional } from 'class-validator';
import { MoneyDto } from './money.dto';
import {
  AttributesField,
  CategoryIdField,
  DescriptionField,
  ImagesField,
  NameField,
  PriceField,
  PricesField,
  SkuField,
} from './product-fields';

/** Every field optional; `null` only for categoryId (uncategorise), anywhere else it is a 400. */
export class UpdateProductDto {
  @ApiPropertyOptional({ example: 'AUR-HP-001' })
  @OptionalNotNull()
  @SkuField()
  sku?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @NameField()
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @DescriptionField()
  description?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @CategoryIdField()
  categoryId?: string | null;

  @ApiPropertyOptional({ type: MoneyDto })
  @OptionalNotNull()
  @PriceField()
  price?: MoneyDto;

  @ApiPropertyOptional({ type: [MoneyDto], description: 'Replaces all explicit prices ([] removes them).' })
  @OptionalNotNull()
  @PricesField()
  prices?: MoneyDto[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @ImagesField()
  images?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Replaces all attributes.',
  })
  @OptionalNotNull()
  @AttributesField()
  attributes?: Record<string, unknown>;
}
