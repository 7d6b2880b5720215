import { DomainError } from '@ecommerce/http';

export const WarehouseErrors = {
  codeTaken: (code: string) =>
    new DomainError('WAREHOUSE_CODE_TAKEN', 'conflict', `A warehouse with the code ${code} already exists.`),
  notFound: () => new DomainError('WAREHOUSE_NOT_FOUND', 'not_found', 'No such warehouse.'),
};
