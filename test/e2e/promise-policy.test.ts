import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erpEvent, untilStatus } from '../../infra/local/scenario.ts';
import { addBusinessDays, localDateTime } from '../../functions/domain/promise/calendar.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

/**
 * The plant's promise policy through the local runtime's HTTP API: the ERP sets it with a signed
 * PUT /v1/erp/supply, an ERP event teaches how late the carrier to the EU is, and the next quote
 * is later by that buffer, with the engine's date shown as the likely one.
 */
let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntimeProcess();
}, 200_000);
afterAll(async () => {
  await runtime?.stop();
});

const weekdays = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] as string[] };
/** The seeded plant (infra/local/seed.ts), with a policy. */
const plant = (promisePolicy: Record<string, unknown>) => ({
  timeZone: 'Europe/Berlin',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: weekdays,
  shippingCalendar: weekdays,
  supplierCalendar: weekdays,
  promisePolicy,
});

interface OrderView {
  promisedDate?: string;
  /** The order's promise record: the versioned promise and its latest projection. */
  promise: {
    promise: { version: number; date: string; likelyDate?: string; bufferDays?: number };
  } | null;
}

async function quotedValves(): Promise<{ orderId: string; view: OrderView }> {
  const inquiry = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
    customerId: 'acme',
    lines: [{ sku: 'VALVE-10', quantity: 5 }],
  });
  expect(inquiry.status).toBe(201);
  await untilStatus(runtime.api, inquiry.body.orderId, 'QUOTED');
  const view = await runtime.api.sales<OrderView>('GET', `/v1/orders/${inquiry.body.orderId}`);
  expect(view.status).toBe(200);
  return { orderId: inquiry.body.orderId, view: view.body };
}

describe('promise policy in the running product', { timeout: 180_000 }, () => {
  it('refuses a confidence out of bounds with 400 naming the field and the bound', async () => {
    const refused = await runtime.api.erp<{ errors?: { path: string; message: string }[] }>(
      'PUT',
      '/v1/erp/supply',
      { plant: plant({ confidence: 1.5 }) },
    );

    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('plant.promisePolicy.confidence');
    expect(JSON.stringify(refused.body)).toContain('0.999');
  });

  it('quotes later by the lateness ERP events taught, and shows the engine date as likely', async () => {
    const set = await runtime.api.erp('PUT', '/v1/erp/supply', {
      plant: plant({ confidence: 0.97, minimumObservations: 1 }),
    });
    expect(set.status).toBe(200);
    // Nothing learned yet: the engine's date, unbuffered.
    const first = await quotedValves();
    const engineDate = first.view.promise?.promise.date as string;
    expect(first.view.promise?.promise.likelyDate).toBeUndefined();

    // The carrier picks the first order up today; EU is 2 business days away, it says 3 more.
    const today = localDateTime(new Date(), 'Europe/Berlin').date;
    const estimate = addBusinessDays(weekdays, today, 2 + 3);
    const shipped = await runtime.api.erp(
      'POST',
      '/v1/erp/events',
      erpEvent(first.orderId, 'SHIPPED', {
        carrier: 'DHL',
        trackingNumber: 'JD0001',
        estimatedDelivery: estimate,
      }),
    );
    expect(shipped.status).toBeLessThan(300);
    const next = await quotedValves();

    expect(next.view.promise?.promise).toMatchObject({
      version: 1,
      date: addBusinessDays(weekdays, engineDate, 3),
      likelyDate: engineDate,
      bufferDays: 3,
    });
    expect(next.view.promisedDate).toBe(addBusinessDays(weekdays, engineDate, 3));

    // The what-if says what the quote says: the engine's plan, and the promise under the policy.
    const check = await runtime.api.sales<{
      date: string;
      promisedDate: string;
      likelyDate: string | null;
      bufferDays: number;
    }>('POST', '/v1/promise-check', { region: 'EU', lines: [{ sku: 'VALVE-10', quantity: 5 }] });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      date: engineDate,
      promisedDate: addBusinessDays(weekdays, engineDate, 3),
      likelyDate: engineDate,
      bufferDays: 3,
    });
  });
});
