import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/**
 * Deepest page a list serves. Nobody pages through ten thousand pages by hand, and the bound keeps
 * `(page - 1) * limit` a small safe integer (an OFFSET PostgreSQL accepts, a `from` Elasticsearch
 * can be asked about) whatever a client sends.
 */
export const MAX_PAGE = 10_000;

const DECIMAL_INTEGER = /^\d{1,9}$/;

/**
 * A query parameter is a string: only plain decimal digits become a number. `1e306`, `0x10`, `1.0`,
 * ` 5`, `99999999999999999999` and repeated parameters stay as they are and fail `@IsInt()` or
 * `@Max()`, so absurd input is a 400 before any arithmetic happens.
 */
export const toQueryInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value;

/** `?page=&limit=` as API.md defines them: page from 1, limit default 20, at most 100. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Transform(toQueryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Transform(toQueryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;
}

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

export const offsetOf = (query: { page: number; limit: number }): number => (query.page - 1) * query.limit;
