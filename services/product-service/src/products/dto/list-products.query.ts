import { applyDecorators } from '@nestjs/common';
import { CURRENCY_PATTERN } from '@ecommerce/contracts';
import { PageQuery } from '@ecommerce/http';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';

const CurrencyParam = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: 'USD',
      description: 'Show `price` in this currency (explicit price first, else converted with the FX rates).',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value)),
    IsString(),
    Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code such as USD' }),
  );

export class CurrencyQuery {
  @CurrencyParam()
  currency?: string;
}

export class ListProductsQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Products of this category and of all its descendants.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID()
  categoryId?: string;

  @CurrencyParam()
  currency?: string;
}
