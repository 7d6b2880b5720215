export * from './context';
export * from './health';
export * from './http-observability.middleware';
export * from './logger';
export * from './metrics';
export * from './metrics.controller';
export * from './tracing';
export * from './metric';
