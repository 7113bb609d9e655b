import { ValidationError } from '../../shared/errors.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { patchCustomer } from './patch-customer.ts';
import type { SalesCustomerDeps } from './ports.ts';

/** The fields of the console's edit form, as posted (application/x-www-form-urlencoded). */
export type EditForm = Pick<URLSearchParams, 'get' | 'getAll'>;

const text = (form: EditForm, name: string) => form.get(name)?.trim() ?? '';

/**
 * The console's edit form as a merge patch, saved through the same use case as PATCH: name, tier,
 * region, each listed contact's name, email and phone (an emptied address is removed), and a new
 * contact when its row is filled in. The form's `version` makes it a conditional write (412 when
 * the customer changed since the form was opened).
 */
export function patchFromForm(form: EditForm): Record<string, unknown> {
  const version = /^\d{1,15}$/.test(text(form, 'version')) ? Number(text(form, 'version')) : undefined;
  if (version === undefined)
    throw new ValidationError('The form is invalid', [
      { path: 'version', message: 'missing; open the form again' },
    ]);
  const contacts = new Map<string, unknown>();
  for (const id of form.getAll('contactId')) {
    contacts.set(id, {
      name: text(form, `name.${id}`),
      email: text(form, `email.${id}`) || null,
      phone: text(form, `phone.${id}`) || null,
    });
  }
  const newId = text(form, 'newId');
  const newContact = {
    name: text(form, 'newName'),
    email: text(form, 'newEmail'),
    phone: text(form, 'newPhone'),
  };
  if (newId || newContact.name || newContact.email || newContact.phone) {
    if (!newId)
      throw new ValidationError('The form is invalid', [
        { path: 'newId', message: 'a new contact needs an id' },
      ]);
    if (contacts.has(newId))
      throw new ValidationError('The form is invalid', [
        { path: 'newId', message: 'a contact has this id already' },
      ]);
    contacts.set(newId, Object.fromEntries(Object.entries(newContact).filter(([, value]) => value !== '')));
  }
  return {
    version,
    name: text(form, 'name'),
    tier: text(form, 'tier'),
    region: text(form, 'region'),
    contacts: Object.fromEntries(contacts),
  };
}

/** Saves the console's edit form (see patchFromForm). */
export const saveEditForm = (
  deps: SalesCustomerDeps,
  customerId: string,
  form: EditForm,
): Promise<Customer> => patchCustomer(deps, customerId, patchFromForm(form));
