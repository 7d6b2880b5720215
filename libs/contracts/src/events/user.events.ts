import { Topics } from '../topics';
import { defineEvent, objectSchema, uuid } from './define';

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

export const UserEvents = {
  registered: defineEvent({
    type: 'user.registered',
    version: 1,
    topic: Topics.userEvents,
    summary: 'A customer account was created.',
    schema: objectSchema({ userId: uuid, email: { type: 'string', format: 'email' }, name: { type: 'string', minLength: 1 } }),
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
} as const;
