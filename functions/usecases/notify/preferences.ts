import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import type { Order } from '../../domain/order/types.ts';
import { ConcurrentChangeError, NotFoundError } from '../../shared/errors.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { NotificationEvent } from './ports.ts';

export interface PreferenceDeps {
  readonly now: () => Date;
  readonly orders: { get(orderId: string): Promise<Order | undefined> };
  readonly customers: {
    /** A consistent read: the swap below compares against exactly what was read. */
    get(customerId: string): Promise<Customer | undefined>;
    /** Replaces one contact's preferences if they are still `previous`; false when someone changed them. */
    swapContactPreferences(
      customerId: string,
      index: number,
      contactId: string,
      previous: ContactPreferences | undefined,
      next: ContactPreferences,
      updatedAt: string,
    ): Promise<boolean>;
  };
  readonly notify: (event: NotificationEvent) => Promise<unknown>;
}

/** Compare-and-swap rounds before giving up on a contact whose preferences keep changing. */
const SWAP_ATTEMPTS = 5;

/**
 * Writes one contact's preferences without touching the rest of the customer: read, compute,
 * swap on what was read, and read again when someone else changed that contact in between.
 */
async function writePreferences(
  deps: PreferenceDeps,
  customerId: string,
  contactId: string,
  preferences: ContactPreferences,
  merge: boolean,
): Promise<{ customer: Customer; next: ContactPreferences }> {
  for (let attempt = 1; attempt <= SWAP_ATTEMPTS; attempt += 1) {
    const customer = await deps.customers.get(customerId);
    const index = customer?.contacts.findIndex((candidate) => candidate.id === contactId) ?? -1;
    const contact = customer?.contacts[index];
    if (!customer || !contact) throw new NotFoundError('No such contact for this order');
    const next: ContactPreferences = merge
      ? {
          ...contact.preferences,
          ...preferences,
          optOut: { ...contact.preferences?.optOut, ...preferences.optOut },
        }
      : preferences;
    const now = deps.now().toISOString();
    if (
      await deps.customers.swapContactPreferences(
        customerId,
        index,
        contactId,
        contact.preferences,
        next,
        now,
      )
    )
      return { customer, next };
  }
  throw new ConcurrentChangeError('The preferences kept changing; try again');
}

/**
 * A contact changes how they hear from us, through their order's tracking link. Only contacts of
 * that order's customer can be changed; an opt-out tells the sales owner.
 */
export async function changeContactPreferences(
  deps: PreferenceDeps,
  orderId: string,
  contactId: string,
  preferences: ContactPreferences,
  merge = false,
) {
  const order = await deps.orders.get(orderId);
  if (!order) throw new NotFoundError('No such contact for this order');
  const { customer, next } = await writePreferences(deps, order.customerId, contactId, preferences, merge);
  const optedOut = Object.entries(next.optOut ?? {})
    .filter(([, value]) => value)
    .map(([channel]) => channel);
  for (const channel of optedOut) {
    await deps.notify({
      orderId,
      customerId: customer.customerId,
      kind: 'CONTACT_OPTED_OUT',
      occurrence: `${contactId}-${channel}`,
      facts: { channel },
    });
  }
  return next;
}
