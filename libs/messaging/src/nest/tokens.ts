/** Injection token of the `MessagingModuleOptions` given to `forRoot`. */
export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Injection token of the `MessagingLogger` the messaging classes write to. */
export const MESSAGING_LOGGER = Symbol('MESSAGING_LOGGER');
