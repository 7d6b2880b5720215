import topicList from '../topics.json';

/** Kafka topic names. `topics.json` is the one list; scripts/infra creates exactly these (and their DLQs). */
export const Topics = {
  userEvents: 'user.events',
  productEvents: 'product.events',
  inventoryCommands: 'inventory.commands',
  inventoryEvents: 'inventory.events',
  paymentCommands: 'payment.commands',
  paymentEvents: 'payment.events',
  orderEvents: 'order.events',
  notificationEvents: 'notification.events',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = topicList.topics as Topic[];

export const DEFAULT_PARTITIONS: number = topicList.partitions;

/** The dead-letter twin of a topic. */
export const dlqTopic = (topic: string): string => `${topic}.dlq`;
