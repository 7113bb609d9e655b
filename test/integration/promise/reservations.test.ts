import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeHolds,
  holdAttribute,
  HOLDS_ATTRIBUTE,
  skuPartition,
  stockKey,
} from '../../../functions/adapters/dynamodb/entities/supply.ts';
import * as records from '../../../functions/adapters/dynamodb/promise-repository.ts';
import * as supply from '../../../functions/adapters/dynamodb/supply-repository.ts';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../../functions/adapters/dynamodb/client.ts';
import {
  getPromiseRecord,
  holdsOf,
  releaseForOrder,
  reserveForOrder,
} from '../../../functions/usecases/promise/index.ts';
import { reserveInChunks } from '../../../functions/usecases/promise/wiring.ts';
import { computePromise } from '../../../functions/domain/promise/index.ts';
import { madeSku, NOW, quoted, stockedSku, useFreshTable } from './fixtures.ts';

beforeAll(useFreshTable);

async function heldUnits(sku: string): Promise<number> {
  const { snapshot } = await supply.loadSnapshot([sku], 'EU');
  return snapshot.stockReservations.reduce((sum, reservation) => sum + reservation.quantity, 0);
}

async function heldHoursByDay(sku: string): Promise<Map<string, number>> {
  const { snapshot } = await supply.loadSnapshot([sku], 'EU');
  const byDay = new Map<string, number>();
  for (const reservation of snapshot.capacityReservations)
    byDay.set(reservation.date, (byDay.get(reservation.date) ?? 0) + reservation.hours);
  return byDay;
}

async function holdExists(sku: string, orderId: string): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: stockKey(sku),
      ConsistentRead: true,
    }),
  );
  return decodeHolds(Item?.[HOLDS_ATTRIBUTE]).has(orderId);
}

describe('reserving stock and capacity at acceptance, on DynamoDB Local', () => {
  it('lets exactly one of two orders accepted at the same moment hold the last units, every time', async () => {
    for (let round = 0; round < 8; round += 1) {
      const sku = await stockedSku(10);
      const orders = await Promise.all([quoted([{ sku, quantity: 10 }]), quoted([{ sku, quantity: 10 }])]);

      const outcomes = await Promise.all(orders.map((orderId) => reserveForOrder(orderId, NOW)));

      expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['moved', 'reserved']);
      expect(await heldUnits(sku)).toBe(10);
    }
  });

  it('gives the loser a new promise version dated by the purchase lead time', async () => {
    const sku = await stockedSku(10);
    const orders = await Promise.all([quoted([{ sku, quantity: 10 }]), quoted([{ sku, quantity: 10 }])]);

    const outcomes = await Promise.all(orders.map((orderId) => reserveForOrder(orderId, NOW)));

    const moved = outcomes.find((outcome) => outcome.outcome === 'moved');
    expect(moved?.promise).toMatchObject({ version: 2, previousDate: '2026-11-24', date: '2026-12-08' });
  });

  it('lets exactly one of two orders accepted at the same moment hold the last hours of a work center', async () => {
    const { sku } = await madeSku(8);
    const orders = await Promise.all([quoted([{ sku, quantity: 8 }]), quoted([{ sku, quantity: 8 }])]);

    const outcomes = await Promise.all(orders.map((orderId) => reserveForOrder(orderId, NOW)));

    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['moved', 'reserved']);
    expect(Object.fromEntries(await heldHoursByDay(sku))).toEqual({ '2026-11-23': 8 });
  });

  it('frees the units on release, and releasing twice is harmless', async () => {
    const sku = await stockedSku(5);
    const orderId = await quoted([{ sku, quantity: 5 }]);
    await reserveForOrder(orderId, NOW);

    await releaseForOrder(orderId);
    await releaseForOrder(orderId);

    expect(await heldUnits(sku)).toBe(0);
    expect(await getPromiseRecord(orderId)).toMatchObject({ open: false, holds: [] });
  });

  it('counts and releases a hold stored by an earlier version as its own attribute, beside new holds', async () => {
    const sku = await stockedSku(10);
    const legacyOrder = 'ord_legacy_hold';
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: stockKey(sku),
        UpdateExpression: 'SET #legacy = :entries ADD allocVersion :one',
        ExpressionAttributeNames: { '#legacy': holdAttribute(legacyOrder) },
        ExpressionAttributeValues: { ':entries': [{ date: '2026-12-01', amount: 4 }], ':one': 1 },
      }),
    );
    const orderId = await quoted([{ sku, quantity: 6 }]);
    expect((await reserveForOrder(orderId, NOW)).outcome).toBe('reserved');
    expect(await heldUnits(sku)).toBe(10);

    await supply.deleteHolds(legacyOrder, [{ partition: skuPartition(sku), entries: [] }]);

    expect(await heldUnits(sku)).toBe(6);
    expect(await holdExists(sku, orderId)).toBe(true);
  });

  it('refuses to reserve an order that was released', async () => {
    const sku = await stockedSku(5);
    const orderId = await quoted([{ sku, quantity: 5 }]);
    await releaseForOrder(orderId);

    await expect(reserveForOrder(orderId, NOW)).rejects.toMatchObject({ name: 'ConflictError' });
    expect(await heldUnits(sku)).toBe(0);
  });

  it('never holds more stock than exists under concurrent acceptances', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 5 }),
        async (onHand, wants) => {
          const sku = await stockedSku(onHand);
          const orders = await Promise.all(wants.map((quantity) => quoted([{ sku, quantity }])));
          await Promise.all(orders.map((orderId) => reserveForOrder(orderId, NOW)));
          expect(await heldUnits(sku)).toBeLessThanOrEqual(onHand);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('never holds more work-center hours on a day than the calendar gives under concurrent acceptances', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 2, maxLength: 4 }),
        async (hoursPerDay, wants) => {
          const { sku } = await madeSku(hoursPerDay);
          const orders = await Promise.all(wants.map((quantity) => quoted([{ sku, quantity }])));
          await Promise.all(orders.map((orderId) => reserveForOrder(orderId, NOW)));
          for (const hours of (await heldHoursByDay(sku)).values())
            expect(hours).toBeLessThanOrEqual(hoursPerDay + 1e-9);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('reserving an order too large for one transaction', () => {
  const LINES = 120;

  it('holds every line once the chunks are written, and leaves no intent behind', async () => {
    const skus = await Promise.all(Array.from({ length: LINES }, () => stockedSku(1)));
    const orderId = await quoted(skus.map((sku) => ({ sku, quantity: 1 })));

    const outcome = await reserveForOrder(orderId, NOW);

    expect(outcome.outcome).toBe('reserved');
    const record = await getPromiseRecord(orderId);
    expect(record.holds).toHaveLength(LINES);
    expect(record.pendingHolds).toBeUndefined();
    expect(await Promise.all(skus.map(heldUnits))).toEqual(skus.map(() => 1));
  });

  it('is all or nothing when a competing order takes one of its last units at the same moment', async () => {
    const skus = await Promise.all(Array.from({ length: LINES }, () => stockedSku(1)));
    const contested = skus[LINES - 1] as string;
    const [large, small] = await Promise.all([
      quoted(skus.map((sku) => ({ sku, quantity: 1 }))),
      quoted([{ sku: contested, quantity: 1 }]),
    ]);

    await Promise.all([reserveForOrder(large, NOW), reserveForOrder(small, NOW)]);

    const record = await getPromiseRecord(large);
    expect(record.pendingHolds).toBeUndefined();
    const held = await Promise.all(skus.map((sku) => holdExists(sku, large)));
    // Either every line is held as the record says, or none is: never a partial reservation.
    expect(held.filter(Boolean).length).toBe(record.holds.length);
    expect([0, LINES]).toContain(record.holds.length);
    expect(await heldUnits(contested)).toBe(1);
  });

  it('undoes the chunks already written when a later chunk loses to a concurrent change', async () => {
    const skus = await Promise.all(Array.from({ length: LINES }, () => stockedSku(1)));
    const orderId = await quoted(skus.map((sku) => ({ sku, quantity: 1 })));
    const record = await getPromiseRecord(orderId);
    const { snapshot, versions } = await supply.loadSnapshot(skus, 'EU');
    const holds = holdsOf(computePromise({ ...record, orderId }, snapshot, NOW));
    // The last SKU's stock changes after the snapshot: the chunk holding it must fail.
    await supply.applySupplyUpdate({ stock: [{ sku: skus[LINES - 1] as string, onHand: 0 }] });
    const { revision: _revision, ...content } = record;

    const attempt = reserveInChunks(record, { ...content, holds }, versions, NOW);

    await expect(attempt).rejects.toMatchObject({ name: 'ConcurrentChangeError' });
    expect((await Promise.all(skus.map((sku) => holdExists(sku, orderId)))).filter(Boolean)).toEqual([]);
    expect(await getPromiseRecord(orderId)).toMatchObject({ holds: [] });
    expect((await getPromiseRecord(orderId)).pendingHolds).toBeUndefined();
  });

  it('undoes the holds of a reservation interrupted between its chunks when the order is released', async () => {
    const skus = await Promise.all(Array.from({ length: 3 }, () => stockedSku(4)));
    const orderId = await quoted(skus.map((sku) => ({ sku, quantity: 2 })));
    const record = await getPromiseRecord(orderId);
    const pendingHolds = skus.map((sku) => ({
      partition: skuPartition(sku),
      entries: [{ date: '2026-11-23', amount: 2 }],
    }));
    // A saga that wrote its intent and its first chunk, then died.
    const { revision: _revision, ...content } = record;
    await records.putPromiseRecord(
      { ...content, pendingHolds, pendingLease: { token: 'crashed', since: NOW.toISOString() } },
      record,
    );
    const { versions } = await supply.loadSnapshot(skus, 'EU');
    await supply.commitHolds(orderId, pendingHolds.slice(0, 2), versions);

    await releaseForOrder(orderId);

    expect(await Promise.all(skus.map(heldUnits))).toEqual([0, 0, 0]);
    expect((await getPromiseRecord(orderId)).pendingHolds).toBeUndefined();
  });

  it('undoes an interrupted reservation once its lease has run out, then reserves exactly once', async () => {
    const [sku, dropped] = await Promise.all([stockedSku(4), stockedSku(4)]);
    const orderId = await quoted([{ sku, quantity: 3 }]);
    const record = await getPromiseRecord(orderId);
    // The crashed attempt also held a SKU that the order no longer needs.
    const pendingHolds = [sku, dropped].map((held) => ({
      partition: skuPartition(held),
      entries: [{ date: '2026-11-23', amount: 3 }],
    }));
    const { revision: _revision, ...content } = record;
    await records.putPromiseRecord(
      { ...content, pendingHolds, pendingLease: { token: 'crashed', since: '2026-11-23T07:00:00.000Z' } },
      record,
    );
    const { versions } = await supply.loadSnapshot([sku, dropped], 'EU');
    await supply.commitHolds(orderId, pendingHolds, versions);

    const outcome = await reserveForOrder(orderId, NOW);

    expect(outcome.outcome).toBe('reserved');
    expect([await heldUnits(sku), await heldUnits(dropped)]).toEqual([3, 0]);
    expect((await getPromiseRecord(orderId)).pendingHolds).toBeUndefined();
  });
});
