import { Topics } from '../topics';
import { dateTime, defineEvent, objectSchema, uuid } from './define';

export interface UserRegistered {
  userId: string;
  email: string;
  name: string;
}

export interface UserUpdated {
  userId: string;
  email: string;
  name: string;
  roles: string[];
}

/** Every access token of the user issued before `revokedBefore` (ISO, ms precision) is refused. */
export interface UserSessionsRevoked {
  userId: string;
  revokedBefore: string;
}

/** The user's roles now; access tokens carrying other roles are refused. */
export interface UserRoleChanged {
  userId: string;
  roles: string[];
}

export const UserEvents = {
  registered: defineEvent({
    type: 'user.registered',
    version: 1,
    topic: Topics.userEvents,
    summary: 'A customer account was created.',
    schema: objectSchema({
      userId: uuid,
      email: { type: 'string', format: 'email' },
      name: { type: 'string', minLength: 1 },
    }),
  }),
  updated: defineEvent({
    type: 'user.updated',
    version: 1,
    topic: Topics.userEvents,
    summary: 'A user changed their profile or an admin changed their roles.',
    schema: objectSchema({
      userId: uuid,
      email: { type: 'string', format: 'email' },
      name: { type: 'string', minLength: 1 },
      roles: { type: 'array', items: { type: 'string' } },
    }),
  }),
  sessionsRevoked: defineEvent({
    type: 'user.sessions-revoked',
    version: 1,
    topic: Topics.userEvents,
    summary:
      'The user signed out, a refresh token was reused or an admin ended the sessions: access tokens issued before `revokedBefore` are refused.',
    schema: objectSchema({ userId: uuid, revokedBefore: dateTime }),
  }),
  roleChanged: defineEvent({
    type: 'user.role-changed',
    version: 1,
    topic: Topics.userEvents,
    summary: "An admin changed the user's roles: access tokens carrying other roles are refused.",
    schema: objectSchema({ userId: uuid, roles: { type: 'array', items: { type: 'string' } } }),
  }),
} as const;
