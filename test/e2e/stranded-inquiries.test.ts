/**
 * An inquiry is stored, then its workflow started. A crash between the two leaves the order
 * INQUIRY_RECEIVED with no execution; the scheduled StrandedInquiries function (every second in the
 * local runtime) must start it by itself, once the inquiry is over a minute old.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from '../../functions/adapters/dynamodb/order-repository.ts';
import type { Order } from '../../functions/adapters/dynamodb/entities/order.ts';
import { trackingLink } from '../../functions/shared/auth/tracking-token.ts';
import { ApiClient, waitFor } from '../../infra/local/api-client.ts';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.ts';
import { mails, orderStatus, untilStatus } from '../../infra/local/scenario.ts';

let runtime: LocalRuntime;
let api: ApiClient;
const environment = { ...process.env };

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0 });
  api = new ApiClient(runtime);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  // The runtime set the handlers' settings in this process; later test files must not see them.
  for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
  Object.assign(process.env, environment);
});

/** Stores an inquiry exactly as receiveInquiry does, created `ageSeconds` ago, and starts nothing. */
async function inquiryLeftByACrash(ageSeconds: number): Promise<string> {
  const orderId = `ord_${randomBytes(12).toString('hex')}`;
  const createdAt = new Date(Date.now() - ageSeconds * 1000).toISOString();
  const order: Order = {
    orderId,
    customerId: 'acme',
    status: 'INQUIRY_RECEIVED',
    lines: [{ sku: 'VALVE-10', quantity: 1 }],
    createdAt,
    updatedAt: createdAt,
    createdBy: 'local-sales-user',
    requestHash: 'left-by-a-crash',
    executionName: orderId,
    atRisk: false,
    completedStages: [],
  };
  const { tokenHash } = await trackingLink(orderId);
  expect(
    await createOrder(order, [{ PK: `TRACK#${tokenHash}`, SK: 'TRACK', entity: 'TRACK', orderId }]),
  ).toBe(true);
  return orderId;
}

describe('an inquiry stored but never started', { timeout: 120_000 }, () => {
  it('is started by itself once over a minute old, and quoted', async () => {
    const orderId = await inquiryLeftByACrash(90);

    await untilStatus(api, orderId, 'QUOTED', 60_000);

    const quoteMails = await waitFor('the quote in the mail outbox', async () => {
      const found = (await mails(runtime)).filter((mail) => mail.subject.includes(orderId));
      return found.length > 0 && found;
    });
    expect(quoteMails).toHaveLength(1);
  });

  it('is left alone while younger than a minute (its own start may still be on the way)', async () => {
    const orderId = await inquiryLeftByACrash(0);

    // Three runs of the local schedule (one a second) go by.
    await new Promise((resolve) => setTimeout(resolve, 3500));

    expect((await orderStatus(api, orderId)).status).toBe('INQUIRY_RECEIVED');
  });
});
