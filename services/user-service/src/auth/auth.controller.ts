import { Body, Controller, Get, Header, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public, type AuthUser } from '@ecommerce/auth';
import { ApiProblems } from '@ecommerce/http';
import { AuthService } from './auth.service';
import { JwksView, LoginDto, RefreshDto, RegisteredView, RegisterDto, TokenPairView } from './dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: RegisteredView, description: 'The new customer' })
  @ApiProblems(409)
  async register(@Body() dto: RegisterDto) {
    const { id, email, name, roles } = await this.auth.register(dto);
    return { id, email, name, roles };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairView })
  // 401: wrong email or password; 429: too many failed logins for this account (see Retry-After).
  @ApiProblems(401, 429)
  login(@Body() dto: LoginDto, @Ip() client: string): Promise<TokenPairView> {
    return this.auth.login(dto, client);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairView })
  @ApiProblems(401)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Logged out' })
  // Ends this session's refresh tokens and every access token of the user issued until now.
  async logout(@CurrentUser() user: AuthUser, @Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(user.id, dto.refreshToken);
  }

  @Public()
  @Get('jwks')
  // Verifiers cache the keys; five minutes bounds how long they keep trusting a key that was replaced.
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: JwksView })
  jwks() {
    return this.auth.jwks();
  }
}
