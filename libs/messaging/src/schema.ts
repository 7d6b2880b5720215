import { InboxMessageEntity } from './inbox/inbox-message.entity';
import { MessagingTables1767225600000 } from './migrations/1767225600000-messaging-tables';
import { OutboxParking1767312000000 } from './migrations/1767312000000-outbox-parking';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';

/** Add to the service's `DataSourceSpec.entities`. */
export const MESSAGING_ENTITIES = [OutboxMessageEntity, InboxMessageEntity];

/** Add to the service's `DataSourceSpec.migrations`; they create the outbox and inbox tables. */
export const MESSAGING_MIGRATIONS = [MessagingTables1767225600000, OutboxParking1767312000000];
