export * from './auth-user';
export * from './auth.guard';
export * from './auth.module';
export * from './config';
export * from './decorators';
export * from './revocation-consumer';
export * from './revocation-list';
export * from './token-verifier';
