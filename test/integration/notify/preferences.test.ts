import { describe, expect, it } from 'vitest';
import { getCustomer, putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { createOrder } from '../../../functions/adapters/dynamodb/order-repository.ts';
import { updateContactPreferences } from '../../../functions/usecases/notify/wiring.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

useNotificationOutboxes();

/** A customer with the given contacts (email only) and one order of theirs. */
async function customerWithOrder(customerId: string, contactIds: readonly string[]): Promise<string> {
  await putCustomer({
    ...DEMO_CUSTOMERS.acme,
    customerId,
    updatedAt: new Date().toISOString(),
    contacts: contactIds.map((id) => ({ id, name: id, email: `${id}@example.com` })),
  });
  const orderId = `ord_${customerId}`;
  const now = new Date().toISOString();
  await createOrder({
    orderId,
    customerId,
    status: 'QUOTED',
    lines: [{ sku: 'VALVE-10', quantity: 1 }],
    createdAt: now,
    updatedAt: now,
    createdBy: 'test',
    requestHash: 'h',
    executionName: orderId,
    atRisk: false,
    completedStages: [],
  });
  return orderId;
}

describe('preference changes of a customer’s contacts', () => {
  it('keeps both of two simultaneous changes for two contacts of one customer', async () => {
    const contacts = Array.from({ length: 6 }, (_, index) => `contact-${index}`);
    const orderId = await customerWithOrder('cust-prefs', contacts);

    await Promise.all(
      contacts.map((id, index) =>
        updateContactPreferences(orderId, id, { quietHours: { start: `0${index}:00`, end: '07:00' } }),
      ),
    );

    const stored = await getCustomer('cust-prefs', true);
    expect(stored?.contacts.map((contact) => contact.preferences?.quietHours?.start)).toEqual(
      contacts.map((_, index) => `0${index}:00`),
    );
  });

  it('builds a merge (unsubscribe) on a simultaneous change of the same contact, never on a stale read', async () => {
    const orderId = await customerWithOrder('cust-same', ['buyer']);

    await Promise.all([
      updateContactPreferences(orderId, 'buyer', { quietHours: { start: '22:00', end: '07:00' } }),
      updateContactPreferences(orderId, 'buyer', { optOut: { email: true } }, true),
    ]);

    const [contact] = (await getCustomer('cust-same', true))?.contacts ?? [];
    // A replace that came last replaces; a merge that came last kept what the replace wrote.
    expect([
      { quietHours: { start: '22:00', end: '07:00' } },
      { quietHours: { start: '22:00', end: '07:00' }, optOut: { email: true } },
    ]).toContainEqual(contact?.preferences);
  });
});
