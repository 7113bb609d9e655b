import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/domain/order/types.ts';
import {
  bufferMostlyEaten,
  observationOf,
  pathPlanOf,
  withBookableHours,
  withLikelyDate,
  withoutProtectedShare,
} from '../../../functions/domain/promise/policy.ts';
import { computePromise } from '../../../functions/domain/promise/engine.ts';
import { quotingSnapshot, reservationPlan } from '../../../functions/usecases/promise/policy.ts';
import type {
  PromisePolicy,
  PromiseResult,
  VersionedPromise,
} from '../../../functions/domain/promise/types.ts';
import { openApiDocument } from '../../../functions/shared/openapi.ts';
import { receiveErpEvent } from '../../../functions/usecases/order/erp-event.ts';
import { notifyPromiseChanges } from '../../../functions/usecases/promise/changes.ts';
import { learnFromEvent } from '../../../functions/usecases/promise/learn.ts';
import { orderPromisePort } from '../../../functions/usecases/promise/order-port.ts';
import { quoteOrder, recheckAfterEvent } from '../../../functions/usecases/promise/quote.ts';
import { repromiseDependents } from '../../../functions/usecases/promise/repromise.ts';
import { reserveForOrder } from '../../../functions/usecases/promise/reserve.ts';
import { storeProduct, storeSupply } from '../../../functions/usecases/promise/supply.ts';
import { addBusinessDays } from '../../../functions/domain/promise/calendar.ts';
import { memoryOrderWorld } from '../../support/memory/order-deps.ts';
import { memoryPromiseWorld, type MemoryPromiseWorld } from '../../support/memory/promise-deps.ts';
import { MONDAY_MORNING, plant, request, snapshot, stockItem, workCenter } from './support.ts';

const MONDAY = MONDAY_MORNING.toISOString();
const weekdays = plant().plantCalendar;

/** BOLT: 100 on the shelf, EU one business day away, and the plant's promise policy. */
async function plantWith(promisePolicy?: PromisePolicy): Promise<MemoryPromiseWorld> {
  const world = memoryPromiseWorld({ now: MONDAY });
  await storeProduct(world.deps, 'BOLT', {
    name: 'Bolt',
    kind: 'stock',
    unitPrice: 2,
    purchaseLeadTimeDays: 10,
  });
  await storeSupply(world.deps, {
    plant: plant(promisePolicy ? { promisePolicy } : {}),
    stock: [{ sku: 'BOLT', onHand: 100 }],
    transit: [{ region: 'EU', days: 1 }],
  });
  return world;
}

const quote = (world: MemoryPromiseWorld, orderId: string, tier = 'B', quantity = 10) =>
  quoteOrder(world.deps, {
    orderId,
    customerId: 'c1',
    region: 'EU',
    acceptsSplitDelivery: false,
    lines: [{ sku: 'BOLT', quantity }],
    tier,
  });

/** The carrier's estimate at pickup (Monday, transit 1: due Tuesday 24th) teaches transport:EU. */
const shipped = (eventId: string, estimatedDelivery: string) => ({
  eventId,
  type: 'SHIPPED',
  occurredAt: MONDAY,
  data: { carrier: 'DHL', trackingNumber: 'T1', estimatedDelivery },
});

/** The plant reports order o1's truck late: goods now leave on `newEstimatedDate`. */
const truckLate = (world: MemoryPromiseWorld, newEstimatedDate: string) =>
  recheckAfterEvent(world.deps, 'o1', {
    type: 'DELAY_REPORTED',
    data: { stage: 'SHIPPED', newEstimatedDate, reason: 'truck late' },
  });

/** A world where one shipment to EU came 4 business days late (Tuesday 24th -> Monday 30th). */
async function taughtFourDaysLate(policy: PromisePolicy) {
  const world = await plantWith({ minimumObservations: 1, ...policy });
  await quote(world, 'teacher');
  await learnFromEvent(world.deps, 'teacher', shipped('e-ship-1', '2026-11-30'));
  return world;
}

describe('the path of a plan and what ERP events teach about it (domain)', () => {
  const plan = (basis: PromiseResult['basis'], usedCtp: boolean): PromiseResult => ({
    date: '2026-12-10',
    lines: [
      {
        sku: 'PUMP',
        quantity: 1,
        date: '2026-12-10',
        method: usedCtp ? 'CTP' : 'ATP',
        basis,
        stockToReserve: [],
        capacityToReserve: [],
      },
    ],
    basis,
    usedCtp,
    dependsOn: { skus: [], workCenters: [] },
    computedAt: MONDAY,
  });
  const made = plan(
    [
      { kind: 'purchase-lead-time', sku: 'HOUSING', leadTimeDays: 7, date: '2026-12-02' },
      { kind: 'material-ready', sku: 'HOUSING', date: '2026-12-02' },
      { kind: 'production-complete', sku: 'PUMP', date: '2026-12-08' },
      { kind: 'transit', region: 'EU', businessDays: 2, date: '2026-12-10' },
    ],
    true,
  );
  const path = pathPlanOf(made, 'EU', '2026-11-23', plant());

  it('keys a made plan that waits for a supplier by supplier SKU, region and queue exposure', () => {
    expect(path).toEqual({
      risks: {
        transport: { key: 'transport:EU', pool: 'transport' },
        supplier: { key: 'supplier:HOUSING', pool: 'supplier' },
        production: { key: 'production:10-19', pool: 'production' },
      },
      materialReady: '2026-12-02',
      ready: '2026-12-08',
    });
  });

  it('counts a supplier late by the business days its parts came after the plan wanted them', () => {
    const event = { type: 'MATERIALS_READY', occurredAt: '2026-12-07T09:00:00Z', data: {} };

    expect(observationOf(event, path, plant(), 2)).toEqual({
      risk: path.risks.supplier,
      businessDaysLate: 3,
    });
  });

  it('blames production only for the days beyond what the supplier already cost', () => {
    const event = { type: 'PRODUCTION_COMPLETED', occurredAt: '2026-12-14T09:00:00Z', data: {} };

    const observed = observationOf(event, { ...path, supplierLateDays: 3 }, plant(), 2);

    // Ready 4 business days after the 8th (9, 10, 11, 14), 3 of them the supplier's.
    expect(observed).toEqual({ risk: path.risks.production, businessDaysLate: 1 });
  });

  it('counts the carrier late by its estimate against the transit time from the day it picked up', () => {
    const event = {
      type: 'SHIPPED',
      occurredAt: '2026-12-14T09:00:00Z',
      data: { estimatedDelivery: '2026-12-17' },
    };

    expect(observationOf(event, path, plant(), 2)).toEqual({
      risk: path.risks.transport,
      businessDaysLate: 1,
    });
  });

  it('learns nothing about a supplier from a plan that took stock from the shelf', () => {
    const fromStock = plan(
      [{ kind: 'stock-available', sku: 'PUMP', quantity: 1, date: '2026-11-23' }],
      false,
    );
    const event = { type: 'MATERIALS_READY', occurredAt: '2026-12-07T09:00:00Z', data: {} };

    expect(
      observationOf(event, pathPlanOf(fromStock, 'EU', '2026-11-23', plant()), plant(), 2),
    ).toBeUndefined();
  });

  it('shows a likely date only on a buffered promise, and only while it is earlier than the promise', () => {
    const buffered = { version: 1, date: '2026-11-30', bufferDays: 4 } as VersionedPromise;
    const unbuffered = { version: 1, date: '2026-11-30' } as VersionedPromise;

    expect(withLikelyDate(buffered, '2026-11-26').likelyDate).toBe('2026-11-26');
    expect(
      withLikelyDate({ ...buffered, likelyDate: '2026-11-24' }, '2026-11-30').likelyDate,
    ).toBeUndefined();
    expect(withLikelyDate(unbuffered, '2026-11-26').likelyDate).toBeUndefined();
  });

  it('calls a buffer mostly eaten once fewer than half of its business days are left', () => {
    const promise = { version: 1, date: '2026-11-30', bufferDays: 4 } as VersionedPromise;

    expect(bufferMostlyEaten(promise, '2026-11-26', plant())).toBe(false);
    expect(bufferMostlyEaten(promise, '2026-11-27', plant())).toBe(true);
    expect(bufferMostlyEaten(promise, '2026-12-01', plant())).toBe(false);
  });

  it('quotes customers outside tier A from the unprotected share of stock, receipts and hours', () => {
    const snapshot = {
      plant: plant(),
      products: new Map([['BOLT', stockItem('BOLT')]]),
      onHand: new Map([['BOLT', 10]]),
      receipts: [{ sku: 'BOLT', quantity: 20, date: '2026-11-30', ref: 'PO-1' }],
      stockReservations: [],
      workCenters: new Map([['WELD', workCenter('WELD', 8, { '2026-11-28': 4 })]]),
      capacityReservations: [],
      transitDays: new Map([['EU', 1]]),
    };

    const rest = withoutProtectedShare(snapshot, 0.25);

    expect(rest.onHand.get('BOLT')).toBe(7);
    expect(rest.receipts[0]?.quantity).toBe(15);
    expect(rest.workCenters.get('WELD')?.hoursByWeekday[1]).toBe(6);
    expect(rest.workCenters.get('WELD')?.exceptions['2026-11-28']).toBe(3);
  });
});

describe('bookable hours: a share of every work center kept free for what goes wrong', () => {
  /** 4 pumps at 2 hours each on an 8-hour assembly center, parts on the shelf. */
  const pumps = (bookableHoursShare?: number, exceptions: Record<string, number> = {}) =>
    snapshot({
      plant: plant(bookableHoursShare === undefined ? {} : { promisePolicy: { bookableHoursShare } }),
      products: [
        stockItem('PUMP', {
          kind: 'make',
          bom: [{ sku: 'PART', quantityPer: 1 }],
          routing: [{ workCenter: 'WC-ASSY', hoursPerUnit: 2, setupHours: 0 }],
        }),
        stockItem('PART'),
      ],
      onHand: { PART: 10 },
      workCenters: [workCenter('WC-ASSY', 8, exceptions)],
    });
  const order = request([{ sku: 'PUMP', quantity: 4 }]);
  const hoursBooked = (plan: PromiseResult) =>
    plan.lines[0]?.capacityToReserve.map((hours) => [hours.date, hours.hours]);

  it('scales every day of every work center, exceptions too, and nothing else', () => {
    const full = pumps(undefined, { '2026-11-24': 6 });
    const half = withBookableHours(full, 0.5);

    expect(half.workCenters.get('WC-ASSY')?.hoursByWeekday[1]).toBe(4);
    expect(half.workCenters.get('WC-ASSY')?.exceptions['2026-11-24']).toBe(3);
    expect(half.onHand.get('PART')).toBe(10);
    expect(withBookableHours(full, 1)).toBe(full);
  });

  it('quotes every tier from the bookable hours: 8 hours of work take two days at half of an 8-hour center', () => {
    const all = computePromise(order, quotingSnapshot(pumps(), 'A'), MONDAY_MORNING);
    const half = computePromise(order, quotingSnapshot(pumps(0.5), 'A'), MONDAY_MORNING);

    expect([all.date, hoursBooked(all)]).toEqual(['2026-11-23', [['2026-11-23', 8]]]);
    expect([half.date, hoursBooked(half)]).toEqual([
      '2026-11-24',
      [
        ['2026-11-23', 4],
        ['2026-11-24', 4],
      ],
    ]);
  });

  it('reserves from the bookable hours while they keep the promise, from all hours when only they can', () => {
    const withinShare = reservationPlan(
      order,
      { tier: 'B', promisedDate: '2026-11-24' },
      pumps(0.5),
      MONDAY_MORNING,
    );
    // Promised on the 23rd (before the plant kept hours free): only every hour keeps that date.
    const needsAll = reservationPlan(
      order,
      { tier: 'B', promisedDate: '2026-11-23' },
      pumps(0.5),
      MONDAY_MORNING,
    );

    expect(hoursBooked(withinShare)).toEqual([
      ['2026-11-23', 4],
      ['2026-11-24', 4],
    ]);
    expect(hoursBooked(needsAll)).toEqual([['2026-11-23', 8]]);
  });
});

describe('promise policy in the quote and re-check use cases (memory ports)', () => {
  it('quotes the unbuffered engine date when the plant has no policy, whatever was learned', async () => {
    const world = await plantWith();
    await quote(world, 'teacher');
    await learnFromEvent(world.deps, 'teacher', shipped('e-ship-1', '2026-11-30'));

    const { promise } = await quote(world, 'o1');

    expect(promise).toMatchObject({ version: 1, date: '2026-11-24' });
    expect(promise.likelyDate).toBeUndefined();
    expect(await world.reliability.histories(['transport:EU'])).toEqual(new Map([['transport:EU', [4]]]));
  });

  it('adds the learned buffer to the engine date and shows the engine date as the likely one', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97 });

    const { promise } = await quote(world, 'o1');

    expect(promise).toMatchObject({ date: '2026-11-30', likelyDate: '2026-11-24', bufferDays: 4 });
  });

  it('gives no buffer until a kind of risk has the minimum of observations', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97, minimumObservations: 2 });

    const { promise } = await quote(world, 'o1');

    expect(promise.date).toBe('2026-11-24');
    expect(promise.bufferDays).toBeUndefined();
  });

  it('learns a supplier late at MATERIALS_READY and production only for the days beyond it', async () => {
    const world = await plantWith();
    await storeProduct(world.deps, 'HOUSING', {
      name: 'Housing',
      kind: 'stock',
      unitPrice: 5,
      purchaseLeadTimeDays: 7,
    });
    await storeSupply(world.deps, {
      workCenters: [{ id: 'WELD', hoursByWeekday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 }, exceptions: {} }],
    });
    await storeProduct(world.deps, 'PUMP', {
      name: 'Pump',
      kind: 'make',
      bom: [{ sku: 'HOUSING', quantityPer: 1 }],
      routing: [{ workCenter: 'WELD', hoursPerUnit: 1, setupHours: 0 }],
      unitPrice: 80,
    });
    await quoteOrder(world.deps, {
      orderId: 'o1',
      customerId: 'c1',
      region: 'EU',
      acceptsSplitDelivery: false,
      lines: [{ sku: 'PUMP', quantity: 2 }],
    });
    const path = (await world.records.get('o1'))?.path;
    const at = (date: string, businessDays: number) =>
      `${addBusinessDays(weekdays, date, businessDays)}T10:00:00Z`;

    await learnFromEvent(world.deps, 'o1', {
      eventId: 'm-1',
      type: 'MATERIALS_READY',
      occurredAt: at(path?.materialReady as string, 2),
      data: {},
    });
    await learnFromEvent(world.deps, 'o1', {
      eventId: 'p-1',
      type: 'PRODUCTION_COMPLETED',
      occurredAt: at(path?.ready as string, 3),
      data: {},
    });

    expect(path?.risks.supplier?.key).toBe('supplier:HOUSING');
    expect((await world.records.get('o1'))?.path?.supplierLateDays).toBe(2);
    const histories = await world.reliability.histories([
      'supplier:HOUSING',
      path?.risks.production?.key as string,
    ]);
    expect([...histories.values()]).toEqual([[2], [1]]);
  });

  it('counts a redelivered ERP event once', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97 });

    await learnFromEvent(world.deps, 'teacher', shipped('e-ship-1', '2026-11-30'));

    expect(await world.reliability.histories(['transport:EU', 'transport'])).toEqual(
      new Map([
        ['transport:EU', [4]],
        ['transport', [4]],
      ]),
    );
  });

  it('moves the likely date with a projection inside the buffer and keeps the promise', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97 });
    await quote(world, 'o1');

    const recheck = await truckLate(world, '2026-11-25');

    expect(recheck).toEqual({ changed: false });
    expect((await world.records.get('o1'))?.promise).toMatchObject({
      version: 1,
      date: '2026-11-30',
      likelyDate: '2026-11-26',
    });
  });

  it('moves the promise only when the projection passes it, as a new unbuffered version', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97 });
    await quote(world, 'o1');

    const recheck = await truckLate(world, '2026-12-01');

    expect(recheck).toMatchObject({
      changed: true,
      previousDate: '2026-11-30',
      promise: { version: 2, date: '2026-12-02' },
    });
    expect((await world.records.get('o1'))?.promise.likelyDate).toBeUndefined();
  });

  it('asks for an early warning once a projection eats more than half of the buffer, with earlyWarning set', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97, earlyWarning: true });
    await quote(world, 'o1');
    const delay = (newEstimatedDate: string) => truckLate(world, newEstimatedDate);

    const halfEaten = await delay('2026-11-25');
    const mostlyEaten = await delay('2026-11-26');

    expect(halfEaten).toEqual({ changed: false });
    expect(mostlyEaten).toMatchObject({
      changed: false,
      earlyWarning: { version: 1, promisedDate: '2026-11-30', projectedDate: '2026-11-27' },
    });
  });

  it('asks for no early warning when the policy does not turn it on', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97 });
    await quote(world, 'o1');

    const recheck = await truckLate(world, '2026-11-26');

    expect(recheck).toEqual({ changed: false });
  });

  it('keeps the likely date through the reservation and a supply re-check', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97 });
    await quote(world, 'o1');
    await reserveForOrder(world.deps, 'o1');

    await world.supply.applySupplyUpdate({ stock: [{ sku: 'BOLT', onHand: 10 }] });
    const [change] = await repromiseDependents(world.deps, { skus: ['BOLT'], workCenters: [] });

    expect(change).toMatchObject({ kind: 'kept', newDate: '2026-11-30' });
    expect(change?.earlyWarning).toBeUndefined();
    const record = await world.records.get('o1');
    expect(record?.promise).toMatchObject({ date: '2026-11-30', likelyDate: '2026-11-24' });
    expect(record?.projection?.betterDateOffered).toBeUndefined();
  });

  it('quotes tier B from the unprotected share while tier A still gets the shelf', async () => {
    const world = await plantWith({ tierAProtectedShare: 0.2 });

    const tierB = await quote(world, 'b1', 'B', 90);
    const tierA = await quote(world, 'a1', 'A', 90);

    // 80 of 100 are free for B: 90 must be bought (10 working days); A takes them from stock.
    expect(tierB.promise.date).toBe('2026-12-08');
    expect(tierA.promise.date).toBe('2026-11-24');
  });

  it('keeps a tier B promise when a tier A order takes the protected share (re-checks count all supply)', async () => {
    const world = await plantWith({ tierAProtectedShare: 0.2 });
    await quote(world, 'b1', 'B', 50);
    await reserveForOrder(world.deps, 'b1');
    await quote(world, 'a1', 'A', 50);
    await reserveForOrder(world.deps, 'a1');

    await world.supply.applySupplyUpdate({ stock: [{ sku: 'BOLT', onHand: 101 }] });
    const changes = await repromiseDependents(world.deps, { skus: ['BOLT'], workCenters: [] });

    expect(changes.map((change) => [change.orderId, change.kind, change.newDate])).toEqual([
      ['a1', 'kept', '2026-11-24'],
      ['b1', 'kept', '2026-11-24'],
    ]);
  });
});

describe('early warning through an ERP event (order and promise use cases on memory ports)', () => {
  it('warns the customer under one notice key per promise version (sent once per key) and flags the order at risk once', async () => {
    const promises = await taughtFourDaysLate({ confidence: 0.97, earlyWarning: true });
    const orders = memoryOrderWorld({
      now: '2026-11-23T09:00:00Z',
      customers: [{ customerId: 'c1', tier: 'B', region: 'EU', acceptsSplitDelivery: false }],
      skus: ['BOLT'],
      promises: orderPromisePort(promises.deps),
    });
    await quote(promises, 'o1');
    const order: Order = {
      orderId: 'o1',
      customerId: 'c1',
      status: 'ORDER_CONFIRMED',
      lines: [{ sku: 'BOLT', quantity: 10 }],
      createdAt: MONDAY,
      updatedAt: MONDAY,
      createdBy: 'erp',
      requestHash: 'h',
      executionName: 'o1',
      atRisk: false,
      completedStages: [],
      promisedDate: '2026-11-30',
      promiseVersion: 1,
    };
    await orders.orders.createOrder(order, 'hash');
    orders.executions.set('o1', 'RUNNING');
    const delay = (eventId: string) =>
      receiveErpEvent(orders.deps, {
        eventId,
        orderId: 'o1',
        type: 'DELAY_REPORTED',
        occurredAt: '2026-11-23T09:00:00Z',
        data: { stage: 'SHIPPED', newEstimatedDate: '2026-11-26', reason: 'truck late' },
      });

    await delay('d-1');
    await delay('d-2');

    const warnings = orders.notices.filter((notice) => notice.kind === 'AT_RISK_WARNING');
    expect(new Set(warnings.map((notice) => notice.occurrence))).toEqual(new Set(['v1-buffer']));
    expect(await orders.orders.getOrder('o1')).toMatchObject({ atRisk: true, promisedDate: '2026-11-30' });
    expect((await orders.orders.getOrder('o1'))?.atRiskReasons).toHaveLength(1);
  });
});

describe('early warning after a supply change (promise and notice use cases on memory ports)', () => {
  it('warns the customer and flags the order once lost capacity eats most of the buffer', async () => {
    const world = await taughtFourDaysLate({ confidence: 0.97, earlyWarning: true });
    await storeSupply(world.deps, {
      workCenters: [{ id: 'WELD', hoursByWeekday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 }, exceptions: {} }],
    });
    await storeProduct(world.deps, 'FRAME', {
      name: 'Frame',
      kind: 'make',
      routing: [{ workCenter: 'WELD', hoursPerUnit: 1, setupHours: 0 }],
      unitPrice: 50,
    });
    const { promise } = await quoteOrder(world.deps, {
      orderId: 'o1',
      customerId: 'c1',
      region: 'EU',
      acceptsSplitDelivery: false,
      lines: [{ sku: 'FRAME', quantity: 8 }],
      tier: 'B',
    });
    await reserveForOrder(world.deps, 'o1');
    const orders = memoryOrderWorld({
      now: '2026-11-23T09:00:00Z',
      customers: [{ customerId: 'c1', tier: 'B', region: 'EU', acceptsSplitDelivery: false }],
      skus: ['FRAME'],
    });
    await orders.orders.createOrder(
      {
        orderId: 'o1',
        customerId: 'c1',
        status: 'IN_PRODUCTION',
        lines: [{ sku: 'FRAME', quantity: 8 }],
        createdAt: MONDAY,
        updatedAt: MONDAY,
        createdBy: 'erp',
        requestHash: 'h',
        executionName: 'o1',
        atRisk: false,
        completedStages: [],
        promisedDate: promise.date,
        promiseVersion: 1,
      },
      'hash',
    );

    // Welding stops for three days: the frame is made on Thursday instead of Monday.
    await storeSupply(world.deps, {
      workCenters: [
        {
          id: 'WELD',
          hoursByWeekday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 },
          exceptions: { '2026-11-23': 0, '2026-11-24': 0, '2026-11-25': 0 },
        },
      ],
    });
    const changes = await repromiseDependents(world.deps, { skus: [], workCenters: ['WELD'] });
    await notifyPromiseChanges(orders.deps, changes);

    expect(promise).toMatchObject({ date: '2026-11-30', likelyDate: '2026-11-24', bufferDays: 4 });
    expect(changes[0]).toMatchObject({ kind: 'kept', newDate: '2026-11-30', earlyWarning: { version: 1 } });
    expect(orders.notices.map((notice) => [notice.kind, notice.occurrence])).toEqual([
      ['AT_RISK_WARNING', 'v1-buffer'],
    ]);
    expect(await orders.orders.getOrder('o1')).toMatchObject({ atRisk: true, promisedDate: '2026-11-30' });
  });
});

describe('the promise policy in the OpenAPI document', () => {
  it('documents each setting of the plant policy with its bounds', () => {
    const supply = (openApiDocument().paths['/v1/erp/supply'] as Record<string, unknown>).put as {
      requestBody: { content: { 'application/json': { schema: Schema } } };
    };
    type Schema = { properties: Record<string, Schema> } & Record<string, unknown>;
    const body = supply.requestBody.content['application/json'].schema;

    expect(body.properties.plant?.properties.promisePolicy?.properties).toMatchObject({
      confidence: { type: 'number', minimum: 0.5, maximum: 0.999 },
      tierAProtectedShare: { type: 'number', minimum: 0, maximum: 0.5 },
      bookableHoursShare: { type: 'number', minimum: 0.5, maximum: 1 },
      earlyWarning: { type: 'boolean' },
      minimumObservations: { type: 'integer', minimum: 1, maximum: 1000 },
    });
  });
});
