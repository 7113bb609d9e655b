import { patchCustomerDocument } from '../../domain/customer/sales-edit.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { SalesCustomerDeps } from './ports.ts';
import { saveSalesEdit, type Precondition } from './save-customer.ts';

/** PATCH: an RFC 7396 merge patch of a stored customer, contacts by id; the result is checked as a PUT. */
export const patchCustomer = (
  deps: SalesCustomerDeps,
  customerId: string,
  patch: Record<string, unknown>,
  condition: Precondition = {},
): Promise<Customer> =>
  saveSalesEdit(
    deps,
    customerId,
    (stored) => {
      if (!stored) throw new NotFoundError(`Unknown customer ${customerId}`);
      // The stored version is not part of what is patched: a `version` in the patch is the client's
      // own condition (checked like If-Match), and without one a contact's change meanwhile is merged.
      const { updatedAt: _updatedAt, version: _version, ...current } = stored;
      return patchCustomerDocument(current, patch);
    },
    condition,
  );
