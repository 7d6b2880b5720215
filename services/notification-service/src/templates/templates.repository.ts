import type { Tx } from '@ecommerce/database';
import type { EntityManager } from 'typeorm';
import type { TemplateText } from './default-templates';

export interface StoredTemplate extends TemplateText {
  key: string;
  updatedAt: Date;
  updatedBy: string | null;
}

const COLUMNS = `key, subject, body, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

export const TemplatesRepository = {
  async all(db: EntityManager): Promise<StoredTemplate[]> {
    return db.query(`SELECT ${COLUMNS} FROM templates ORDER BY key`);
  },

  async find(db: EntityManager, key: string): Promise<StoredTemplate | undefined> {
    const rows: StoredTemplate[] = await db.query(`SELECT ${COLUMNS} FROM templates WHERE key = $1`, [key]);
    return rows[0];
  },

  async update(
    tx: Tx,
    key: string,
    text: TemplateText,
    adminId: string,
  ): Promise<StoredTemplate | undefined> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows] = (await tx.query(
      `UPDATE templates SET subject = $2, body = $3, updated_by = $4, updated_at = now() WHERE key = $1 RETURNING ${COLUMNS}`,
      [key, text.subject, text.body, adminId],
    )) as [StoredTemplate[], number];
    return rows[0];
  },
};
