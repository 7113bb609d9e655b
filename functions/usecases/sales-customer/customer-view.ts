import type { Contact } from '../../domain/notify/preferences.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { SalesCustomerDeps } from './ports.ts';

export type Suppressed = Partial<Record<'email' | 'sms', string>>;

/** A contact as sales see it: with its own choices and, read-only, whether its address is suppressed. */
export type ContactView = Customer['contacts'][number] & { readonly suppressed?: Suppressed };

export type CustomerView = Omit<Customer, 'contacts'> & {
  readonly version: number;
  readonly contacts: ContactView[];
};

async function suppressedOf(deps: SalesCustomerDeps, contact: Contact): Promise<Suppressed | undefined> {
  const [email, sms] = await Promise.all([
    contact.email ? deps.customers.suppression(contact.email) : undefined,
    contact.phone ? deps.customers.suppression(contact.phone) : undefined,
  ]);
  return email || sms ? { ...(email ? { email } : {}), ...(sms ? { sms } : {}) } : undefined;
}

/** A customer with each contact's suppressions: what GET returns, and what PUT takes back as it is. */
export async function viewOf(deps: SalesCustomerDeps, customer: Customer): Promise<CustomerView> {
  const contacts = await Promise.all(
    customer.contacts.map(async (contact) => {
      const suppressed = await suppressedOf(deps, contact);
      return suppressed ? { ...contact, suppressed } : contact;
    }),
  );
  return { ...customer, version: customer.version ?? 0, contacts };
}

/** One customer as sales see it. */
export async function readCustomer(deps: SalesCustomerDeps, customerId: string): Promise<CustomerView> {
  const customer = await deps.customers.get(customerId);
  if (!customer) throw new NotFoundError(`Unknown customer ${customerId}`);
  return viewOf(deps, customer);
}
