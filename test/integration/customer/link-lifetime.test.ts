import { describe, expect, it } from 'vitest';
import { putCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { createOrder, transitionOrder } from '../../../functions/adapters/dynamodb/order-repository.ts';
import { getTrack } from '../../../functions/adapters/dynamodb/tracking-repository.ts';
import type { Order } from '../../../functions/adapters/dynamodb/entities/order.ts';
import { hashTrackingToken, trackingLink } from '../../../functions/shared/auth/tracking-token.ts';
import { NotFoundError } from '../../../functions/shared/errors.ts';
import { openLinkedOrder, sendFreshLink } from '../../../functions/usecases/customer/wiring.ts';
import { customerOrderPage } from '../../../functions/usecases/customer/wiring.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

/** Tracking links against DynamoDB Local and the local SES: how long they work, and a fresh one. */
const outboxes = useNotificationOutboxes();

const DAY = 86_400_000;

async function deliveredOrder(orderId: string, deliveredAt: Date) {
  const customerId = `cust-${orderId}`;
  const email = `${orderId}@example.com`;
  await putCustomer({
    ...DEMO_CUSTOMERS.acme,
    customerId,
    updatedAt: deliveredAt.toISOString(),
    contacts: [{ id: 'buyer', name: 'Ada Buyer', email }],
  });
  const created = new Date(deliveredAt.getTime() - 20 * DAY).toISOString();
  const order: Order = {
    orderId,
    customerId,
    status: 'SHIPPED',
    lines: [{ sku: 'VALVE-10', quantity: 2 }],
    createdAt: created,
    updatedAt: created,
    createdBy: 'test',
    requestHash: 'x',
    executionName: orderId,
    atRisk: false,
    completedStages: ['MATERIALS_READY', 'PRODUCTION_STARTED', 'PRODUCTION_COMPLETED', 'SHIPPED'],
  };
  const first = await trackingLink(orderId);
  await createOrder(order, [{ PK: `TRACK#${first.tokenHash}`, SK: 'TRACK', entity: 'TRACK', orderId }]);
  await transitionOrder(orderId, { to: 'DELIVERED', at: deliveredAt.toISOString(), summary: 'Delivered' });
  return { token: first.token, email };
}

const mailsTo = async (address: string) =>
  (
    (await (await fetch(outboxes.ses.storeUrl)).json()) as {
      emails: { destination: { to: string[] }; subject: string; body: { text?: string } }[];
    }
  ).emails.filter((mail) => mail.destination.to.includes(address));

describe('tracking link lifetime', () => {
  it('opens a delivered order until 90 days after delivery, and answers like an unknown link after', async () => {
    const { token } = await deliveredOrder('ord_recent', new Date(Date.now() - 30 * DAY));
    const track = await getTrack(hashTrackingToken(token));
    await expect(customerOrderPage(track!)).resolves.toMatchObject({
      orderId: 'ord_recent',
      status: 'DELIVERED',
    });

    const old = await deliveredOrder('ord_old', new Date(Date.now() - 100 * DAY));
    await expect(
      openLinkedOrder((await getTrack(hashTrackingToken(old.token)))!, new Date()),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('emails a fresh link to the order contact once a day, and the fresh link opens the order', async () => {
    const { token, email } = await deliveredOrder('ord_fresh', new Date(Date.now() - 100 * DAY));
    await sendFreshLink(token);
    await sendFreshLink(token); // a second press the same day sends nothing more
    const sent = await mailsTo(email);
    expect(sent.map((mail) => mail.subject)).toEqual(['A fresh link to your order ord_fresh']);

    const fresh = /\/v1\/track\/([A-Za-z0-9_-]+)/.exec(sent[0]?.body.text ?? '')?.[1];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(token);
    const access = await getTrack(hashTrackingToken(fresh!));
    expect(access?.issuedAt).toBeDefined();
    await expect(openLinkedOrder(access!, new Date())).resolves.toMatchObject({
      order: { orderId: 'ord_fresh' },
    });
  });

  it('does nothing, and says nothing different, for a token that belongs to no order', async () => {
    await expect(sendFreshLink('B'.repeat(43))).resolves.toBeUndefined();
  });
});
