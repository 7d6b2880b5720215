import { CreateInventory1733000000000 } from './1733000000000-create-inventory';
import { CatalogVersion1733100000000 } from './1733100000000-catalog-version';

/** The service's schema, in order; run at start-up after the messaging tables. */
export const INVENTORY_MIGRATIONS = [CreateInventory1733000000000, CatalogVersion1733100000000];
