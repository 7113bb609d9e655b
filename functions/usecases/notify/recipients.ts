import { isCustomerKind, type NoticeKind } from '../../domain/notify/kinds.ts';
import { channelsFor, type Contact } from '../../domain/notify/preferences.ts';
import type { Locale } from '../../domain/notify/render.ts';
import type { Customer } from '../../shared/schemas/customer.ts';
import type { NotifySettings, Recipient } from './ports.ts';

/**
 * Who hears of an event: a customer kind goes to the customer's contacts on the channels each
 * allows; an internal kind to the sales owner (an escalation to the sales manager where one is
 * set), and an order that needs a person to operations too.
 */
export function recipientsFor(
  kind: NoticeKind,
  customer: Customer,
  settings: Pick<NotifySettings, 'salesManagerEmail' | 'operationsEmail'>,
): Recipient[] {
  if (isCustomerKind(kind)) {
    return customer.contacts.map((contact: Contact) => ({
      id: contact.id,
      name: contact.name,
      ...(contact.email ? { email: contact.email } : {}),
      ...(contact.phone ? { phone: contact.phone } : {}),
      channels: channelsFor(contact, kind),
      locale: (contact.preferences?.locale ?? customer.locale) as Locale,
      timeZone: customer.timeZone,
      ...(contact.preferences?.quietHours ? { quietHours: contact.preferences.quietHours } : {}),
    }));
  }
  const owner =
    kind === 'CONFIRMATION_ESCALATED' && settings.salesManagerEmail
      ? { id: 'sales-manager', name: 'Sales manager', email: settings.salesManagerEmail }
      : { id: 'sales-owner', name: customer.salesOwner.name, email: customer.salesOwner.email };
  const recipients: Recipient[] = [{ ...owner, channels: ['email'], locale: 'en', timeZone: 'UTC' }];
  if (kind === 'NEEDS_ATTENTION' && settings.operationsEmail)
    recipients.push({
      id: 'operations',
      name: 'Operations',
      email: settings.operationsEmail,
      channels: ['email'],
      locale: 'en',
      timeZone: 'UTC',
    });
  return recipients;
}
