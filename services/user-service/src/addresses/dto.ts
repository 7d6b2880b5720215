import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO31661Alpha2, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Values are trimmed first, so a required one of only spaces is empty: it needs a visible character.
const VISIBLE = '\\S';

export class CreateAddressDto {
  @ApiProperty({ example: '1 Analytical Way', minLength: 1, maxLength: 200, pattern: VISIBLE })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  line1!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Left out, null or empty: none' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  line2?: string;

  @ApiProperty({ example: 'London', minLength: 1, maxLength: 100, pattern: VISIBLE })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  city!: string;

  @ApiProperty({ example: 'NW1 6XE', minLength: 1, maxLength: 20, pattern: VISIBLE })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  postalCode!: string;

  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2', pattern: '^\\s*[A-Za-z]{2}\\s*$' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsISO31661Alpha2()
  country!: string;
}

export class AddressViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() line1!: string;
  @ApiPropertyOptional() line2?: string;
  @ApiProperty() city!: string;
  @ApiProperty() postalCode!: string;
  @ApiProperty({ example: 'GB' }) country!: string;
}
