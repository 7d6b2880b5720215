import { DomainError } from '@ecommerce/http';

export const UserErrors = {
  emailTaken: () => new DomainError('EMAIL_TAKEN', 'conflict', 'An account with this email already exists.'),
  notFound: () => new DomainError('USER_NOT_FOUND', 'not_found', 'No such user.'),
  lastAdmin: () => new DomainError('LAST_ADMIN', 'conflict', 'The last admin cannot lose the admin role.'),
};
