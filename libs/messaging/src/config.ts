import type { KafkaConfig } from 'kafkajs';
import { z } from 'zod';
import { topicPrefixSchema } from './topic-prefix';

const brokerAddress = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port');

/**
 * TLS and SASL of the Kafka connection. A PEM may be given with `\n` escapes (one-line env files).
 * That a SASL mechanism comes with a user name and password is checked by `loadConfig`, so the
 * schema stays extendable.
 */
export const kafkaSecurityEnvSchema = z.object({
  KAFKA_SSL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** CA certificate(s) that signed the brokers' certificates; default: the system's trust store. */
  KAFKA_SSL_CA: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
});

export type KafkaSecurityEnv = z.infer<typeof kafkaSecurityEnvSchema>;

/** The kafkajs `ssl` and `sasl` options for these settings (none when neither is configured). */
export function kafkaSecurityOptions(env: KafkaSecurityEnv): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const ssl = env.KAFKA_SSL_CA ? { ca: [env.KAFKA_SSL_CA.replace(/\\n/g, '\n')] } : env.KAFKA_SSL;
  if (!env.KAFKA_SASL_MECHANISM) return { ssl };
  if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) {
    throw new Error('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
  }
  const credentials = { username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
  switch (env.KAFKA_SASL_MECHANISM) {
    case 'plain':
      return { ssl, sasl: { mechanism: 'plain', ...credentials } };
    case 'scram-sha-256':
      return { ssl, sasl: { mechanism: 'scram-sha-256', ...credentials } };
    case 'scram-sha-512':
      return { ssl, sasl: { mechanism: 'scram-sha-512', ...credentials } };
  }
}

/** Environment of the Kafka connection; `KAFKA_BROKERS` is a comma-separated list of host:port. */
export const messagingEnvSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker.length > 0),
    )
    .pipe(z.array(brokerAddress).min(1, 'at least one broker is required')),
  /** `false` leaves the outbox to a relay running elsewhere (a dedicated deployment, or none during maintenance). */
  OUTBOX_RELAY_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Before every topic and consumer group name (see `topicPrefixSchema`); '' in a normal deployment. */
  KAFKA_TOPIC_PREFIX: topicPrefixSchema,
  ...kafkaSecurityEnvSchema.shape,
});

export type MessagingEnv = z.infer<typeof messagingEnvSchema>;
