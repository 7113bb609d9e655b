import type { SalesCustomerDeps } from './ports.ts';

export interface CustomerSummary {
  readonly customerId: string;
  readonly name: string;
  readonly tier: 'A' | 'B' | 'C';
  readonly region: string;
  readonly contacts: number;
  /** Contacts who opted out of a channel themselves. */
  readonly optedOut: number;
}

/** Customers by name, one page; `q` finds part of an id or name. */
export async function listCustomers(
  deps: SalesCustomerDeps,
  query: { q?: string; limit: number; cursor?: string },
): Promise<{ customers: CustomerSummary[]; nextCursor?: string }> {
  const page = await deps.customers.list(query);
  const customers = page.customers.map((customer) => ({
    customerId: customer.customerId,
    name: customer.name,
    tier: customer.tier,
    region: customer.region,
    contacts: customer.contacts.length,
    optedOut: customer.contacts.filter(
      (contact) => contact.preferences?.optOut?.email || contact.preferences?.optOut?.sms,
    ).length,
  }));
  return page.nextCursor ? { customers, nextCursor: page.nextCursor } : { customers };
}
