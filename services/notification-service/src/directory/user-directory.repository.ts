import type { Tx } from '@ecommerce/database';

export interface DirectoryUser {
  userId: string;
  email: string;
  name: string;
  roles: string[];
}

/** The local copies of other services' data this service needs: users (from user.events) and order owners. */
export const DirectoryRepository = {
  /** A registration: the roles stay as they are if a later update already arrived first. */
  async registered(tx: Tx, user: { userId: string; email: string; name: string }): Promise<void> {
    await tx.query(
      `INSERT INTO users (user_id, email, name) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, name = excluded.name, updated_at = now()`,
      [user.userId, user.email, user.name],
    );
  },

  /** The whole user as user-service announces it; events of one user arrive in order, so the last one wins. */
  async updated(tx: Tx, user: DirectoryUser): Promise<void> {
    await tx.query(
      `INSERT INTO users (user_id, email, name, roles) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, name = excluded.name, roles = excluded.roles, updated_at = now()`,
      [user.userId, user.email, user.name, user.roles],
    );
  },

  async find(tx: Tx, userId: string): Promise<DirectoryUser | undefined> {
    const rows: DirectoryUser[] = await tx.query(
      `SELECT user_id AS "userId", email, name, roles FROM users WHERE user_id = $1`,
      [userId],
    );
    return rows[0];
  },

  async admins(tx: Tx): Promise<DirectoryUser[]> {
    return tx.query(
      `SELECT user_id AS "userId", email, name, roles FROM users WHERE 'admin' = ANY (roles) ORDER BY user_id`,
    );
  },

  async rememberOrder(tx: Tx, orderId: string, userId: string): Promise<void> {
    await tx.query(
      `INSERT INTO orders (order_id, user_id) VALUES ($1, $2) ON CONFLICT (order_id) DO UPDATE SET user_id = excluded.user_id, updated_at = now()`,
      [orderId, userId],
    );
  },

  async orderOwner(tx: Tx, orderId: string): Promise<string | undefined> {
    const rows: { userId: string }[] = await tx.query(
      `SELECT user_id AS "userId" FROM orders WHERE order_id = $1`,
      [orderId],
    );
    return rows[0]?.userId;
  },
};
