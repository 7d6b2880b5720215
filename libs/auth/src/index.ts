export * from './auth-user';
export * from './auth.guard';
export * from './auth.module';
export * from './config';
export * from './decorators';
export * from './token-verifier';
