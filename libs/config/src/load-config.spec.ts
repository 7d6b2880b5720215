import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { redactConfig } from './redact';

const schema = z.object({
  PORT: z.coerce.number().int().positive().default(3000),
  DATABASE_URL: z.string().url(),
  JWT_SECRET: z.string().min(8),
});

describe('loadConfig', () => {
  it('returns typed values with defaults', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgres://localhost/db', JWT_SECRET: '12345678' });
    expect(config).toEqual({ PORT: 3000, DATABASE_URL: 'postgres://localhost/db', JWT_SECRET: '12345678' });
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig(schema, { PORT: 'abc', JWT_SECRET: 'short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('JWT_SECRET');
    }
  });

  it('redacts secrets for logging', () => {
    expect(redactConfig({ PORT: 1, DATABASE_PASSWORD: 'x', JWT_PRIVATE_KEY: 'y' })).toEqual({
      PORT: 1,
      DATABASE_PASSWORD: '[redacted]',
      JWT_PRIVATE_KEY: '[redacted]',
    });
  });
});
