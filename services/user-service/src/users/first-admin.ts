import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import { createLogger } from '@ecommerce/observability';
import { PasswordHasher } from '../auth/password-hasher';
import { SERVICE_NAME, USER_SERVICE_CONFIG, type UserServiceConfig } from '../config';
import { normalizeEmail } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * Creates the shop's first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no user has that email.
 * Never changes an existing account, so restarting with the variables set is harmless.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly logger = createLogger(SERVICE_NAME);

  constructor(
    private readonly db: Database,
    @Inject(USER_SERVICE_CONFIG) private readonly config: UserServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return;
    const email = normalizeEmail(ADMIN_EMAIL);
    const passwordHash = await PasswordHasher.hash(ADMIN_PASSWORD);
    const created = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('user-service:first-admin'))`);
      if (await UsersRepository.findByEmail(tx, email)) return false;
      await UsersRepository.insert(tx, {
        email,
        name: 'Administrator',
        passwordHash,
        roles: ['admin', 'customer'],
      });
      return true;
    });
    if (created) this.logger.info({ email }, 'first admin created');
  }
}
