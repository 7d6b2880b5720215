import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from './money.dto';

/** The product as the API returns it (documentation of ProductSnapshot for OpenAPI). */
export class ProductResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'AUR-HP-001' }) sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId!: string | null;
  @ApiProperty({ type: MoneyDto, description: 'In the asked currency, else the base currency.' })
  price!: MoneyDto;
  @ApiProperty({ type: [MoneyDto] }) prices!: MoneyDto[];
  @ApiProperty({ type: [String] }) images!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes!: Record<string, unknown>;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProductPageResponse {
  @ApiProperty({ type: [ProductResponse] }) items!: ProductResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ example: 312 }) total!: number;
}
