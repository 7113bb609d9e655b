import type { Order } from '../../domain/order/types.ts';
import type { Customer } from '../../shared/schemas/customer.ts';

/** What a customer write must find stored: nothing (a new customer), or exactly this version. */
export type CustomerExpectation = { readonly absent: true } | { readonly version: number };

export interface CustomerPage {
  readonly customers: Customer[];
  readonly nextCursor?: string;
}

/**
 * Where customers are kept, as the sales customer use cases need it. `save` is a compare-and-swap:
 * false when the stored customer is no longer what `expected` says, and nothing is written then.
 */
export interface CustomerStore {
  /** The stored customer, read consistently (an edit must start from the latest version). */
  get(customerId: string): Promise<Customer | undefined>;
  save(customer: Customer, expected: CustomerExpectation): Promise<boolean>;
  /** By name; with `q`, those whose id or name contains it. A search may answer fewer than `limit`. */
  list(query: { q?: string; limit: number; cursor?: string }): Promise<CustomerPage>;
  /** Why an address or number is suppressed (bounce, complaint, stop), if it is. */
  suppression(address: string): Promise<string | undefined>;
}

export interface SalesCustomerDeps {
  readonly now: () => Date;
  readonly customers: CustomerStore;
  /** Whether the ERP gave a transit time to this region (without one no date can be promised). */
  readonly regionKnown: (region: string) => Promise<boolean>;
  /** The customer's orders, newest first, one page. */
  readonly ordersOf: (customerId: string, limit: number) => Promise<{ orders: Order[]; more: boolean }>;
}
