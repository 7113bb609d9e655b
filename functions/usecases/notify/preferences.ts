import { getOrder } from '../../adapters/dynamodb/order-repository.ts';
import { getCustomer, swapContactPreferences } from '../../adapters/dynamodb/customer-repository.ts';
import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import { ConcurrentChangeError, NotFoundError } from '../../shared/errors.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import { notify } from './index.ts';

/** Compare-and-swap rounds before giving up on a contact whose preferences keep changing. */
const SWAP_ATTEMPTS = 5;

/**
 * Writes one contact's preferences without touching the rest of the customer: read, compute,
 * swap on what was read, and read again when someone else changed that contact in between.
 */
async function writePreferences(
  customerId: string,
  contactId: string,
  preferences: ContactPreferences,
  merge: boolean,
): Promise<{ customer: Customer; next: ContactPreferences }> {
  for (let attempt = 1; attempt <= SWAP_ATTEMPTS; attempt += 1) {
    const customer = await getCustomer(customerId, true);
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
    const now = new Date().toISOString();
    if (await swapContactPreferences(customerId, index, contactId, contact.preferences, next, now))
      return { customer, next };
  }
  throw new ConcurrentChangeError('The preferences kept changing; try again');
}

/**
 * A contact changes how they hear from us, through their order's tracking link. Only contacts of
 * that order's customer can be changed; an opt-out tells the sales owner.
 */
export async function updateContactPreferences(
  orderId: string,
  contactId: string,
  preferences: ContactPreferences,
  merge = false,
) {
  const order = await getOrder(orderId);
  if (!order) throw new NotFoundError('No such contact for this order');
  const { customer, next } = await writePreferences(order.customerId, contactId, preferences, merge);
  const optedOut = Object.entries(next.optOut ?? {})
    .filter(([, value]) => value)
    .map(([channel]) => channel);
  for (const channel of optedOut) {
    await notify({
      orderId,
      customerId: customer.customerId,
      kind: 'CONTACT_OPTED_OUT',
      occurrence: `${contactId}-${channel}`,
      facts: { channel },
    });
  }
  return next;
}
