import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString } from 'class-validator';

export class PutFxRatesDto {
  @ApiProperty({ example: 'EUR', description: 'Must be the configured base currency.' })
  @IsString()
  base!: string;

  @ApiProperty({
    example: { USD: '1.0835', GBP: '0.8571', JPY: '161.2' },
    description: 'Units of each currency per unit of the base, as decimal strings. Replaces the whole table.',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsObject()
  rates!: Record<string, unknown>;
}

export class FxRatesResponse {
  @ApiProperty({ example: 'EUR' })
  base!: string;

  @ApiProperty({
    example: { USD: '1.0835', GBP: '0.8571' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  rates!: Record<string, string>;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the table was last replaced.',
  })
  updatedAt!: string | null;
}
