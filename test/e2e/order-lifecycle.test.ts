import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import {
  erpEvent,
  mails,
  orderStatus,
  runOrderScenario,
  texts,
  trackingPathFromMail,
  untilStatus,
} from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

/**
 * The product's main path through the local runtime's HTTP API. The runtime "loses" the first
 * response of ApplyStage (the step ran, its answer did not arrive), so the workflow retries a step
 * that already did its work; every ERP event is sent three times.
 */
let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntimeProcess({ env: { LOCAL_LOSE_FIRST_RESPONSE: 'ApplyStage' } });
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
});

async function quotedValveOrder(quantity = 10) {
  const inquiry = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
    customerId: 'acme',
    lines: [{ sku: 'VALVE-10', quantity }],
  });
  expect(inquiry.status).toBe(201);
  const orderId = inquiry.body.orderId;
  await untilStatus(runtime.api, orderId, 'QUOTED');
  return { orderId, trackingPath: await trackingPathFromMail(runtime.session, orderId) };
}

describe('one order from inquiry to delivery', { timeout: 120_000 }, () => {
  it('goes through every stage once, with one delay notice, whatever the ERP repeats', async () => {
    const report = await runOrderScenario(runtime.session, () => undefined, 3);
    const order = await orderStatus(runtime.api, report.orderId);

    expect(order.status).toBe('DELIVERED');
    expect(report.duplicateReplies).toHaveLength(12);
    expect(
      report.duplicateReplies.every(
        (reply) => reply.status === 200 && (reply.body as { duplicate: boolean }).duplicate,
      ),
    ).toBe(true);

    const erpEntries = order.timeline
      .filter((entry) => entry.kind.startsWith('ERP_'))
      .map((entry) => entry.kind.split('#')[0]);
    expect(erpEntries.sort()).toEqual([
      'ERP_DELAY_REPORTED',
      'ERP_DELIVERED',
      'ERP_MATERIALS_READY',
      'ERP_PRODUCTION_COMPLETED',
      'ERP_PRODUCTION_STARTED',
      'ERP_SHIPPED',
    ]);
    const statuses = order.timeline
      .filter((entry) => entry.kind.startsWith('STATUS_'))
      .map((entry) => entry.kind.replace(/#.*/, ''));
    expect(statuses).toEqual([
      'STATUS_AWAITING_SALES_CONFIRMATION',
      'STATUS_QUOTED',
      'STATUS_ORDER_CONFIRMED',
      'STATUS_MATERIAL_PREP',
      'STATUS_IN_PRODUCTION',
      'STATUS_SHIPPED',
      'STATUS_DELIVERED',
    ]);

    const orderMails = (await mails(runtime.session)).filter((mail) => mail.subject.includes(report.orderId));
    const subjects = orderMails.map((mail) => mail.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    const delayNotices = orderMails.filter((mail) => mail.subject.includes('new delivery date'));
    expect(delayNotices).toHaveLength(1);
    // The customer reads the plant's note for customers; the ERP's own reason goes to sales only.
    expect(delayNotices[0]?.body.text).toContain('A machine needs a repair');
    expect(delayNotices[0]?.body.text).not.toContain('Spindle repair');
    expect(
      orderMails.some(
        (mail) => mail.subject.startsWith('At risk') && mail.body.text?.includes('Spindle repair'),
      ),
    ).toBe(true);
    const customerKinds = order.notifications
      .filter((note) => note.channel === 'email')
      .map((note) => note.kind)
      .sort();
    expect(customerKinds).toEqual([
      'CONFIRMATION_NEEDED',
      'DELIVERED',
      'MATERIALS_READY',
      'ORDER_AT_RISK',
      'ORDER_CONFIRMED',
      'PRODUCTION_FINISHED',
      'PRODUCTION_STARTED',
      'PROMISE_CHANGED',
      'QUOTE_ACCEPTED',
      'QUOTE_READY',
      'SHIPPED',
    ]);
    const orderTexts = (await texts(runtime.session)).filter((sms) => sms.body.includes(report.orderId));
    expect(orderTexts.filter((sms) => sms.body.includes('new delivery'))).toHaveLength(1);
    expect(order.notifications.filter((note) => note.status !== 'SENT')).toEqual([]);
  });

  it('keeps a quote rejection final and tells sales', async () => {
    const { orderId, trackingPath } = await quotedValveOrder();
    expect(
      (await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'reject' })).status,
    ).toBe(200);
    await untilStatus(runtime.api, orderId, 'QUOTE_REJECTED');
    const again = await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    expect(again.status).toBe(409);
    await waitFor('the rejection notice to sales', async () =>
      (await mails(runtime.session)).some((mail) => mail.subject === `Quote rejected: order ${orderId}`),
    );
  });

  it('cancels an order in production, frees what it held and tells the customer', async () => {
    const { orderId, trackingPath } = await quotedValveOrder(30);
    await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
    await runtime.api.erp('POST', '/v1/erp/events', erpEvent(orderId, 'MATERIALS_READY'));
    await runtime.api.erp('POST', '/v1/erp/events', erpEvent(orderId, 'PRODUCTION_STARTED'));
    await untilStatus(runtime.api, orderId, 'IN_PRODUCTION');

    const cancel = await runtime.api.sales('POST', `/v1/orders/${orderId}/cancel`, {
      reason: 'Customer project stopped',
    });
    expect(cancel.status).toBe(202);
    await untilStatus(runtime.api, orderId, 'CANCELLED');
    const released = await waitFor('the holds to be released', async () => {
      const view = await runtime.api.sales<{ promise: { holds: unknown[]; open: boolean } }>(
        'GET',
        `/v1/orders/${orderId}`,
      );
      return !view.body.promise.open && view.body.promise;
    });
    expect(released.holds).toEqual([]);
    await waitFor('the cancellation notice', async () =>
      (await mails(runtime.session)).some((mail) => mail.subject === `Order ${orderId} was cancelled`),
    );
    expect(
      (await runtime.api.sales('POST', `/v1/orders/${orderId}/cancel`, { reason: 'again' })).status,
    ).toBe(409);
    expect(
      (await runtime.api.erp('POST', '/v1/erp/events', erpEvent(orderId, 'PRODUCTION_COMPLETED'))).status,
    ).toBe(409);
  });

  it('answers a retried inquiry with the same Idempotency-Key with the same order, once', async () => {
    const key = randomUUID();
    const body = { customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: 2 }] };
    const first = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', body, {
      'idempotency-key': key,
    });
    const second = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', body, {
      'idempotency-key': key,
    });
    expect(second.body.orderId).toBe(first.body.orderId);
    const different = await runtime.api.sales(
      'POST',
      '/v1/inquiries',
      { ...body, note: 'changed' },
      { 'idempotency-key': key },
    );
    expect(different.status).toBe(409);
  });
});

describe('bad input gets a 4xx that names the problem, and nothing is written', () => {
  const cases: [string, unknown, number, string][] = [
    ['malformed JSON', '{"customerId": ', 400, 'body'],
    [
      'a zero quantity',
      { customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: 0 }] },
      400,
      'lines.0.quantity',
    ],
    [
      'a negative quantity',
      { customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: -3 }] },
      400,
      'lines.0.quantity',
    ],
    [
      'a wrong type',
      { customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: 'ten' }] },
      400,
      'lines.0.quantity',
    ],
    ['an unknown SKU', { customerId: 'acme', lines: [{ sku: 'NOPE-1', quantity: 1 }] }, 400, 'lines.0.sku'],
    [
      'a date in the past',
      { customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: 1, requestedDate: '2020-01-01' }] },
      400,
      'lines.0.requestedDate',
    ],
    [
      'an unknown customer',
      { customerId: 'nobody', lines: [{ sku: 'VALVE-10', quantity: 1 }] },
      404,
      'customer',
    ],
    [
      'an unknown field',
      { customerId: 'acme', lines: [{ sku: 'VALVE-10', quantity: 1 }], discount: 50 },
      400,
      'discount',
    ],
  ];
  it.each(cases)('refuses %s', async (_name, body, status, named) => {
    const before = (await runtime.api.sales<{ orders: unknown[] }>('GET', '/v1/orders?limit=100')).body.orders
      .length;
    const raw = typeof body === 'string';
    const result = raw
      ? await fetch(new URL('/v1/inquiries', runtime.session.apiUrl), {
          method: 'POST',
          body,
          headers: {
            authorization: `Bearer ${runtime.session.salesToken}`,
            'content-type': 'application/json',
          },
        }).then(async (response) => ({
          status: response.status,
          body: await response.json(),
          headers: response.headers,
        }))
      : await runtime.api.sales('POST', '/v1/inquiries', body);
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(result.body)).toContain(named);
    expect(
      (await runtime.api.sales<{ orders: unknown[] }>('GET', '/v1/orders?limit=100')).body.orders.length,
    ).toBe(before);
  });

  it('refuses an oversized body with 413', async () => {
    const note = 'x'.repeat(70 * 1024);
    const result = await runtime.api.sales('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'VALVE-10', quantity: 1 }],
      note,
    });
    expect(result.status).toBe(413);
  });
});
