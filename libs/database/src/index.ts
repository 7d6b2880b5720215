export * from './config';
export * from './data-source';
export * from './database';
export * from './errors';
export * from './database.module';
export { watchPool, unwatchPool } from './pool-metrics';
