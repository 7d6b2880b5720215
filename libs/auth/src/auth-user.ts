import type { Role } from '@ecommerce/contracts';

/** The caller as the access token says. Roles come only from the verified token, never a body. */
export interface AuthUser {
  id: string;
  email: string;
  roles: Role[];
}

export const isAdmin = (user: AuthUser | undefined): boolean => user?.roles.includes('admin') ?? false;
