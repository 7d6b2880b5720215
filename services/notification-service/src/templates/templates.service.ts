import { Injectable } from '@nestjs/common';
import { Database } from '@ecommerce/database';
import type { Page } from '@ecommerce/http';
import type { TemplateText } from './default-templates';
import { isTemplateKey, TEMPLATE_PLACEHOLDERS, type TemplateKey } from './template-catalog';
import { templateProblems } from './template-renderer';
import { TemplateErrors } from './templates.errors';
import { TemplatesRepository, type StoredTemplate } from './templates.repository';

export interface TemplateView extends TemplateText {
  key: TemplateKey;
  placeholders: readonly string[];
  updatedAt: Date;
  updatedBy: string | null;
}

const toView = (template: StoredTemplate & { key: TemplateKey }): TemplateView => ({
  key: template.key,
  subject: template.subject,
  body: template.body,
  placeholders: TEMPLATE_PLACEHOLDERS[template.key],
  updatedAt: template.updatedAt,
  updatedBy: template.updatedBy,
});

@Injectable()
export class TemplatesService {
  constructor(private readonly db: Database) {}

  /** Every template; there are few, so one page holds them all. */
  async list(): Promise<Page<TemplateView>> {
    const templates = (await TemplatesRepository.all(this.db.manager)).filter(
      (t): t is StoredTemplate & { key: TemplateKey } => isTemplateKey(t.key),
    );
    return { items: templates.map(toView), page: 1, limit: templates.length, total: templates.length };
  }

  /** Replaces a template's texts; notifications recorded from now on use them. */
  async update(key: string, text: TemplateText, adminId: string): Promise<TemplateView> {
    if (!isTemplateKey(key)) throw TemplateErrors.notFound(key);
    const errors: Record<string, string[]> = {};
    for (const field of ['subject', 'body'] as const) {
      const problems = templateProblems(text[field], TEMPLATE_PLACEHOLDERS[key]);
      if (problems.length > 0) errors[field] = problems;
    }
    if (Object.keys(errors).length > 0) throw TemplateErrors.badPlaceholders(errors);
    const updated = await this.db.transaction((tx) => TemplatesRepository.update(tx, key, text, adminId));
    if (!updated) throw TemplateErrors.notFound(key);
    return toView({ ...updated, key });
  }
}
