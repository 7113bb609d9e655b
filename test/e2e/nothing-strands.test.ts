import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { mails, orderStatus, trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

/**
 * Every order either moves on by itself or is in front of a person, through the local runtime's
 * HTTP API: 20 customers accept at the same moment for 10 units of a SKU that cannot be bought
 * in; then sales cancel one of the orders left without a date, and retry another once stock is back.
 */
let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntimeProcess();
}, 200_000);
afterAll(async () => {
  await runtime?.stop();
});

type Listed = { orderId: string; status: string; needsAttention: { cause: string } | null };
const sku = `RACE-${randomUUID().slice(0, 8)}`;
const needingAttention: string[] = [];

const mailCount = async (to: string, subject: string) =>
  (await mails(runtime.session)).filter(
    (mail) => mail.subject === subject && mail.destination.to.includes(to),
  ).length;

describe('nothing strands', { timeout: 240_000 }, () => {
  it('20 simultaneous accepts for 10 shelf-only units: 10 confirmed, 10 in front of sales with the cause, 0 stranded', async () => {
    const product = await runtime.api.erp('PUT', `/v1/erp/products/${sku}`, {
      name: 'Last-batch gasket',
      kind: 'stock',
      unitPrice: 10,
    });
    expect(product.status).toBeLessThan(300);
    expect(
      (await runtime.api.erp('PUT', '/v1/erp/supply', { stock: [{ sku, onHand: 10 }] })).status,
    ).toBeLessThan(300);
    const inquiries = await Promise.all(
      Array.from({ length: 20 }, () =>
        runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
          customerId: 'acme',
          lines: [{ sku, quantity: 1 }],
        }),
      ),
    );
    const orderIds = inquiries.map((inquiry) => inquiry.body.orderId);
    const paths = [];
    for (const orderId of orderIds) {
      await untilStatus(runtime.api, orderId, 'QUOTED', 120_000);
      paths.push(await trackingPathFromMail(runtime.session, orderId));
    }

    const accepts = await Promise.all(
      paths.map((path) => runtime.api.customer('POST', `${path}/decision`, { decision: 'accept' })),
    );
    expect(accepts.map((accept) => accept.status)).toEqual(Array(20).fill(200));
    const settled = await waitFor(
      'every accepted order to be confirmed or in front of sales',
      async () => {
        const orders = await Promise.all(orderIds.map((orderId) => orderStatus(runtime.api, orderId)));
        return orders.every((order) => ['MATERIAL_PREP', 'NEEDS_ATTENTION'].includes(order.status)) && orders;
      },
      180_000,
    );

    const statuses = settled.map((order) => order.status);
    expect(statuses.filter((status) => status === 'MATERIAL_PREP')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'NEEDS_ATTENTION')).toHaveLength(10);
    needingAttention.push(...orderIds.filter((_, index) => statuses[index] === 'NEEDS_ATTENTION'));
    const listed = await runtime.api.sales<{ orders: Listed[] }>(
      'GET',
      '/v1/orders?status=NEEDS_ATTENTION&limit=100',
    );
    const mine = listed.body.orders.filter((order) => needingAttention.includes(order.orderId));
    expect(mine).toHaveLength(10);
    for (const order of mine) expect(order.needsAttention?.cause).toContain(`No supply path for ${sku}`);
    for (const orderId of needingAttention) {
      const subject = `Needs attention: order ${orderId}`;
      await waitFor(`the notices of ${orderId}`, async () =>
        (await mailCount('operations@example.com', subject)) === 1 ? true : undefined,
      );
      expect(await mailCount('sam.sales@plant.example', subject)).toBe(1);
    }
  });

  it('cancels an order that needs attention: CANCELLED at once, the customer told once, a second cancel 409', async () => {
    const orderId = needingAttention[0]!;

    const cancel = await runtime.api.sales('POST', `/v1/orders/${orderId}/cancel`, {
      reason: 'Nothing left to ship',
    });
    const again = await runtime.api.sales('POST', `/v1/orders/${orderId}/cancel`, { reason: 'again' });

    expect(cancel.status).toBe(200);
    expect(again.status).toBe(409);
    expect((await orderStatus(runtime.api, orderId)).status).toBe('CANCELLED');
    await waitFor('the cancellation notice', async () =>
      (await mailCount('ada.buyer@acme.example', `Order ${orderId} was cancelled`)) === 1 ? true : undefined,
    );
  });

  it('retries an order that needs attention once stock is back: it is confirmed, and a second retry is 409', async () => {
    const orderId = needingAttention[1]!;
    await runtime.api.erp('PUT', '/v1/erp/supply', { stock: [{ sku, onHand: 11 }] });

    const retry = await runtime.api.sales<{ executionName: string }>(
      'POST',
      `/v1/orders/${orderId}/retry`,
      {},
    );
    const again = await runtime.api.sales('POST', `/v1/orders/${orderId}/retry`, {});

    expect(retry.status).toBe(202);
    expect(retry.body.executionName).toBe(`${orderId}--r1`);
    expect(again.status).toBe(409);
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP', 60_000);
  });
});
