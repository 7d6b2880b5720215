import { z } from 'zod';

/**
 * `KAFKA_TOPIC_PREFIX`: put before every topic name and consumer group id a service uses, so several
 * environments (a test run next to a running platform, staging next to a demo) share one Kafka
 * cluster without reading, answering or rebalancing each other. Empty in a normal deployment. Kafka
 * allows `.`, `_` and `-` in names; lower case keeps `a.` and `A.` from being two environments.
 */
export const topicPrefixSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-" only')
  .default('');

/** The validated `KAFKA_TOPIC_PREFIX` of `env`; throws naming the variable when it is not a valid prefix. */
export function topicPrefixFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = topicPrefixSchema.safeParse(env.KAFKA_TOPIC_PREFIX);
  if (!parsed.success)
    throw new Error(`KAFKA_TOPIC_PREFIX: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data;
}

/** A topic's or consumer group's name in Kafka for a deployment with this prefix. */
export const withTopicPrefix = (prefix: string, name: string): string => `${prefix}${name}`;
