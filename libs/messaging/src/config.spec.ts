import { kafkaSecurityOptions, messagingEnvSchema } from './config';

describe('messagingEnvSchema', () => {
  it('splits KAFKA_BROKERS on commas and trims', () => {
    expect(messagingEnvSchema.parse({ KAFKA_BROKERS: 'a:9092, b:9093 ,' }).KAFKA_BROKERS).toEqual([
      'a:9092',
      'b:9093',
    ]);
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

describe('Kafka TLS and SASL settings', () => {
  it('are off unless configured', () => {
    expect(kafkaSecurityOptions(messagingEnvSchema.parse({}))).toEqual({ ssl: false });
  });

  it('turn on TLS with a CA given on one line, and SASL with its credentials', () => {
    const env = messagingEnvSchema.parse({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: '-----BEGIN CERTIFICATE-----\\nabc\\n-----END CERTIFICATE-----',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'shop',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    expect(kafkaSecurityOptions(env)).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----'] },
      sasl: { mechanism: 'scram-sha-512', username: 'shop', password: 'secret' },
    });
  });

  it('refuses a SASL mechanism without credentials and an unknown mechanism', () => {
    expect(() => kafkaSecurityOptions(messagingEnvSchema.parse({ KAFKA_SASL_MECHANISM: 'plain' }))).toThrow(
      'KAFKA_SASL_USERNAME',
    );
    expect(messagingEnvSchema.safeParse({ KAFKA_SASL_MECHANISM: 'kerberos' }).success).toBe(false);
  });
});
