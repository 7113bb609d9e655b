import { beforeAll, describe, expect, it } from 'vitest';
import { commitHolds, loadSnapshot } from '../../../functions/adapters/dynamodb/supply-repository.ts';
import { skuPartition } from '../../../functions/adapters/dynamodb/entities/supply.ts';
import { workCenterPartition } from '../../../functions/adapters/dynamodb/entities/work-center.ts';
import { addDays } from '../../../functions/domain/promise/calendar.ts';
import { handler as erpApi } from '../../../functions/handlers/api/erp.ts';
import { erpSignature } from '../../../infra/local/api-client.ts';
import { apiEvent, invoke, type ApiLambda } from '../../support/api-events.ts';
import { madeSku, stockedSku, unique, useFreshTable } from '../promise/fixtures.ts';

const ERP_SECRET = 'erp-reads-secret';
const erp = erpApi as ApiLambda;
const today = () => new Date().toISOString().slice(0, 10);

const signedGet = (
  routeKey: string,
  options: { params?: Record<string, string>; query?: Record<string, string> },
) => apiEvent(routeKey, { ...options, erpSecret: ERP_SECRET });

const put = (routeKey: string, params: Record<string, string>, body: unknown) =>
  invoke(erp, apiEvent(routeKey, { params, body, erpSecret: ERP_SECRET }));

beforeAll(async () => {
  await useFreshTable();
  Object.assign(process.env, { ERP_SECRET, POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});

describe('signed ERP reads of supply', () => {
  it('answers a product with the very body a PUT stores, so GET then PUT changes nothing', async () => {
    const part = await stockedSku(5);
    const { workCenter } = await madeSku(8);
    const sku = unique('PUMP');
    const product = {
      name: 'Pump',
      kind: 'make',
      bom: [{ sku: part, quantityPer: 2 }],
      routing: [{ workCenter, hoursPerUnit: 1.5, setupHours: 0.25 }],
      unitPrice: 480,
      lotMinimum: 5,
      lotMultiple: 5,
    };
    expect((await put('PUT /v1/erp/products/{sku}', { sku }, product)).status).toBe(200);

    const got = await invoke(erp, signedGet('GET /v1/erp/products/{sku}', { params: { sku } }));
    const again = await put('PUT /v1/erp/products/{sku}', { sku }, got.body);

    expect(got.status).toBe(200);
    expect(got.body).toEqual(product);
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
  });

  it("answers a SKU's stock, receipts, holds and cumulative ATP over the horizon", async () => {
    const sku = await stockedSku(10);
    const inAWeek = addDays(today(), 7);
    await put('PUT /v1/erp/supply', {}, { receipts: [{ sku, quantity: 20, date: inAWeek, ref: 'PO-4711' }] });
    const { versions } = await loadSnapshot([sku]);
    await commitHolds(
      'ord_reads',
      [{ partition: skuPartition(sku), entries: [{ date: addDays(today(), 3), amount: 8 }] }],
      versions,
    );

    const response = await invoke(erp, signedGet('GET /v1/erp/supply', { query: { sku } }));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      sku,
      onHand: 10,
      receipts: [{ date: inAWeek, ref: 'PO-4711', quantity: 20 }],
      holds: [{ orderId: 'ord_reads', date: addDays(today(), 3), quantity: 8 }],
      horizon: { from: today(), days: 365 },
      atp: [
        { date: today(), receipts: 0, held: 0, balance: 10, atp: 2 },
        { date: addDays(today(), 3), receipts: 0, held: 8, balance: 2, atp: 2 },
        { date: inAWeek, receipts: 20, held: 0, balance: 22, atp: 22 },
      ],
    });
  });

  it('pages through every product in SKU order with the cursors it issues', async () => {
    const mine = [await stockedSku(1), await stockedSku(1), await stockedSku(1)];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke(
        erp,
        signedGet('GET /v1/erp/products', { query: { limit: '2', ...(cursor ? { cursor } : {}) } }),
      );
      expect(page.status).toBe(200);
      const products = page.body.products as { sku: string }[];
      expect(products.length).toBeLessThanOrEqual(2);
      seen.push(...products.map((product) => product.sku));
      cursor = (page.body.nextCursor as string | null) ?? undefined;
    } while (cursor);

    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(mine));
  });

  it('lists work centers with their capacity and the hours held per day', async () => {
    const { sku, workCenter } = await madeSku(6);
    const { versions } = await loadSnapshot([sku]);
    const day = addDays(today(), 1);
    await commitHolds(
      'ord_load',
      [{ partition: workCenterPartition(workCenter), entries: [{ date: day, amount: 4 }] }],
      versions,
    );
    const centers: { id: string; hoursByWeekday: unknown; load: unknown }[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke(
        erp,
        signedGet('GET /v1/erp/work-centers', { query: { limit: '50', ...(cursor ? { cursor } : {}) } }),
      );
      centers.push(...(page.body.workCenters as typeof centers));
      cursor = (page.body.nextCursor as string | null) ?? undefined;
    } while (cursor);

    const center = centers.find((candidate) => candidate.id === workCenter);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    expect(center?.hoursByWeekday).toEqual({ 1: 6, 2: 6, 3: 6, 4: 6, 5: 6 });
    expect(center?.load).toEqual([{ date: day, capacity: weekday === 0 || weekday === 6 ? 0 : 6, held: 4 }]);
  });

  it('answers 404 for a product that does not exist', async () => {
    const response = await invoke(
      erp,
      signedGet('GET /v1/erp/products/{sku}', { params: { sku: 'NOPE-1' } }),
    );

    expect(response.status).toBe(404);
  });

  it("refuses another list's cursor as a bad field, and a missing SKU", async () => {
    const page = await invoke(erp, signedGet('GET /v1/erp/products', { query: { limit: '1' } }));
    const foreign = await invoke(
      erp,
      signedGet('GET /v1/erp/work-centers', { query: { cursor: String(page.body.nextCursor) } }),
    );
    const noSku = await invoke(erp, signedGet('GET /v1/erp/supply', {}));

    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('query.cursor');
    expect(noSku.status).toBe(400);
    expect(JSON.stringify(noSku.body)).toContain('query.sku');
  });
});

describe('signing a GET binds its method, path and query', () => {
  it('refuses an unsigned GET', async () => {
    const response = await invoke(erp, apiEvent('GET /v1/erp/products', {}));

    expect(response.status).toBe(401);
  });

  it('refuses a signature made for another SKU', async () => {
    const sku = await stockedSku(3);
    const other = apiEvent('GET /v1/erp/supply', { query: { sku: 'OTHER-1' }, erpSecret: ERP_SECRET });
    const tampered = apiEvent('GET /v1/erp/supply', {
      query: { sku },
      headers: { 'x-signature': other.headers['x-signature'] ?? '' },
    });

    const response = await invoke(erp, tampered);

    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(/does not match/);
  });

  it('refuses a signature made for another path', async () => {
    const sku = await stockedSku(3);
    const list = apiEvent('GET /v1/erp/products', { erpSecret: ERP_SECRET });
    const moved = apiEvent('GET /v1/erp/products/{sku}', {
      params: { sku },
      headers: { 'x-signature': list.headers['x-signature'] ?? '' },
    });

    expect((await invoke(erp, moved)).status).toBe(401);
  });

  it('refuses a GET signed the old way, over an empty body, which would fit every GET', async () => {
    const event = apiEvent('GET /v1/erp/products', {
      headers: { 'x-signature': erpSignature(ERP_SECRET, '') },
    });

    expect((await invoke(erp, event)).status).toBe(401);
  });

  it('answers 409 to a signed GET replayed inside the window', async () => {
    const event = signedGet('GET /v1/erp/products', { query: { limit: '1' } });

    const first = await invoke(erp, event);
    const replay = await invoke(erp, event);

    expect(first.status).toBe(200);
    expect(replay).toMatchObject({ status: 409, body: { code: 'replayed-request' } });
  });

  it('accepts the query in any order and encoding, as the canonical query means the same', async () => {
    const sku = `${unique('KIT')}:A`;
    await put(
      'PUT /v1/erp/products/{sku}',
      { sku },
      { name: 'Kit', kind: 'stock', unitPrice: 1, purchaseLeadTimeDays: 3 },
    );
    const signed = apiEvent('GET /v1/erp/supply', { query: { sku }, erpSecret: ERP_SECRET });
    // Sent with ':' unencoded, as a browser or curl would send it.
    const asSent = { ...signed, rawQueryString: `sku=${sku}` };

    const response = await invoke(erp, asSent);

    expect(response.status).toBe(200);
    expect(response.body.sku).toBe(sku);
  });
});
