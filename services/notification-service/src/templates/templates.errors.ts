import { DomainError } from '@ecommerce/http';

export const TemplateErrors = {
  notFound: (key: string) =>
    new DomainError('TEMPLATE_NOT_FOUND', 'not_found', `There is no template "${key}".`),
  badPlaceholders: (errors: Record<string, string[]>) =>
    new DomainError('VALIDATION_FAILED', 'invalid', 'The request is invalid; see `errors`.', { errors }),
};
