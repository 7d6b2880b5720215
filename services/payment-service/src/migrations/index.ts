import { CreatePayments1764720000000 } from './1764720000000-create-payments';

/** The service's schema, in order; run at start-up after the messaging tables. */
export const PAYMENT_MIGRATIONS = [CreatePayments1764720000000];
