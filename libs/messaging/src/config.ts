import { z } from 'zod';

const brokerAddress = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port');

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
});

export type MessagingEnv = z.infer<typeof messagingEnvSchema>;
