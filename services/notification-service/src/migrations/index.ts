import { CreateNotifications1767400000000 } from './1767400000000-create-notifications';

/** The service's schema, in order; run at start-up after the messaging tables. */
export const NOTIFICATION_MIGRATIONS = [CreateNotifications1767400000000];
