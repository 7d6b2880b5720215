export * from './classify';
export * from './domain-error';
export * from './failures';
