import { Body, Controller, Get, Header, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentUser, Public, type AuthUser } from '@ecommerce/auth';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto, RegisterDto, TokenPairView } from './dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ description: 'The new customer `{id, email, name, roles}`' })
  async register(@Body() dto: RegisterDto) {
    const { id, email, name, roles } = await this.auth.register(dto);
    return { id, email, name, roles };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairView })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins for this account: wait `Retry-After` seconds',
  })
  login(@Body() dto: LoginDto, @Ip() client: string): Promise<TokenPairView> {
    return this.auth.login(dto, client);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairView })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  // Ends this session's refresh tokens and every access token of the user issued until now.
  async logout(@CurrentUser() user: AuthUser, @Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(user.id, dto.refreshToken);
  }

  @Public()
  @Get('jwks')
  // Verifiers cache the keys; five minutes bounds how long they keep trusting a key that was replaced.
  @Header('Cache-Control', 'public, max-age=300')
  jwks() {
    return this.auth.jwks();
  }
}
