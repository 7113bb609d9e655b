import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/domain/order/types.ts';
import { SupplyDataError } from '../../../functions/shared/errors.ts';
import { notifyPromiseChanges } from '../../../functions/usecases/promise/changes.ts';
import { quoteOrder, recheckAfterEvent } from '../../../functions/usecases/promise/quote.ts';
import { repromiseDependents } from '../../../functions/usecases/promise/repromise.ts';
import { releaseForOrder, reserveForOrder } from '../../../functions/usecases/promise/reserve.ts';
import { storeProduct, storeSupply } from '../../../functions/usecases/promise/supply.ts';
import { memoryOrderWorld } from '../../support/memory/order-deps.ts';
import { memoryPromiseWorld, type MemoryPromiseWorld } from '../../support/memory/promise-deps.ts';

/** Monday 2026-11-23, 08:00 UTC: before the 16:00 cut-off, so orders count from today. */
const MONDAY = '2026-11-23T08:00:00.000Z';

/** A bought SKU with `onHand` units on the shelf (or bought in 10 working days), EU 1 day away. */
async function plantWith(onHand: number, options: { holdsPerTransaction?: number } = {}) {
  const world = memoryPromiseWorld({ now: MONDAY, ...options });
  await storeProduct(world.deps, 'BOLT', {
    name: 'Bolt',
    kind: 'stock',
    bom: [],
    routing: [],
    unitPrice: 2,
    purchaseLeadTimeDays: 10,
  });
  await storeSupply(world.deps, { stock: [{ sku: 'BOLT', onHand }], transit: [{ region: 'EU', days: 1 }] });
  return world;
}

const quote = (world: MemoryPromiseWorld, orderId: string, quantity: number) =>
  quoteOrder(world.deps, {
    orderId,
    customerId: 'c1',
    region: 'EU',
    acceptsSplitDelivery: false,
    lines: [{ sku: 'BOLT', quantity }],
  });

describe('promise use cases on in-memory ports and an injected clock', () => {
  it('quotes from stock at the injected time, and a repeated quote returns the stored promise', async () => {
    const world = await plantWith(6);

    const first = await quote(world, 'o1', 6);
    await world.supply.applySupplyUpdate({ stock: [{ sku: 'BOLT', onHand: 0 }] });
    const again = await quote(world, 'o1', 6);

    expect(first).toMatchObject({ promise: { version: 1, date: '2026-11-24' }, orderValue: 12 });
    expect(again.promise).toEqual(first.promise);
    expect((await world.records.get('o1'))?.projection?.computedAt).toBe(MONDAY);
  });

  it('lets exactly one of two orders accepted at the same moment hold the last units; the other moves to the lead time', async () => {
    const world = await plantWith(6);
    await quote(world, 'a', 6);
    await quote(world, 'b', 6);

    const outcomes = await Promise.all([reserveForOrder(world.deps, 'a'), reserveForOrder(world.deps, 'b')]);

    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['moved', 'reserved']);
    const moved = outcomes.find((outcome) => outcome.outcome === 'moved');
    expect(moved?.promise).toMatchObject({ version: 2, date: '2026-12-08' });
    expect([...world.supply.heldBy('SKU#BOLT').values()]).toEqual([6]);
  });

  it('reserves an order too large for one commit in chunks, all held and no intent left', async () => {
    const world = await plantWith(0, { holdsPerTransaction: 1 });
    for (const sku of ['NUT', 'WASHER'])
      await storeProduct(world.deps, sku, { name: sku, kind: 'stock', bom: [], routing: [], unitPrice: 1 });
    await storeSupply(world.deps, {
      stock: [
        { sku: 'BOLT', onHand: 5 },
        { sku: 'NUT', onHand: 5 },
        { sku: 'WASHER', onHand: 5 },
      ],
    });
    await quoteOrder(world.deps, {
      orderId: 'big',
      customerId: 'c1',
      region: 'EU',
      acceptsSplitDelivery: false,
      lines: ['BOLT', 'NUT', 'WASHER'].map((sku) => ({ sku, quantity: 5 })),
    });

    const outcome = await reserveForOrder(world.deps, 'big');

    expect(outcome.outcome).toBe('reserved');
    const record = await world.records.get('big');
    expect(record?.holds).toHaveLength(3);
    expect(record?.pendingHolds).toBeUndefined();
    expect(record?.pendingLease).toBeUndefined();
  });

  it('frees the units on release, twice harmlessly, and the order is no longer re-promised', async () => {
    const world = await plantWith(6);
    await quote(world, 'o1', 6);
    await reserveForOrder(world.deps, 'o1');

    await releaseForOrder(world.deps, 'o1');
    await releaseForOrder(world.deps, 'o1');

    expect(world.supply.heldBy('SKU#BOLT').size).toBe(0);
    expect(await world.records.findDependents({ skus: ['BOLT'], workCenters: [] })).toEqual([]);
  });

  it('re-promises only dependent orders after a stock drop, with a new version and its cause', async () => {
    const world = await plantWith(6);
    await quote(world, 'o1', 6);
    await reserveForOrder(world.deps, 'o1');
    await quote(world, 'quoted-only', 1);

    world.setNow('2026-11-23T09:00:00.000Z');
    const changed = await storeSupply(world.deps, { stock: [{ sku: 'BOLT', onHand: 2 }] });
    const changes = await repromiseDependents(world.deps, changed);

    expect(changes).toEqual([
      expect.objectContaining({
        orderId: 'o1',
        kind: 'changed',
        previousDate: '2026-11-24',
        newDate: '2026-12-08',
      }),
    ]);
    expect(changes[0]?.cause).toContainEqual(
      expect.objectContaining({ kind: 'purchase-lead-time', sku: 'BOLT' }),
    );
    expect((await world.records.get('o1'))?.projection?.computedAt).toBe('2026-11-23T09:00:00.000Z');
  });

  it('refuses a supply update naming an unknown SKU and writes nothing; an identical update changes nothing', async () => {
    const world = await plantWith(6);

    await expect(
      storeSupply(world.deps, {
        stock: [
          { sku: 'BOLT', onHand: 1 },
          { sku: 'GHOST', onHand: 1 },
        ],
      }),
    ).rejects.toThrow(SupplyDataError);
    const again = await storeSupply(world.deps, { stock: [{ sku: 'BOLT', onHand: 6 }] });

    expect(again).toEqual({ skus: [], workCenters: [], regions: [], plant: false });
    expect((await world.supply.loadSnapshot(['BOLT'])).snapshot.onHand.get('BOLT')).toBe(6);
  });

  it('moves the promise after a reported delay, stamping the projection with the injected time', async () => {
    const world = await plantWith(6);
    await quote(world, 'o1', 6);
    world.setNow('2026-11-24T10:00:00.000Z');

    const outcome = await recheckAfterEvent(world.deps, 'o1', {
      type: 'DELAY_REPORTED',
      data: { stage: 'SHIPPED', reason: 'truck', newEstimatedDate: '2026-11-30' },
    });

    expect(outcome).toMatchObject({ changed: true, previousDate: '2026-11-24', promise: { version: 2 } });
    expect((await world.records.get('o1'))?.projection?.computedAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('tells the customer once about a changed promise and marks the order at risk at the injected time', async () => {
    const orders = memoryOrderWorld({
      now: '2026-11-25T07:00:00Z',
      customers: [{ customerId: 'c1', tier: 'B', region: 'EU', acceptsSplitDelivery: false }],
      skus: ['BOLT'],
    });
    const order: Order = {
      orderId: 'o1',
      customerId: 'c1',
      status: 'ORDER_CONFIRMED',
      lines: [{ sku: 'BOLT', quantity: 6 }],
      createdAt: '2026-11-23T08:00:00Z',
      updatedAt: '2026-11-23T08:00:00Z',
      createdBy: 'erp',
      requestHash: 'h',
      executionName: 'o1',
      atRisk: false,
      completedStages: [],
      promisedDate: '2026-11-24',
      promiseVersion: 1,
    };
    await orders.orders.createOrder(order, 'hash');
    const change = {
      orderId: 'o1',
      kind: 'changed' as const,
      slipped: true,
      previousDate: '2026-11-24',
      newDate: '2026-12-08',
      version: 2,
      cause: [],
      overCommitted: [],
      newlyOverCommitted: [],
    };

    await notifyPromiseChanges(orders.deps, [change]);

    expect(
      orders.notices.map((notice) => [notice.kind, notice.occurrence, notice.critical ?? false]),
    ).toEqual([
      ['PROMISE_CHANGED', 'v2', true],
      ['ORDER_AT_RISK', 'v2', false],
    ]);
    expect(await orders.orders.getOrder('o1')).toMatchObject({
      promisedDate: '2026-12-08',
      promiseVersion: 2,
      atRisk: expect.anything(),
    });
  });
});
