import type { MessagingLogger } from '../logger';
import type { OutboxOptions } from '../outbox/outbox';
import type { OutboxRelayOptions } from '../outbox/outbox-relay';

export interface MessagingModuleOptions {
  /** Event `source`, Kafka client id and default consumer group. */
  serviceName: string;
  /** Run the outbox relay in this process (when a `Database` is provided). Default true. */
  relay?: boolean;
  /** Tuning of the relay (batch size, poll interval, retention). */
  relayOptions?: Omit<OutboxRelayOptions, 'database' | 'kafka' | 'logger' | 'topicPrefix'>;
  outbox?: OutboxOptions;
  /** A list or a comma-separated string. Default: `KAFKA_BROKERS`. */
  brokers?: string | readonly string[];
  /**
   * Put before every topic the relay publishes to and every topic and group the consumers use (see
   * `topicPrefixSchema`). Default: `KAFKA_TOPIC_PREFIX`. Services name contract topics only.
   */
  topicPrefix?: string;
  /** A pino logger fits. Default: the service's own (createLogger of @ecommerce/observability), with correlation ids. */
  logger?: MessagingLogger;
}
