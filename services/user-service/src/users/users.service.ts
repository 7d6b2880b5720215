import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '@ecommerce/database';
import type { Role } from '@ecommerce/contracts';
import { offsetOf, type Page } from '@ecommerce/http';
import { Outbox } from '@ecommerce/messaging';
import { SessionRevocations } from '../auth/session-revocations';
import { toUserView, type UserEntity, type UserView } from './user.entity';
import { UserErrors } from './users.errors';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
    private readonly sessions: SessionRevocations,
  ) {}

  async get(userId: string): Promise<UserView> {
    const user = await UsersRepository.findById(this.db.manager, userId);
    if (!user) throw UserErrors.notFound();
    return toUserView(user);
  }

  async rename(userId: string, name: string | undefined): Promise<UserView> {
    return this.db.transaction(async (tx) => {
      const user = await this.lockedUser(tx, userId);
      if (name !== undefined && name !== user.name) {
        user.name = name;
        await this.saveAndAnnounce(tx, user);
      }
      return toUserView(user);
    });
  }

  async list(query: { page: number; limit: number }): Promise<Page<UserView>> {
    const [users, total] = await UsersRepository.page(this.db.manager, offsetOf(query), query.limit);
    return { items: users.map(toUserView), page: query.page, limit: query.limit, total };
  }

  async changeRoles(userId: string, roles: Role[]): Promise<UserView> {
    return this.db.transaction(async (tx) => {
      // Serialise role changes so two admins demoting each other cannot leave the shop without one.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('user-service:roles'))`);
      const user = await this.lockedUser(tx, userId);
      if (
        user.roles.includes('admin') &&
        !roles.includes('admin') &&
        (await UsersRepository.countAdmins(tx)) <= 1
      ) {
        throw UserErrors.lastAdmin();
      }
      const before = [...user.roles].sort().join();
      user.roles = [...roles].sort();
      await this.saveAndAnnounce(tx, user);
      // Tokens carrying the old roles must stop working everywhere, not in 15 minutes.
      if (user.roles.join() !== before) {
        await this.outbox.add(tx, {
          type: 'user.role-changed',
          aggregateId: user.id,
          data: { userId: user.id, roles: user.roles },
        });
      }
      return toUserView(user);
    });
  }

  /** An admin ends every session of the user: refresh tokens revoked, access tokens refused everywhere. */
  async endSessions(userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockedUser(tx, userId);
      await tx.query(
        `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
        [userId],
      );
      await this.sessions.revokeAccessTokens(tx, userId);
    });
  }

  private async lockedUser(tx: Tx, userId: string): Promise<UserEntity> {
    const user = await UsersRepository.findForUpdate(tx, userId);
    if (!user) throw UserErrors.notFound();
    return user;
  }

  private async saveAndAnnounce(tx: Tx, user: UserEntity): Promise<void> {
    await UsersRepository.save(tx, user);
    await this.outbox.add(tx, {
      type: 'user.updated',
      aggregateId: user.id,
      data: { userId: user.id, email: user.email, name: user.name, roles: user.roles },
    });
  }
}
