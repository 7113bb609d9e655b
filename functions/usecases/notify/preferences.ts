import { getOrder } from '../../adapters/dynamodb/order-repository.ts';
import { getCustomer, putCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { notify } from './index.ts';

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
  const customer = order && (await getCustomer(order.customerId));
  const contact = customer?.contacts.find((candidate) => candidate.id === contactId);
  if (!order || !customer || !contact) throw new NotFoundError('No such contact for this order');
  const next: ContactPreferences = merge
    ? {
        ...contact.preferences,
        ...preferences,
        optOut: { ...contact.preferences?.optOut, ...preferences.optOut },
      }
    : preferences;
  await putCustomer({
    ...customer,
    contacts: customer.contacts.map((candidate) =>
      candidate.id === contactId ? { ...candidate, preferences: next } : candidate,
    ) as typeof customer.contacts,
    updatedAt: new Date().toISOString(),
  });
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
