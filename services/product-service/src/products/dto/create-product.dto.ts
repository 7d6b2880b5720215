import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
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

export class CreateProductDto {
  @ApiProperty({ example: 'AUR-HP-001' })
  @SkuField()
  sku!: string;

  @ApiProperty({ example: 'Aurora Wireless Noise-Cancelling Headphones' })
  @NameField()
  name!: string;

  @ApiProperty({ example: 'Over-ear headphones with 30 hours of battery.' })
  @DescriptionField()
  description!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for an uncategorised product.',
  })
  @ValidateIf((_object: object, value: unknown) => value !== null)
  @CategoryIdField()
  categoryId!: string | null;

  @ApiProperty({ type: MoneyDto, description: 'The base price, in the base currency.' })
  @PriceField()
  price!: MoneyDto;

  @ApiPropertyOptional({
    type: [MoneyDto],
    description: 'Explicit prices in other currencies; they win over FX conversion.',
  })
  @IsOptional()
  @PricesField()
  prices?: MoneyDto[];

  @ApiPropertyOptional({ type: [String], example: ['https://example.com/images/aurora.jpg'] })
  @IsOptional()
  @ImagesField()
  images?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { color: 'black', wireless: true },
  })
  @IsOptional()
  @AttributesField()
  attributes?: Record<string, unknown>;
}
