import { redisEnvSchema, redisUrlHasPassword } from './config';

describe('redisEnvSchema', () => {
  it('defaults to the local Redis without a password', () => {
    expect(redisEnvSchema.parse({})).toEqual({ REDIS_URL: 'redis://127.0.0.1:6379' });
  });

  it('takes a password on its own or in the URL, and TLS URLs', () => {
    expect(redisEnvSchema.parse({ REDIS_PASSWORD: 's3cret' }).REDIS_PASSWORD).toBe('s3cret');
    expect(redisUrlHasPassword('rediss://:s3cret@redis.internal:6380')).toBe(true);
    expect(redisUrlHasPassword('redis://127.0.0.1:6379')).toBe(false);
  });

  it('rejects a URL of another scheme, naming the variable', () => {
    const result = redisEnvSchema.safeParse({ REDIS_URL: 'http://127.0.0.1:6379' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['REDIS_URL']);
  });
});
