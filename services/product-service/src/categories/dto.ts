import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCategoryDto {
  @ApiProperty({ example: 'Headphones' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'headphones', description: 'Lower-case words joined by hyphens; unique.' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case letters and digits joined by single hyphens',
  })
  slug!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Absent or null for a top-level category.',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class CategoryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Headphones' })
  name!: string;

  @ApiProperty({ example: 'headphones' })
  slug!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ type: () => [CategoryResponse] })
  children!: CategoryResponse[];
}
