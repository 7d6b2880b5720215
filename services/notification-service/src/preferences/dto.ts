import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsDefined, IsObject, ValidateNested } from 'class-validator';

export class EmailPreferencesDto {
  @ApiProperty({ description: 'Mail nobody needs to complete a purchase, the welcome mail included' })
  @IsBoolean()
  marketing!: boolean;

  @ApiProperty({
    description: 'Order and payment mail is transactional and always sent: only true is accepted',
    enum: [true],
  })
  @Equals(true, {
    message: 'email.orderUpdates must be true: order and payment mail is transactional and always sent',
  })
  orderUpdates!: boolean;
}

export class InAppPreferencesDto {
  @ApiProperty()
  @IsBoolean()
  marketing!: boolean;

  @ApiProperty({ description: 'In-app copies of order and payment notifications' })
  @IsBoolean()
  orderUpdates!: boolean;
}

/** PUT replaces the whole set, so every field is required. */
export class PreferencesDto {
  @ApiProperty({ type: EmailPreferencesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EmailPreferencesDto)
  email!: EmailPreferencesDto;

  @ApiProperty({ type: InAppPreferencesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => InAppPreferencesDto)
  inApp!: InAppPreferencesDto;
}
