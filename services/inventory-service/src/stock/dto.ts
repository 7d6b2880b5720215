import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** Stock counts fit comfortably in PostgreSQL's integer, with room for reservations on top. */
export const MAX_QUANTITY = 1_000_000_000;

export class SetOnHandDto {
  @ApiProperty({
    example: 120,
    type: 'integer',
    minimum: 0,
    maximum: MAX_QUANTITY,
    description: 'Units physically in the warehouse',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  onHand!: number;
}

export class SetThresholdDto {
  @ApiProperty({
    example: 10,
    type: 'integer',
    minimum: 0,
    maximum: MAX_QUANTITY,
    description: 'Alert when availability falls to or below this',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  threshold!: number;
}
