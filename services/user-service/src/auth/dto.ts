import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@ecommerce/contracts';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com', format: 'email', maxLength: 254 })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 256, example: 'correct horse battery' })
  @IsString()
  @MinLength(10)
  // argon2 of a megabyte-long password is a cheap way to burn our CPU: cap it.
  @MaxLength(256)
  password!: string;

  // Trimmed first: a name of only spaces is empty, hence the pattern asking for a visible character.
  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100, pattern: '\\S' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: 256 })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ minLength: 1, maxLength: 512 })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  refreshToken!: string;
}

export class TokenPairView {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ type: 'integer', minimum: 1, description: 'access token lifetime in seconds' })
  expiresIn!: number;
}

export class RegisteredView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['customer'] }) roles!: Role[];
}

export class JwksView {
  @ApiProperty({
    description: 'The public keys that verify access tokens (RFC 7517)',
    type: 'array',
    items: { type: 'object', required: ['kty'], properties: { kty: { type: 'string' } } },
  })
  keys!: object[];
}
