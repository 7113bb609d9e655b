import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as supply from '../../../functions/adapters/dynamodb/supply-repository.ts';
import {
  quoteOrder,
  releaseForOrder,
  repromiseDependents,
  reserveForOrder,
} from '../../../functions/usecases/promise/index.ts';
import { freshTable } from '../../support/dynamo.ts';

const NOW = new Date('2026-11-23T08:00:00Z');
let run = 0;

beforeAll(async () => {
  const { endpoint, tableName } = await freshTable();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  await supply.applySupplyUpdate({ transit: [{ region: 'EU', days: 1 }] });
});

/** A fresh SKU with `onHand` units (bought in 10 working days otherwise), so tests never share stock. */
async function stockedSku(onHand: number): Promise<string> {
  run += 1;
  const sku = `BOLT-${run}-${Math.random().toString(36).slice(2, 6)}`;
  await supply.putProduct({
    sku,
    name: sku,
    kind: 'stock',
    bom: [],
    routing: [],
    unitPrice: 2,
    purchaseLeadTimeDays: 10,
  });
  await supply.applySupplyUpdate({ stock: [{ sku, onHand }] });
  return sku;
}

async function quoted(sku: string, quantity: number): Promise<string> {
  const orderId = `ord-${sku}-${Math.random().toString(36).slice(2, 8)}`;
  await quoteOrder(
    { orderId, customerId: 'c1', region: 'EU', acceptsSplitDelivery: false, lines: [{ sku, quantity }] },
    NOW,
  );
  return orderId;
}

async function heldUnits(sku: string): Promise<number> {
  const { snapshot } = await supply.loadSnapshot([sku]);
  return snapshot.stockReservations.reduce((sum, reservation) => sum + reservation.quantity, 0);
}

describe('reserving stock at acceptance, on DynamoDB Local', () => {
  it('lets exactly one of two orders accepted at the same moment hold the last units', async () => {
    const sku = await stockedSku(10);
    const [first, second] = await Promise.all([quoted(sku, 10), quoted(sku, 10)]);
    const outcomes = await Promise.all([reserveForOrder(first, NOW), reserveForOrder(second, NOW)]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['moved', 'reserved']);
    expect(await heldUnits(sku)).toBe(10);
    const moved = outcomes.find((outcome) => outcome.outcome === 'moved');
    expect(moved?.promise).toMatchObject({ version: 2, previousDate: '2026-11-24', date: '2026-12-08' });
  });

  it('frees the units on release, and releasing twice is harmless', async () => {
    const sku = await stockedSku(5);
    const orderId = await quoted(sku, 5);
    await reserveForOrder(orderId, NOW);
    await releaseForOrder(orderId);
    await releaseForOrder(orderId);
    expect(await heldUnits(sku)).toBe(0);
  });

  it('never holds more than exists under concurrent acceptances', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 5 }),
        async (onHand, wants) => {
          const sku = await stockedSku(onHand);
          const orders = await Promise.all(wants.map((quantity) => quoted(sku, quantity)));
          await Promise.all(orders.map((orderId) => reserveForOrder(orderId, NOW)));
          expect(await heldUnits(sku)).toBeLessThanOrEqual(onHand);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('re-promises the open orders a supply change touches, through the dependency index', async () => {
    const sku = await stockedSku(6);
    const orderId = await quoted(sku, 6);
    await reserveForOrder(orderId, NOW);
    const untouched = await stockedSku(3);
    await reserveForOrder(await quoted(untouched, 3), NOW);

    const changed = await supply.applySupplyUpdate({ stock: [{ sku, onHand: 2 }] });
    const changes = await repromiseDependents(changed, NOW);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      orderId,
      kind: 'changed',
      previousDate: '2026-11-24',
      newDate: '2026-12-08',
      version: 2,
    });
    expect(changes[0]?.cause).toContainEqual({
      kind: 'purchase-lead-time',
      sku,
      leadTimeDays: 10,
      date: '2026-12-07',
    });
  });
});
