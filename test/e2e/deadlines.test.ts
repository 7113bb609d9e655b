import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import {
  erpEvent,
  mails,
  orderStatus,
  trackingPathFromMail,
  untilStatus,
} from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

/** Durations are settings: here a quote is valid 4 s, a stage has 3 s, and an unconfirmed promise escalates after 2 s. */
let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntimeProcess({
    env: {
      QUOTE_VALIDITY_SECONDS: '4',
      STAGE_DEADLINE_SECONDS: '3',
      SALES_ESCALATION_SECONDS: '2',
      OVERDUE_RECHECK_SECONDS: '600',
    },
  });
}, 200_000);
afterAll(async () => {
  await runtime?.stop();
});

const mailed = (subject: string) =>
  waitFor(`mail "${subject}"`, async () =>
    (await mails(runtime.session)).find((mail) => mail.subject === subject),
  );

describe('deadlines', { timeout: 120_000 }, () => {
  it('expires a quote nobody decided on, tells the customer, and refuses a late acceptance', async () => {
    const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'VALVE-10', quantity: 3 }],
    });
    await untilStatus(runtime.api, body.orderId, 'QUOTED');
    const trackingPath = await trackingPathFromMail(runtime.session, body.orderId);
    await untilStatus(runtime.api, body.orderId, 'QUOTE_EXPIRED');
    await mailed(`Your quote for order ${body.orderId} has expired`);
    const late = await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body)).toContain('expired');
  });

  it('escalates an unconfirmed promise to the sales manager and keeps waiting', async () => {
    const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'PUMP-100', quantity: 1 }],
    });
    await untilStatus(runtime.api, body.orderId, 'AWAITING_SALES_CONFIRMATION');
    const escalation = await mailed(`Escalation: order ${body.orderId} is waiting for confirmation`);
    expect(escalation.destination.to).toEqual(['sales.manager@example.com']);
    expect((await orderStatus(runtime.api, body.orderId)).status).toBe('AWAITING_SALES_CONFIRMATION');
    expect(
      (await runtime.api.sales('POST', `/v1/orders/${body.orderId}/promise`, { action: 'confirm' })).status,
    ).toBe(200);
    await untilStatus(runtime.api, body.orderId, 'QUOTED');
  });

  it('flags an order at risk when the ERP misses a stage deadline, tells sales, and goes on when the event comes', async () => {
    const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'VALVE-10', quantity: 4 }],
    });
    await untilStatus(runtime.api, body.orderId, 'QUOTED');
    const trackingPath = await trackingPathFromMail(runtime.session, body.orderId);
    await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    await untilStatus(runtime.api, body.orderId, 'MATERIAL_PREP');

    const flagged = await waitFor('the at-risk flag', async () => {
      const order = await orderStatus(runtime.api, body.orderId);
      return order.atRisk && order;
    });
    expect(flagged.status).toBe('MATERIAL_PREP');
    await mailed(`At risk: order ${body.orderId}`);
    const inbox = (await (await fetch(runtime.session.erpInboxUrl!)).json()) as {
      requests: { signatureValid: boolean; body: { orderId: string; stage: string } }[];
    };
    expect(inbox.requests.find((request) => request.body.orderId === body.orderId)).toMatchObject({
      signatureValid: true,
      body: { type: 'STATUS_REQUESTED', stage: 'MATERIALS_READY' },
    });
    const atRisk = await runtime.api.sales<{ orders: { orderId: string }[] }>(
      'GET',
      '/v1/orders?atRisk=true&limit=100',
    );
    expect(atRisk.body.orders.map((order) => order.orderId)).toContain(body.orderId);

    await runtime.api.erp('POST', '/v1/erp/events', erpEvent(body.orderId, 'MATERIALS_READY'));
    await runtime.api.erp('POST', '/v1/erp/events', erpEvent(body.orderId, 'PRODUCTION_STARTED'));
    await untilStatus(runtime.api, body.orderId, 'IN_PRODUCTION');
  });
});
