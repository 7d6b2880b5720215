import { messagingEnvSchema } from './config';

describe('messagingEnvSchema', () => {
  it('splits KAFKA_BROKERS on commas and trims', () => {
    expect(messagingEnvSchema.parse({ KAFKA_BROKERS: 'a:9092, b:9093 ,' }).KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
  });

  it('defaults to the local broker', () => {
    expect(messagingEnvSchema.parse({}).KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
  });

  it('rejects an address without a port, naming the variable', () => {
    const result = messagingEnvSchema.safeParse({ KAFKA_BROKERS: 'localhost' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('KAFKA_BROKERS');
  });

  it('rejects an empty list', () => {
    expect(messagingEnvSchema.safeParse({ KAFKA_BROKERS: ' , ' }).success).toBe(false);
  });

  it('runs the outbox relay unless OUTBOX_RELAY_ENABLED is false, and rejects anything but true or false', () => {
    expect(messagingEnvSchema.parse({}).OUTBOX_RELAY_ENABLED).toBe(true);
    expect(messagingEnvSchema.parse({ OUTBOX_RELAY_ENABLED: 'false' }).OUTBOX_RELAY_ENABLED).toBe(false);
    expect(messagingEnvSchema.safeParse({ OUTBOX_RELAY_ENABLED: 'no' }).success).toBe(false);
  });
});
