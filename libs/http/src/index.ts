export * from './create-app';
export * from './domain-error';
export * from './nest-logger';
export * from './problem';
export * from './problem.filter';
export * from './validation';
export * from './pagination';
