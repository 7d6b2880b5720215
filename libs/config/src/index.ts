export * from './load-config';
export { configProblems } from './production-safety';
export * from './redact';
export * from './service-config';
export * from './boolean-env';
