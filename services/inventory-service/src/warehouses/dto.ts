import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO31661Alpha2, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upperCased = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class CreateWarehouseDto {
  @ApiProperty({
    example: 'LON-1',
    description: 'Unique, case-insensitive; stored upper-case. Letters, digits, "-" and "_".',
    minLength: 1,
    maxLength: 32,
    pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$',
  })
  @Transform(upperCased)
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, { message: 'code must be 1-32 letters, digits, "-" or "_"' })
  code!: string;

  @ApiProperty({
    example: 'London East',
    minLength: 1,
    maxLength: 100,
    pattern: '^\\s*\\S[\\s\\S]*$',
    description: 'Trimmed',
  })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2', pattern: '^[A-Za-z]{2}$' })
  @Transform(upperCased)
  @IsISO31661Alpha2()
  country!: string;
}
