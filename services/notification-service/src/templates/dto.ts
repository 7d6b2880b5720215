import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH } from './template-catalog';

export class UpdateTemplateDto {
  @ApiProperty({
    example: 'Order {{orderId}} is confirmed',
    minLength: 1,
    maxLength: SUBJECT_MAX_LENGTH,
    pattern: '^[^\\r\\n]*\\S[^\\r\\n]*$',
    description: 'Plain text, one line',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(SUBJECT_MAX_LENGTH)
  @Matches(/^[^\r\n]*\S[^\r\n]*$/, { message: 'subject must be one line of text, not blank' })
  subject!: string;

  @ApiProperty({
    example: '<p>Thank you for your order {{orderId}}.</p>',
    minLength: 1,
    maxLength: BODY_MAX_LENGTH,
    pattern: '\\S',
    description: 'HTML; placeholder values are escaped',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(BODY_MAX_LENGTH)
  @Matches(/\S/, { message: 'body must not be blank' })
  body!: string;
}
