export * from './circuit-breaker';
export * from './retry-policy';
export * from './upstream-client';
export * from './upstream.errors';
export * from './upstream.metrics';
