import { beforeAll, describe, expect, it } from 'vitest';
import * as supply from '../../../functions/adapters/dynamodb/supply-repository.ts';
import { computePromise } from '../../../functions/domain/promise/index.ts';
import {
  getPromiseRecord,
  releaseForOrder,
  repromiseDependents,
  reserveForOrder,
} from '../../../functions/usecases/promise/index.ts';
import { madeSku, NOW, quoted, stockedSku, useFreshTable } from './fixtures.ts';

beforeAll(useFreshTable);

/** An order for all `onHand` units of a fresh SKU, reserved (promised 2026-11-24). */
async function reservedOrderFor(onHand: number): Promise<{ sku: string; orderId: string }> {
  const sku = await stockedSku(onHand);
  const orderId = await quoted([{ sku, quantity: onHand }]);
  await reserveForOrder(orderId, NOW);
  return { sku, orderId };
}

describe('re-promising the open orders a supply change touches', () => {
  it('finds only the orders depending on the changed SKU, through the dependency index', async () => {
    const { sku, orderId } = await reservedOrderFor(6);
    await reservedOrderFor(3);

    const changed = await supply.applySupplyUpdate({ stock: [{ sku, onHand: 2 }] });
    const changes = await repromiseDependents(changed, NOW);

    expect(changes.map((change) => change.orderId)).toEqual([orderId]);
  });

  it('stores a new version with the cause when the promise can no longer hold', async () => {
    const { sku, orderId } = await reservedOrderFor(6);

    const changes = await repromiseDependents(
      await supply.applySupplyUpdate({ stock: [{ sku, onHand: 2 }] }),
      NOW,
    );

    expect(changes[0]).toMatchObject({
      orderId,
      kind: 'changed',
      slipped: true,
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
    expect((await getPromiseRecord(orderId)).promise).toMatchObject({
      version: 2,
      previousDate: '2026-11-24',
    });
  });

  it('keeps a promise that still holds, without a new version', async () => {
    const { sku, orderId } = await reservedOrderFor(6);

    const changes = await repromiseDependents(
      await supply.applySupplyUpdate({ stock: [{ sku, onHand: 9 }] }),
      NOW,
    );

    expect(changes).toEqual([
      expect.objectContaining({ orderId, kind: 'kept', slipped: false, newDate: '2026-11-24', version: 1 }),
    ]);
  });

  it('makes exactly one new version when two re-checks of the same change run at once', async () => {
    const { sku, orderId } = await reservedOrderFor(6);
    const changed = await supply.applySupplyUpdate({ stock: [{ sku, onHand: 2 }] });

    const [first, second] = await Promise.all([
      repromiseDependents(changed, NOW),
      repromiseDependents(changed, NOW),
    ]);

    expect([first[0]?.kind, second[0]?.kind].sort()).toEqual(['changed', 'kept']);
    expect((await getPromiseRecord(orderId)).promise.version).toBe(2);
  });

  it('re-checks the orders using a work center whose calendar changed', async () => {
    const { sku, workCenter } = await madeSku(8);
    const orderId = await quoted([{ sku, quantity: 8 }]);
    await reserveForOrder(orderId, NOW);

    const changed = await supply.applySupplyUpdate({
      workCenters: [
        { id: workCenter, hoursByWeekday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 }, exceptions: { '2026-11-23': 0 } },
      ],
    });
    const changes = await repromiseDependents(changed, NOW);

    expect(changed.workCenters).toEqual([workCenter]);
    expect(changes).toEqual([
      expect.objectContaining({
        orderId,
        kind: 'changed',
        previousDate: '2026-11-24',
        newDate: '2026-11-25',
      }),
    ]);
  });

  it('re-checks the orders shipping to a region whose transit time changed, and only those', async () => {
    const region = `R${Math.floor(Math.random() * 1e6)}`;
    await supply.applySupplyUpdate({ transit: [{ region, days: 1 }] });
    const sku = await stockedSku(10);
    const orderId = await quoted([{ sku, quantity: 4 }], region);
    await reserveForOrder(orderId, NOW);
    const elsewhere = await quoted([{ sku, quantity: 4 }]);
    await reserveForOrder(elsewhere, NOW);
    expect((await getPromiseRecord(orderId)).promise.date).toBe('2026-11-24');

    const changed = await supply.applySupplyUpdate({ transit: [{ region, days: 4 }] });
    const changes = await repromiseDependents(changed, NOW);

    expect(changed.regions).toEqual([region]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      orderId,
      kind: 'changed',
      previousDate: '2026-11-24',
      newDate: '2026-11-27',
    });
    expect(changes[0]?.cause).toContainEqual({
      kind: 'transit',
      region,
      businessDays: 4,
      date: '2026-11-27',
    });
  });

  it('re-checks every open order when the plant calendar changes', async () => {
    const { orderId } = await reservedOrderFor(5);
    const plant = await supply.getPlant();

    try {
      const changed = await supply.applySupplyUpdate({
        plant: { ...plant, shippingCalendar: { ...plant.shippingCalendar, holidays: ['2026-11-24'] } },
      });
      const changes = await repromiseDependents(changed, NOW);

      expect(changed.plant).toBe(true);
      expect(changes.find((change) => change.orderId === orderId)).toMatchObject({
        kind: 'changed',
        previousDate: '2026-11-24',
        newDate: '2026-11-25',
      });
    } finally {
      // The other tests of this file share the table: give them their calendar back.
      await supply.applySupplyUpdate({ plant });
    }
  });

  it('flags the orders holding stock that no longer exists', async () => {
    const sku = await stockedSku(10);
    const orders = [await quoted([{ sku, quantity: 5 }]), await quoted([{ sku, quantity: 5 }])];
    for (const orderId of orders) await reserveForOrder(orderId, NOW);

    const changes = await repromiseDependents(
      await supply.applySupplyUpdate({ stock: [{ sku, onHand: 6 }] }),
      NOW,
    );

    expect(changes.map((change) => [change.orderId, change.overCommitted])).toEqual(
      [...orders].sort().map((orderId) => [orderId, [sku]]),
    );
    expect((await getPromiseRecord(orders[0] as string)).overCommitted).toEqual([sku]);
  });

  it('re-checks orders of different products on one shared snapshot exactly as each alone', async () => {
    const common = await stockedSku(100);
    const made = await madeSku(4);
    const other = await stockedSku(3);
    const orders = [
      await quoted([{ sku: common, quantity: 20 }]),
      await quoted([
        { sku: common, quantity: 30 },
        { sku: made.sku, quantity: 6 },
      ]),
      await quoted([
        { sku: common, quantity: 10 },
        { sku: other, quantity: 5 },
      ]),
    ];
    for (const orderId of orders) await reserveForOrder(orderId, NOW);

    await repromiseDependents(await supply.applySupplyUpdate({ stock: [{ sku: common, onHand: 40 }] }), NOW);

    for (const orderId of orders) {
      const record = await getPromiseRecord(orderId);
      const { snapshot } = await supply.loadSnapshot(
        record.lines.map((line) => line.sku),
        record.region,
      );
      const alone = computePromise(
        { orderId, region: record.region, lines: record.lines, acceptsSplitDelivery: false },
        snapshot,
        NOW,
      );
      expect(record.projection?.date).toBe(alone.date);
    }
  });

  it('no longer finds a released order', async () => {
    const { sku, orderId } = await reservedOrderFor(4);
    await releaseForOrder(orderId);

    const changes = await repromiseDependents(
      await supply.applySupplyUpdate({ stock: [{ sku, onHand: 1 }] }),
      NOW,
    );

    expect(changes).toEqual([]);
  });
});
