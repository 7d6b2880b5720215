import { isUniqueViolation, type Tx } from '@ecommerce/database';
import type { Role } from '@ecommerce/contracts';
import { UserEntity } from './user.entity';
import { UserErrors } from './users.errors';

/** Data access for users; every method runs on the caller's transaction or manager. */
export const UsersRepository = {
  async insert(
    tx: Tx,
    user: { email: string; name: string; passwordHash: string; roles: Role[] },
  ): Promise<UserEntity> {
    try {
      const created = tx.create(UserEntity, user);
      return await tx.save(created);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw UserErrors.emailTaken();
      throw error;
    }
  },

  findByEmail: (tx: Tx, email: string) => tx.findOne(UserEntity, { where: { email } }),

  findById: (tx: Tx, id: string) => tx.findOne(UserEntity, { where: { id } }),

  findForUpdate: (tx: Tx, id: string) =>
    tx.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }),

  async page(tx: Tx, offset: number, limit: number): Promise<[UserEntity[], number]> {
    return tx.findAndCount(UserEntity, { order: { createdAt: 'ASC', id: 'ASC' }, skip: offset, take: limit });
  },

  countAdmins: (tx: Tx) => tx.createQueryBuilder(UserEntity, 'u').where(`'admin' = ANY(u.roles)`).getCount(),

  save: (tx: Tx, user: UserEntity) => tx.save(user),
};
