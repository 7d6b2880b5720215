export * from './cached-read';
