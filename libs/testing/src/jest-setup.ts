// Integration tests talk to the infrastructure that scripts/infra started; these defaults match it,
// and anything already set in the environment wins.
const defaults: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATABASE_HOST: '127.0.0.1',
  DATABASE_PORT: '5432',
  REDIS_URL: 'redis://127.0.0.1:6379',
  CACHE_REDIS_URL: 'redis://127.0.0.1:6380',
  KAFKA_BROKERS: '127.0.0.1:9092',
  ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
};
for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
