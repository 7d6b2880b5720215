import { CreateOrders1767400000000 } from './1767400000000-create-orders';

/** The service's schema, in order; run at start-up after the messaging tables. */
export const ORDER_MIGRATIONS = [CreateOrders1767400000000];
