import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../../functions/adapters/dynamodb/client.ts';
import { stockKey } from '../../../functions/adapters/dynamodb/entities/supply.ts';
import type { ApiRequest } from '../../../functions/handlers/api/http/types.ts';
import { route as checkPromise } from '../../../functions/handlers/api/routes/check-promise.ts';
import { route as putProduct } from '../../../functions/handlers/api/routes/put-product.ts';
import { route as putSupply } from '../../../functions/handlers/api/routes/put-supply.ts';
import { reserveForOrder } from '../../../functions/usecases/promise/index.ts';
import { NOW, quoted, stockedSku, unique, useFreshTable } from './fixtures.ts';

beforeAll(useFreshTable);

const request = <Body>(body: Body, params: Record<string, string> = {}): ApiRequest<Body> => ({
  body,
  rawBody: JSON.stringify(body),
  params,
  query: {},
  headers: {},
  principal: { kind: 'erp' },
});

const stockItem = async (sku: string) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: stockKey(sku), ConsistentRead: true })))
    .Item;

describe('the promise routes', () => {
  it('answers a promise check with dates and basis, holding nothing', async () => {
    const sku = await stockedSku(10);
    const before = await stockItem(sku);

    const response = await checkPromise.handle(
      request({ region: 'EU', lines: [{ sku, quantity: 4 }], acceptsSplitDelivery: false }),
    );

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ lines: [{ sku, quantity: 4, method: 'ATP' }] });
    expect((response.body as { lines: object[] }).lines[0]).not.toHaveProperty('stockToReserve');
    expect(await stockItem(sku)).toEqual(before);
  });

  it('refuses a product whose path SKU is malformed', async () => {
    const attempt = putProduct.handle(
      request({ name: 'x', kind: 'stock', bom: [], routing: [], unitPrice: 1 }, { sku: 'bad sku!' }),
    );

    await expect(attempt).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('reports a repeated identical product as unchanged, re-promising nothing', async () => {
    const sku = unique('PUMP');
    const body = { name: 'Pump', kind: 'stock' as const, bom: [], routing: [], unitPrice: 40 };
    await putProduct.handle(request(body, { sku }));

    const response = await putProduct.handle(request(body, { sku }));

    expect(response.body).toMatchObject({ sku, changed: false, repromised: 0 });
  });

  it('stores supply and answers with what changed and each re-promised order', async () => {
    const sku = await stockedSku(6);
    const orderId = await quoted([{ sku, quantity: 6 }]);
    await reserveForOrder(orderId, NOW);

    const response = await putSupply.handle(request({ stock: [{ sku, onHand: 2 }] }));

    expect(response.body).toMatchObject({
      changed: { skus: [sku], workCenters: [] },
      repromised: 1,
      changes: [{ orderId, kind: 'changed', previousDate: '2026-11-24', version: 2 }],
    });
  });
});
