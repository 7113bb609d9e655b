import type { ContactPreferences } from '../../domain/notify/preferences.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { openOrderForLink } from './access.ts';
import type { CustomerLinkDeps, LinkAccess } from './ports.ts';

/**
 * The contact a message's link was sent to. The signature in the link names that contact, so a
 * link opens the settings of its own recipient and of nobody else at the same customer.
 */
export async function linkedContact(
  deps: CustomerLinkDeps,
  access: LinkAccess,
  contactId: string,
  signature: unknown,
) {
  const { order } = await openOrderForLink(deps, access, deps.now());
  if (!(await deps.links.contactSignatureValid(order.orderId, contactId, signature)))
    throw new NotFoundError('No such contact for this link');
  const customer = await deps.customers.get(order.customerId);
  const contact = customer?.contacts.find((candidate) => candidate.id === contactId);
  if (!customer || !contact) throw new NotFoundError('No such contact for this link');
  return { order, customer, contact };
}

/** Replaces a contact's settings from the preference centre (an opt-out tells the sales owner). */
export async function saveContactSettings(
  deps: CustomerLinkDeps,
  access: LinkAccess,
  contactId: string,
  signature: unknown,
  preferences: ContactPreferences,
) {
  const { order } = await linkedContact(deps, access, contactId, signature);
  return deps.preferences.update(order.orderId, contactId, preferences);
}

/** RFC 8058 one-click unsubscribe: email off for the message's contact only. */
export async function unsubscribeContact(
  deps: CustomerLinkDeps,
  access: LinkAccess,
  contactId: string,
  signature: unknown,
) {
  const { order, contact } = await linkedContact(deps, access, contactId, signature);
  await deps.preferences.update(order.orderId, contactId, { optOut: { email: true } }, true);
  return contact;
}
