import { Kafka, logLevel, type KafkaConfig, type LogEntry, type RetryOptions } from 'kafkajs';
import { kafkaSecurityEnvSchema, kafkaSecurityOptions, messagingEnvSchema } from './config';
import { quietKafkajsIdleTimers } from './kafkajs-idle';
import { consoleJsonLogger, type MessagingLogger } from './logger';

/** How to reach Kafka; `brokers` defaults to `KAFKA_BROKERS` (validated by `messagingEnvSchema`). */
export interface CreateKafkaOptions {
  clientId: string;
  /** A list, or the comma-separated `KAFKA_BROKERS` form. Default: `KAFKA_BROKERS`. */
  brokers?: string | readonly string[];
  logger?: MessagingLogger;
  /** kafkajs' own chatter below this level is dropped; WARN by default (INFO logs every rejoin). */
  logLevel?: logLevel;
  /** kafkajs retry policy; its default retries a connection for about half a minute. */
  retry?: RetryOptions;
  /** Default 3 s. */
  connectionTimeoutMs?: number;
  /** TLS and SASL settings. Default: from `KAFKA_SSL*` and `KAFKA_SASL_*` (validated by `kafkaSecurityEnvSchema`). */
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

// kafkajs passes { message, ...fields }; the service logger wants (fields, message).
function bridge(logger: MessagingLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const {
        message,
        timestamp: _timestamp,
        logger: _name,
        ...fields
      } = log as LogEntry['log'] & { timestamp?: string; logger?: string };
      const entry = { component: 'kafkajs', namespace, ...fields };
      if (level === logLevel.ERROR) logger.error(entry, message);
      else if (level === logLevel.WARN) logger.warn(entry, message);
      else if (level === logLevel.INFO) logger.info(entry, message);
      else logger.debug(entry, message);
    };
}

/**
 * The kafkajs client of a service. kafkajs is used directly rather than through
 * @nestjs/microservices because the messaging rules need what that transport hides: offsets committed
 * by hand after the database effect, whole batches, and message headers (trace context, DLQ details).
 */
export function createKafka(options: CreateKafkaOptions): Kafka {
  quietKafkajsIdleTimers();
  const brokers =
    typeof options.brokers === 'string' || options.brokers === undefined
      ? messagingEnvSchema.parse({ KAFKA_BROKERS: options.brokers ?? process.env.KAFKA_BROKERS })
          .KAFKA_BROKERS
      : [...options.brokers];
  return new Kafka({
    clientId: options.clientId,
    brokers,
    ...(options.security ?? kafkaSecurityOptions(kafkaSecurityEnvSchema.parse(process.env))),
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    retry: options.retry,
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: bridge(options.logger ?? consoleJsonLogger({ service: options.clientId })),
  });
}
