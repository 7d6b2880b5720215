import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { Outbox } from '@ecommerce/messaging';
import { REDIS } from '@ecommerce/redis';
import type Redis from 'ioredis';
import type { JWK } from 'jose';
import { USER_SERVICE_CONFIG, type UserServiceConfig } from '../config';
import { normalizeEmail, toUserView, type UserEntity, type UserView } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { signAccessToken } from './access-tokens';
import { AuthErrors } from './auth.errors';
import type { LoginDto, RegisterDto, TokenPairView } from './dto';
import { LoginThrottle } from './login-throttle';
import { DECOY_HASH, PasswordHasher } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';
import { SessionRevocations } from './session-revocations';
import { SIGNING_KEYS } from './signing-key.module';
import type { SigningKeys } from './signing-keys';

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    @Inject(REDIS) redis: Redis,
    @Inject(USER_SERVICE_CONFIG) private readonly config: UserServiceConfig,
    @Inject(SIGNING_KEYS) private readonly signingKeys: SigningKeys,
    private readonly sessions: SessionRevocations,
  ) {
    this.throttle = new LoginThrottle(redis, {
      maxFailuresPerClient: config.LOGIN_MAX_FAILURES_PER_CLIENT,
      freeFailuresPerAccount: config.LOGIN_FREE_FAILURES_PER_ACCOUNT,
      delayBaseSeconds: config.LOGIN_DELAY_BASE_SECONDS,
      delayMaxSeconds: config.LOGIN_DELAY_MAX_SECONDS,
      failureWindowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
      knownClientDays: config.LOGIN_KNOWN_CLIENT_DAYS,
    });
  }

  /** The current key and, after a rotation, the previous one, so tokens it signed still verify. */
  jwks(): { keys: JWK[] } {
    return { keys: this.signingKeys.publicJwks };
  }

  /** Creates a customer and, in the same transaction, the `user.registered` event. */
  async register(dto: RegisterDto): Promise<UserView> {
    const passwordHash = await PasswordHasher.hash(dto.password);
    const user = await this.db.transaction(async (tx) => {
      const created = await UsersRepository.insert(tx, {
        email: normalizeEmail(dto.email),
        name: dto.name,
        passwordHash,
        roles: ['customer'],
      });
      await this.outbox.add(tx, {
        type: 'user.registered',
        aggregateId: created.id,
        data: { userId: created.id, email: created.email, name: created.name },
      });
      return created;
    });
    return toUserView(user);
  }

  /** `client` is the caller's address; see LoginThrottle for what is limited per address and per account. */
  async login(dto: LoginDto, client: string): Promise<TokenPairView> {
    const email = normalizeEmail(dto.email);
    // The attempt is taken before the expensive hash check, so parallel guesses cannot overtake the count.
    const admission = await this.throttle.admit(email, client);
    if (!admission.allowed) throw AuthErrors.throttled(admission.retryAfterSeconds);

    const user = await UsersRepository.findByEmail(this.db.manager, email);
    const valid = await PasswordHasher.verify(user?.passwordHash ?? (await DECOY_HASH), dto.password);
    if (!user || !valid) throw AuthErrors.badCredentials();
    await this.throttle.succeeded(email, client);
    return this.issuePair(user, undefined);
  }

  /** Rotates a refresh token; presenting a spent one revokes its whole family (a stolen token is useless). */
  async refresh(refreshToken: string): Promise<TokenPairView> {
    const outcome = await this.db.transaction(async (tx) => {
      const spent = await RefreshTokens.spend(tx, refreshToken);
      if (spent.kind === 'reused') {
        // Whoever holds the stolen token may also hold access tokens of this user: end them all.
        await RefreshTokens.revokeFamily(tx, spent.familyId);
        await this.sessions.revokeAccessTokens(tx, spent.userId);
      }
      return spent;
    });
    if (outcome.kind === 'reused') throw AuthErrors.refreshTokenReused();
    if (outcome.kind === 'invalid') throw AuthErrors.invalidRefreshToken();
    const user = await UsersRepository.findById(this.db.manager, outcome.userId);
    if (!user) throw AuthErrors.invalidRefreshToken();
    return this.issuePair(user, outcome.familyId);
  }

  /**
   * Ends the session the refresh token belongs to (unknown or foreign tokens are ignored: no oracle)
   * and the user's access tokens issued until now, in every service; the user's other devices get
   * new access tokens from their own refresh tokens.
   */
  async logout(userId: string, refreshToken: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const familyId = await RefreshTokens.familyOf(tx, refreshToken, userId);
      if (familyId) await RefreshTokens.revokeFamily(tx, familyId);
      await this.sessions.revokeAccessTokens(tx, userId);
    });
  }

  private async issuePair(user: UserEntity, familyId: string | undefined): Promise<TokenPairView> {
    const [accessToken, refresh] = await Promise.all([
      signAccessToken(user, this.signingKeys.current, {
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        ttlSeconds: this.config.ACCESS_TOKEN_TTL_SECONDS,
      }),
      RefreshTokens.issue(this.db.manager, user.id, familyId, this.config.REFRESH_TOKEN_TTL_DAYS),
    ]);
    return {
      accessToken,
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    };
  }
}
