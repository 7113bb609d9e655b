import type { Customer, CustomerWrite } from '../../shared/schemas/customer.ts';
import type { SalesCustomerDeps } from './ports.ts';
import { saveSalesEdit, type Precondition } from './save-customer.ts';

/**
 * PUT: the customer as sent, keeping what sales may not change. A contact's preferences left out
 * are kept, not wiped; the read-only fields of a GET body are accepted when unchanged.
 */
export const replaceCustomer = (
  deps: SalesCustomerDeps,
  customerId: string,
  body: CustomerWrite,
  condition: Precondition = {},
): Promise<Customer> => saveSalesEdit(deps, customerId, () => ({ document: body }), condition);
