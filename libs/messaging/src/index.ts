export * from './backoff';
export * from './config';
export * from './errors';
export * from './kafka';
export * from './logger';
export * from './schema';
export * from './topic-prefix';
export { OutboxMessageEntity } from './outbox/outbox-message.entity';
export { InboxMessageEntity } from './inbox/inbox-message.entity';
export { MessagingTables1767225600000 } from './migrations/1767225600000-messaging-tables';
export { OutboxParking1767312000000 } from './migrations/1767312000000-outbox-parking';
export { Outbox, type OutboxOptions, type OutgoingEvent } from './outbox/outbox';
export { OutboxRelay, type OutboxRelayOptions, type PublishedBatch } from './outbox/outbox-relay';
export { recordInInbox } from './inbox/inbox';
export {
  EventConsumer,
  type EventConsumerOptions,
  type EventConsumerStatus,
} from './consumer/event-consumer';
export type { StuckPartition } from './consumer/partition-health';
export type {
  BatchEventHandler,
  BatchEventHandlers,
  EventHandler,
  EventHandlers,
  TxOf,
} from './consumer/handlers';
export { withEventContext } from './consumer/event-scope';
export { decideAfterFailure, type FailureDecision } from './consumer/retry-policy';
export {
  DLQ_HEADER_PREFIX,
  REPLAY_GROUP_HEADER,
  dlqHeaders,
  withoutDlqHeaders,
  type DeadLetterDetails,
} from './consumer/dlq-headers';
export { MessagingModule } from './nest/messaging.module';
export type { MessagingModuleOptions } from './nest/messaging-options';
export { EventConsumers, type ConsumerRegistration } from './nest/event-consumers';
export { KafkaHealth } from './nest/kafka-health';
export { MESSAGING_LOGGER, MESSAGING_OPTIONS } from './nest/tokens';
