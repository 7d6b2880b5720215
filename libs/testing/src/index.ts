export * from './eventually';
export * from './topic-recorder';
