export * from './config';
export * from './redis.module';
