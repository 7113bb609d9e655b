import { describe, expect, it } from 'vitest';
import { getCustomer, putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { createOrder } from '../../../functions/adapters/dynamodb/order-repository.ts';
import type { Order } from '../../../functions/adapters/dynamodb/entities/order.ts';
import { handler as customerApi } from '../../../functions/handlers/api/customer.ts';
import { contactSignature } from '../../../functions/shared/auth/form-token.ts';
import { trackingLink } from '../../../functions/shared/auth/tracking-token.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { apiEvent, invoke, type ApiLambda } from '../../support/api-events.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

/** The JSON preference route of a tracking link acts for the one contact whose signed link it carries. */
useNotificationOutboxes();

async function orderWithTwoContacts(orderId: string) {
  const customerId = `cust-${orderId}`;
  const now = new Date().toISOString();
  await putCustomer({
    ...DEMO_CUSTOMERS.acme,
    customerId,
    updatedAt: now,
    contacts: [
      { id: 'buyer', name: 'Ada Buyer', email: `buyer-${orderId}@example.com` },
      { id: 'planner', name: 'Pat Planner', email: `planner-${orderId}@example.com` },
    ],
  });
  const order: Order = {
    orderId,
    customerId,
    status: 'QUOTED',
    lines: [{ sku: 'VALVE-10', quantity: 2 }],
    createdAt: now,
    updatedAt: now,
    createdBy: 'test',
    requestHash: 'x',
    executionName: orderId,
    atRisk: false,
    completedStages: [],
  };
  const link = await trackingLink(orderId);
  await createOrder(order, [{ PK: `TRACK#${link.tokenHash}`, SK: 'TRACK', entity: 'TRACK', orderId }]);
  return { token: link.token, customerId };
}

const putPreferences = (token: string, contactId: string, query?: Record<string, string>) =>
  invoke(
    customerApi as ApiLambda,
    apiEvent('PUT /v1/track/{token}/preferences', {
      params: { token },
      ...(query ? { query } : {}),
      body: { contactId, preferences: { optOut: { email: true } } },
    }),
  );

describe('PUT /v1/track/{token}/preferences', () => {
  it('changes nothing without the signature of the contact it names', async () => {
    const { token, customerId } = await orderWithTwoContacts('ord_prefs_unsigned');
    const unsigned = await putPreferences(token, 'planner');
    expect(unsigned.status).toBe(400);
    const otherContactsSignature = await contactSignature('ord_prefs_unsigned', 'buyer');
    const forged = await putPreferences(token, 'planner', { sig: otherContactsSignature });
    expect(forged.status).toBe(404);
    const customer = await getCustomer(customerId, true);
    expect(customer?.contacts.every((contact) => !contact.preferences?.optOut?.email)).toBe(true);
  });

  it("changes the signed contact's settings and no one else's", async () => {
    const { token, customerId } = await orderWithTwoContacts('ord_prefs_signed');
    const sig = await contactSignature('ord_prefs_signed', 'planner');
    const response = await putPreferences(token, 'planner', { sig });
    expect(response.status).toBe(200);
    const customer = await getCustomer(customerId, true);
    const optedOut = (id: string) =>
      customer?.contacts.find((contact) => contact.id === id)?.preferences?.optOut?.email === true;
    expect(optedOut('planner')).toBe(true);
    expect(optedOut('buyer')).toBe(false);
  });
});
