import { DomainError } from '@ecommerce/http';

export const CategoryErrors = {
  slugTaken: (slug: string) =>
    new DomainError('CATEGORY_SLUG_TAKEN', 'conflict', `A category with the slug "${slug}" already exists.`, {
      extensions: { slug },
    }),
  parentNotFound: () =>
    new DomainError('CATEGORY_PARENT_NOT_FOUND', 'unprocessable', 'The parent category does not exist.', {
      errors: { parentId: ['no category has this id'] },
    }),
  notFound: () =>
    new DomainError('CATEGORY_NOT_FOUND', 'unprocessable', 'The category does not exist.', {
      errors: { categoryId: ['no category has this id'] },
    }),
};
