import { describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { createOrder } from '../../../functions/adapters/dynamodb/order-repository.ts';
import { notifyPromiseChanges } from '../../../functions/usecases/promise/index.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

/** Tier A customers hear as soon as the projection slips, even while the promise still holds; others do not. */
const outboxes = useNotificationOutboxes();

async function orderFor(customerId: string, tier: 'A' | 'B') {
  await putCustomer({
    ...DEMO_CUSTOMERS.acme,
    locale: 'en',
    tier,
    customerId,
    updatedAt: new Date().toISOString(),
    contacts: [{ id: 'buyer', name: 'Buyer', email: `${customerId}@example.com` }],
  });
  const orderId = `ord_${customerId}`;
  const now = new Date().toISOString();
  await createOrder({
    orderId,
    customerId,
    status: 'MATERIAL_PREP',
    lines: [{ sku: 'PUMP-100', quantity: 1 }],
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

const slipped = (orderId: string) => ({
  orderId,
  kind: 'kept' as const,
  slipped: true,
  previousDate: '2026-12-10',
  newDate: '2026-12-10',
  version: 1,
  cause: [{ kind: 'capacity' as const, workCenter: 'ASSEMBLY', fullUntil: '2026-12-06', date: '2026-12-08' }],
  overCommitted: [],
  newlyOverCommitted: [],
});

const subjects = async () =>
  ((await (await fetch(outboxes.ses.storeUrl)).json()) as { emails: { subject: string }[] }).emails.map(
    (mail) => mail.subject,
  );

describe('early warnings when the projection slips but the promise holds', () => {
  it('warns a tier A customer once, with the cause', async () => {
    const orderId = await orderFor('tier-a', 'A');
    await notifyPromiseChanges([slipped(orderId)]);
    await notifyPromiseChanges([slipped(orderId)]);
    expect(
      (await subjects()).filter((subject) => subject === `Order ${orderId}: early warning`),
    ).toHaveLength(1);
  });

  it('does not warn a tier B customer while the promise holds', async () => {
    const orderId = await orderFor('tier-b', 'B');
    await notifyPromiseChanges([slipped(orderId)]);
    expect((await subjects()).some((subject) => subject.includes(orderId))).toBe(false);
  });
});
