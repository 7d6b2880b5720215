export * from './eventually';
export * from './topic-recorder';
export * from './test-schema';
export * from './test-tokens';
export * from './problem';
export * from './request-flood';
export * from './test-publisher';
