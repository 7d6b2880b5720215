import { overloadOptionsFromEnv } from './overload-options';

describe('overloadOptionsFromEnv', () => {
  it('has defaults for every setting', () => {
    expect(overloadOptionsFromEnv({})).toEqual({
      enabled: true,
      maxConcurrent: 256,
      minConcurrent: 8,
      maxEventLoopDelayMs: 50,
      sampleIntervalMs: 50,
      retryAfterSeconds: 1,
    });
  });

  it('is off by default under NODE_ENV=test, unless turned on', () => {
    expect(overloadOptionsFromEnv({ NODE_ENV: 'test' }).enabled).toBe(false);
    expect(overloadOptionsFromEnv({ NODE_ENV: 'test', HTTP_SHEDDING_ENABLED: 'true' }).enabled).toBe(true);
    expect(overloadOptionsFromEnv({ NODE_ENV: 'production' }).enabled).toBe(true);
  });

  it('reads every setting from the environment', () => {
    expect(
      overloadOptionsFromEnv({
        HTTP_SHEDDING_ENABLED: 'false',
        HTTP_MAX_CONCURRENT_REQUESTS: '64',
        HTTP_MIN_CONCURRENT_REQUESTS: '4',
        HTTP_SHED_EVENT_LOOP_DELAY_MS: '20',
        HTTP_SHED_SAMPLE_INTERVAL_MS: '25',
        HTTP_SHED_RETRY_AFTER_SECONDS: '3',
      }),
    ).toEqual({
      enabled: false,
      maxConcurrent: 64,
      minConcurrent: 4,
      maxEventLoopDelayMs: 20,
      sampleIntervalMs: 25,
      retryAfterSeconds: 3,
    });
  });

  it.each([
    [{ HTTP_MAX_CONCURRENT_REQUESTS: '0' }, 'HTTP_MAX_CONCURRENT_REQUESTS'],
    [{ HTTP_SHED_EVENT_LOOP_DELAY_MS: 'soon' }, 'HTTP_SHED_EVENT_LOOP_DELAY_MS'],
    [{ HTTP_SHEDDING_ENABLED: 'yes' }, 'HTTP_SHEDDING_ENABLED'],
    [
      { HTTP_MAX_CONCURRENT_REQUESTS: '4', HTTP_MIN_CONCURRENT_REQUESTS: '8' },
      'HTTP_MIN_CONCURRENT_REQUESTS must not exceed',
    ],
  ])('refuses %p', (env, message) => {
    expect(() => overloadOptionsFromEnv(env)).toThrow(message);
  });
});
