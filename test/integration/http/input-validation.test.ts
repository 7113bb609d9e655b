import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../../functions/adapters/dynamodb/client.ts';
import { getCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { stockKey } from '../../../functions/adapters/dynamodb/entities/supply.ts';
import { getPlant, getProducts } from '../../../functions/adapters/dynamodb/supply-repository.ts';
import { handler as erpApi } from '../../../functions/handlers/api/erp.ts';
import { handler as salesApi } from '../../../functions/handlers/api/sales.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { apiEvent, invoke, SALES_CLAIMS, type ApiLambda } from '../../support/api-events.ts';
import { unique, useFreshTable } from '../promise/fixtures.ts';

const ERP_SECRET = 'validation-test-secret';
const weekdays = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] as string[] };
const plant = {
  timeZone: 'Europe/Berlin',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: weekdays,
  shippingCalendar: weekdays,
  supplierCalendar: weekdays,
};

const erp = (routeKey: string, body: unknown, params?: Record<string, string>) =>
  invoke(
    erpApi as ApiLambda,
    apiEvent(routeKey, { body, erpSecret: ERP_SECRET, ...(params ? { params } : {}) }),
  );
const sales = (routeKey: string, options: Parameters<typeof apiEvent>[1] = {}) =>
  invoke(salesApi as ApiLambda, apiEvent(routeKey, { claims: SALES_CLAIMS, ...options }));

const fieldsOf = (body: Record<string, unknown>) =>
  ((body.errors ?? []) as { path: string }[]).map((issue) => issue.path);

const stockOf = async (sku: string) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: stockKey(sku), ConsistentRead: true })))
    .Item;

async function stockProduct(): Promise<string> {
  const sku = unique('PART');
  const put = await erp('PUT /v1/erp/products/{sku}', { name: sku, kind: 'stock', unitPrice: 1 }, { sku });
  expect(put.status).toBe(200);
  return sku;
}

beforeAll(async () => {
  await useFreshTable();
  Object.assign(process.env, {
    ERP_SECRET,
    TRACKING_SECRET: 'validation-tracking-secret',
    PUBLIC_BASE_URL: 'http://localhost',
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
  expect((await erp('PUT /v1/erp/supply', { plant })).status).toBe(200);
});

describe('supply writes are validated before anything is stored', () => {
  it('refuses a plant time zone that does not exist, naming it, and keeps the stored plant', async () => {
    const response = await erp('PUT /v1/erp/supply', { plant: { ...plant, timeZone: 'Mars/Olympus' } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['plant.timeZone']);
    expect((await getPlant()).timeZone).toBe('Europe/Berlin');
  });

  it('refuses a calendar closed for a whole year with 422 naming its holidays', async () => {
    const holidays = Array.from({ length: 400 }, (_, day) =>
      new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10),
    );

    const response = await erp('PUT /v1/erp/supply', {
      plant: { ...plant, plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5, 6, 7], holidays } },
    });

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['plant.plantCalendar.holidays']);
    expect((await getPlant()).plantCalendar).toEqual(weekdays);
  });

  it.each([
    ['1e308', 1e308],
    ['2^53', 2 ** 53],
    ['1e-300', 1e-300],
    ['a negative count', -1],
  ])('refuses %s units on hand naming the field, and writes none of the update', async (_name, onHand) => {
    const [first, second] = [await stockProduct(), await stockProduct()];

    const response = await erp('PUT /v1/erp/supply', {
      stock: [
        { sku: first, onHand: 5 },
        { sku: second, onHand },
      ],
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['stock.1.onHand']);
    expect(await stockOf(first)).toBeUndefined();
  });

  it('refuses a receipt dated 9999-12-31 with 422 naming its date', async () => {
    const sku = await stockProduct();

    const response = await erp('PUT /v1/erp/supply', {
      receipts: [{ sku, quantity: 5, date: '9999-12-31', ref: 'PO-9' }],
    });

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['receipts.0.date']);
    expect(await stockOf(sku)).toBeUndefined();
  });

  it('stores the largest quantity the schema allows and reads it back unchanged', async () => {
    const sku = await stockProduct();

    const response = await erp('PUT /v1/erp/supply', { stock: [{ sku, onHand: 999_999_999.123456 }] });

    expect(response.status).toBe(200);
    expect((await stockOf(sku))?.onHand).toBe(999_999_999.123456);
  });
});

describe('products must refer to master data that exists', () => {
  it('refuses a BOM component that is not a product, with 422 naming the line', async () => {
    const sku = unique('KIT');

    const response = await erp(
      'PUT /v1/erp/products/{sku}',
      { name: 'kit', kind: 'make', unitPrice: 5, bom: [{ sku: unique('GHOST'), quantityPer: 1 }] },
      { sku },
    );

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['bom.0.sku']);
    expect(await getProducts([sku])).toEqual(new Map());
  });

  it('refuses a routing step on a work center without a calendar, naming it', async () => {
    const sku = unique('KIT');

    const response = await erp(
      'PUT /v1/erp/products/{sku}',
      {
        name: 'kit',
        kind: 'make',
        unitPrice: 5,
        routing: [{ workCenter: unique('NOWHERE'), hoursPerUnit: 1 }],
      },
      { sku },
    );

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['routing.0.workCenter']);
    expect(await getProducts([sku])).toEqual(new Map());
  });

  it('refuses a BOM cycle A -> B -> A and keeps A as it was', async () => {
    const [a, b] = [unique('A'), unique('B')];
    await erp('PUT /v1/erp/products/{sku}', { name: 'a', kind: 'stock', unitPrice: 1 }, { sku: a });
    const makeB = { name: 'b', kind: 'make', unitPrice: 1, bom: [{ sku: a, quantityPer: 1 }] };
    expect((await erp('PUT /v1/erp/products/{sku}', makeB, { sku: b })).status).toBe(200);

    const response = await erp(
      'PUT /v1/erp/products/{sku}',
      { name: 'a', kind: 'make', unitPrice: 1, bom: [{ sku: b, quantityPer: 1 }] },
      { sku: a },
    );

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['bom.0.sku']);
    expect(JSON.stringify(response.body)).toContain(`${a} -> ${b}`);
    expect((await getProducts([a])).get(a)?.bom).toEqual([]);
  });

  it('refuses a cycle three levels deep', async () => {
    const [a, b, c] = [unique('A'), unique('B'), unique('C')];
    await erp('PUT /v1/erp/products/{sku}', { name: 'a', kind: 'stock', unitPrice: 1 }, { sku: a });
    const on = (sku: string) => ({ name: 'x', kind: 'make', unitPrice: 1, bom: [{ sku, quantityPer: 1 }] });
    await erp('PUT /v1/erp/products/{sku}', on(a), { sku: b });
    await erp('PUT /v1/erp/products/{sku}', on(b), { sku: c });

    const response = await erp('PUT /v1/erp/products/{sku}', on(c), { sku: a });

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['bom.0.sku']);
  });
});

describe('customers, ERP events, cursors and paths', () => {
  it('refuses a customer whose region has no transit time, with 422 naming the region', async () => {
    const id = unique('cust');

    const response = await sales('PUT /v1/customers/{id}', {
      params: { id },
      body: { ...DEMO_CUSTOMERS.acme, region: 'ATLANTIS' },
    });

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual(['region']);
    expect(await getCustomer(id, true)).toBeUndefined();
  });

  it('stores a customer whose region has a transit time', async () => {
    const id = unique('cust');

    const response = await sales('PUT /v1/customers/{id}', { params: { id }, body: DEMO_CUSTOMERS.acme });

    expect(response.status).toBe(200);
  });

  it.each([
    [
      'data.newEstimatedDate',
      {
        type: 'DELAY_REPORTED',
        data: { stage: 'PRODUCTION_COMPLETED', newEstimatedDate: '9999-12-31', reason: 'press broke' },
      },
    ],
    [
      'data.estimatedDelivery',
      { type: 'SHIPPED', data: { carrier: 'DHL', trackingNumber: '1', estimatedDelivery: '1000-01-01' } },
    ],
    ['occurredAt', { type: 'MATERIALS_READY', occurredAt: '9999-12-31T00:00:00Z' }],
  ])('answers 422 naming %s for an ERP event date out of range', async (field, event) => {
    const response = await erp('POST /v1/erp/events', {
      eventId: unique('evt'),
      orderId: unique('ord'),
      occurredAt: '2026-11-30T10:00:00Z',
      ...event,
    });

    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toEqual([field]);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['JSON that is not a key', Buffer.from('[1,2]').toString('base64url')],
    ['a key with a foreign attribute', Buffer.from('{"PK":"ORDER#1","password":"x"}').toString('base64url')],
    ['a key with a non-string value', Buffer.from('{"PK":{"S":"x"},"SK":"y"}').toString('base64url')],
  ])('refuses a list cursor that is %s, naming it', async (_name, cursor) => {
    const response = await sales('GET /v1/orders', { query: { cursor } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['query.cursor']);
  });

  it('refuses an order id longer than a key may be, naming the path parameter', async () => {
    const response = await sales('GET /v1/orders/{id}', { params: { id: 'x'.repeat(3000) } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['id']);
  });

  it('refuses an Idempotency-Key that is not short visible ASCII, naming the header', async () => {
    const response = await sales('POST /v1/inquiries', {
      body: { customerId: 'acme', lines: [{ sku: 'X', quantity: 1 }] },
      headers: { 'idempotency-key': 'k'.repeat(300) },
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['header.idempotency-key']);
  });
});
