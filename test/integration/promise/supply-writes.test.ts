import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../../functions/adapters/dynamodb/client.ts';
import { getProducts, loadSnapshot } from '../../../functions/adapters/dynamodb/supply-repository.ts';
import { storeProduct, storeSupply } from '../../../functions/usecases/promise/index.ts';
import { unique, useFreshTable } from './fixtures.ts';

beforeAll(async () => {
  await useFreshTable();
  // What the bracket refers to must exist before it can be stored.
  await storeProduct('SHEET', { name: 'Steel sheet', kind: 'stock', unitPrice: 3, purchaseLeadTimeDays: 4 });
  await storeSupply({ workCenters: [{ id: 'PRESS', hoursByWeekday: { 1: 8, 2: 8 }, exceptions: {} }] });
});

const bracket = {
  name: 'Steel bracket',
  kind: 'make',
  bom: [{ sku: 'SHEET', quantityPer: 0.5 }],
  routing: [{ workCenter: 'PRESS', hoursPerUnit: 0.1, setupHours: 1 }],
  unitPrice: 12.5,
  lotMinimum: 10,
  lotMultiple: 5,
};

async function partitionItems(partition: string) {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

async function product(name: string): Promise<string> {
  const sku = unique(name);
  await storeProduct(sku, { name: sku, kind: 'stock', unitPrice: 1, purchaseLeadTimeDays: 5 });
  return sku;
}

describe('storing products pushed by the ERP', () => {
  it('round-trips a product with its BOM, routing, price and lot sizes', async () => {
    const sku = unique('BRACKET');

    await storeProduct(sku, bracket);

    expect((await getProducts([sku])).get(sku)).toEqual({ sku, ...bracket });
  });

  it('reports an identical repeated PUT as no change', async () => {
    const sku = unique('BRACKET');
    await storeProduct(sku, bracket);

    const repeated = await storeProduct(sku, { ...bracket });

    expect(repeated).toEqual({ sku, changed: false });
  });

  it('rejects a negative price naming the field, and writes nothing', async () => {
    const sku = unique('BRACKET');

    const attempt = storeProduct(sku, { ...bracket, unitPrice: -1 });

    await expect(attempt).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: 'unitPrice' })],
    });
    expect(await getProducts([sku])).toEqual(new Map());
  });

  it('rejects a product that lists itself in its BOM', async () => {
    const sku = unique('BRACKET');

    const attempt = storeProduct(sku, { ...bracket, bom: [{ sku, quantityPer: 1 }] });

    await expect(attempt).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await getProducts([sku])).toEqual(new Map());
  });
});

describe('storing supply pushed by the ERP', () => {
  it('round-trips stock, receipts, a calendar and a transit time into the snapshot', async () => {
    const sku = await product('BOLT');
    const center = unique('LATHE');

    const changed = await storeSupply({
      stock: [{ sku, onHand: 40 }],
      receipts: [{ sku, quantity: 100, date: '2026-12-01', ref: 'PO-1' }],
      workCenters: [{ id: center, hoursByWeekday: { 1: 8, 2: 8 }, exceptions: { '2026-12-24': 0 } }],
      transit: [{ region: 'APAC', days: 6 }],
    });
    await storeProduct(`${sku}-KIT`, {
      name: 'kit',
      kind: 'make',
      bom: [{ sku, quantityPer: 2 }],
      routing: [{ workCenter: center, hoursPerUnit: 1 }],
      unitPrice: 9,
    });

    expect(changed).toEqual({ skus: [sku], workCenters: [center], regions: ['APAC'], plant: false });
    const { snapshot } = await loadSnapshot([`${sku}-KIT`], 'APAC');
    expect(snapshot.onHand.get(sku)).toBe(40);
    expect(snapshot.receipts).toEqual([{ sku, quantity: 100, date: '2026-12-01', ref: 'PO-1' }]);
    expect(snapshot.workCenters.get(center)).toEqual({
      id: center,
      hoursByWeekday: { 1: 8, 2: 8 },
      exceptions: { '2026-12-24': 0 },
    });
    expect(snapshot.transitDays.get('APAC')).toBe(6);
  });

  it('changes nothing observable when the same update is sent twice', async () => {
    const sku = await product('BOLT');
    const update = {
      stock: [{ sku, onHand: 7 }],
      receipts: [{ sku, quantity: 3, date: '2026-12-02', ref: 'PO-2' }],
    };
    await storeSupply(update);
    const before = await partitionItems(`SKU#${sku}`);

    const repeated = await storeSupply(update);

    expect(repeated).toEqual({ skus: [], workCenters: [], regions: [], plant: false });
    expect(await partitionItems(`SKU#${sku}`)).toEqual(before);
  });

  it('removes a receipt and reports its SKU as changed', async () => {
    const sku = await product('BOLT');
    await storeSupply({ receipts: [{ sku, quantity: 3, date: '2026-12-02', ref: 'PO-3' }] });

    const changed = await storeSupply({ removeReceipts: [{ sku, date: '2026-12-02', ref: 'PO-3' }] });

    expect(changed.skus).toEqual([sku]);
    expect((await loadSnapshot([sku], 'EU')).snapshot.receipts).toEqual([]);
  });

  it('rejects a negative receipt quantity naming the field, and writes nothing of the update', async () => {
    const sku = await product('BOLT');

    const attempt = storeSupply({
      stock: [{ sku, onHand: 5 }],
      receipts: [{ sku, quantity: -4, date: '2026-12-02', ref: 'PO-4' }],
    });

    await expect(attempt).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: 'receipts.0.quantity' })],
    });
    expect(await partitionItems(`SKU#${sku}`)).toEqual([]);
  });

  it('refuses stock for an unknown SKU before writing any of the update', async () => {
    const sku = await product('BOLT');

    const attempt = storeSupply({
      stock: [
        { sku, onHand: 5 },
        { sku: unique('GHOST'), onHand: 1 },
      ],
    });

    await expect(attempt).rejects.toMatchObject({ name: 'SupplyDataError' });
    expect(await partitionItems(`SKU#${sku}`)).toEqual([]);
  });

  it('rejects an empty update', async () => {
    await expect(storeSupply({})).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
