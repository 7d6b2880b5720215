import type { Tx } from '@ecommerce/database';
import type { EntityManager } from 'typeorm';
import { DEFAULT_PREFERENCES, type Preferences } from './preference-rules';

interface PreferenceRow {
  emailMarketing: boolean;
  inAppMarketing: boolean;
  inAppOrderUpdates: boolean;
}

const toPreferences = (row: PreferenceRow | undefined): Preferences =>
  row
    ? {
        email: { marketing: row.emailMarketing, orderUpdates: true },
        inApp: { marketing: row.inAppMarketing, orderUpdates: row.inAppOrderUpdates },
      }
    : DEFAULT_PREFERENCES;

export const PreferencesRepository = {
  /** A user's preferences, or the defaults for a user who never set any. */
  async find(db: EntityManager, userId: string): Promise<Preferences> {
    const rows: PreferenceRow[] = await db.query(
      `SELECT email_marketing AS "emailMarketing", in_app_marketing AS "inAppMarketing", in_app_order_updates AS "inAppOrderUpdates"
         FROM preferences WHERE user_id = $1`,
      [userId],
    );
    return toPreferences(rows[0]);
  },

  async save(tx: Tx, userId: string, preferences: Preferences): Promise<Preferences> {
    const rows: PreferenceRow[] = await tx.query(
      `INSERT INTO preferences (user_id, email_marketing, in_app_marketing, in_app_order_updates) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE
         SET email_marketing = excluded.email_marketing, in_app_marketing = excluded.in_app_marketing,
             in_app_order_updates = excluded.in_app_order_updates, updated_at = now()
       RETURNING email_marketing AS "emailMarketing", in_app_marketing AS "inAppMarketing", in_app_order_updates AS "inAppOrderUpdates"`,
      [userId, preferences.email.marketing, preferences.inApp.marketing, preferences.inApp.orderUpdates],
    );
    return toPreferences(rows[0]);
  },
};
