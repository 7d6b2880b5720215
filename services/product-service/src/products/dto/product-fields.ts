import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MoneyDto } from './money.dto';

/**
 * The validation of each product field, shared by the create and the update body so the two can
 * never disagree about what a valid name or price is.
 */
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const SkuField = () =>
  applyDecorators(
    IsString(),
    Matches(SKU_PATTERN, {
      message: 'sku must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
    }),
  );
export const NameField = () => applyDecorators(Transform(trim), IsString(), MinLength(1), MaxLength(200));
export const DescriptionField = () => applyDecorators(IsString(), MaxLength(10_000));
export const CategoryIdField = () => IsUUID(undefined, { message: 'categoryId must be a UUID or null' });
export const PriceField = () =>
  applyDecorators(
    IsObject(),
    ValidateNested(),
    Type(() => MoneyDto),
  );
export const PricesField = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => MoneyDto),
  );
export const ImagesField = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(20),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { each: true, message: 'each image must be an http(s) URL' },
    ),
    MaxLength(2048, { each: true }),
  );
export const AttributesField = () => IsObject();
