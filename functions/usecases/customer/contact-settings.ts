import { getCustomer } from '../../adapters/dynamodb/customer-repository.ts';
import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import { contactSignatureValid } from '../../shared/auth/form-token.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { updateContactPreferences } from '../notify/wiring.ts';
import { openLinkedOrder, type LinkAccess } from './access.ts';

/**
 * The contact a message's link was sent to. The signature in the link names that contact, so a
 * link opens the settings of its own recipient and of nobody else at the same customer.
 */
export async function linkedContact(access: LinkAccess, contactId: string, signature: unknown) {
  const { order } = await openLinkedOrder(access, new Date());
  if (!(await contactSignatureValid(order.orderId, contactId, signature)))
    throw new NotFoundError('No such contact for this link');
  const customer = await getCustomer(order.customerId);
  const contact = customer?.contacts.find((candidate) => candidate.id === contactId);
  if (!customer || !contact) throw new NotFoundError('No such contact for this link');
  return { order, customer, contact };
}

/** Replaces a contact's settings from the preference centre (an opt-out tells the sales owner). */
export async function saveContactSettings(
  access: LinkAccess,
  contactId: string,
  signature: unknown,
  preferences: ContactPreferences,
) {
  const { order } = await linkedContact(access, contactId, signature);
  return updateContactPreferences(order.orderId, contactId, preferences);
}

/** RFC 8058 one-click unsubscribe: email off for the message's contact only. */
export async function unsubscribeContact(access: LinkAccess, contactId: string, signature: unknown) {
  const { order, contact } = await linkedContact(access, contactId, signature);
  await updateContactPreferences(order.orderId, contactId, { optOut: { email: true } }, true);
  return contact;
}
