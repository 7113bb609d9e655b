import { describe, expect, it } from 'vitest';
import { computePromise } from '../../../functions/domain/promise/engine.ts';
import { atpProfile, earliestDateFor } from '../../../functions/domain/promise/atp.ts';
import { SupplyDataError } from '../../../functions/shared/errors.ts';
import type { PromiseResult } from '../../../functions/domain/promise/types.ts';
import { MONDAY_MORNING, plant, request, snapshot, stockItem, workCenter } from './support.ts';

describe('cumulative ATP with look-ahead', () => {
  it('does not promise today the units a later reservation needs', () => {
    // On hand 10; 8 are reserved for Saturday the 28th; 10 arrive on 3 Dec.
    // cum: 23rd 10, 28th 2, 3rd 12. atp = min of the future: 2, 2, 12. 5 units are free only on the 3rd.
    const supply = snapshot({
      products: [stockItem('BOLT')],
      onHand: { BOLT: 10 },
      stockReservations: [{ orderId: 'other', sku: 'BOLT', quantity: 8, date: '2026-11-28' }],
      receipts: [{ sku: 'BOLT', quantity: 10, date: '2026-12-03', ref: 'PO-7' }],
    });
    const promise = computePromise(request([{ sku: 'BOLT', quantity: 5 }]), supply, MONDAY_MORNING);
    expect(promise.date).toBe('2026-12-03');
    expect(promise.basis).toContainEqual({
      kind: 'awaiting-receipt',
      sku: 'BOLT',
      shortQuantity: 3,
      ref: 'PO-7',
      date: '2026-12-03',
    });
  });

  it('keeps looking ahead past the first recovery', () => {
    // cum: 10 (23rd), 15 (25th: +5), 1 (27th: -14), 21 (1 Dec: +20). atp: 1, 1, 1, 21.
    const profile = atpProfile(
      '2026-11-23',
      10,
      [
        { date: '2026-11-25', quantity: 5 },
        { date: '2026-12-01', quantity: 20 },
      ],
      [{ date: '2026-11-27', quantity: 14 }],
    );
    expect(profile.atp).toEqual([1, 1, 1, 21]);
    expect(earliestDateFor(profile, 12)).toBe('2026-12-01');
  });
});

describe('split offers', () => {
  it('offers what is on hand now and the rest when the purchase order arrives', () => {
    const supply = snapshot({
      products: [stockItem('VALVE')],
      onHand: { VALVE: 4 },
      receipts: [{ sku: 'VALVE', quantity: 10, date: '2026-12-02', ref: 'PO-9' }],
      transitDays: { EU: 2 },
    });
    const promise = computePromise(request([{ sku: 'VALVE', quantity: 10 }]), supply, MONDAY_MORNING);
    const [line] = promise.lines;
    expect(line?.date).toBe('2026-12-04');
    expect(line?.splitOffer).toEqual([
      { quantity: 4, date: '2026-11-25' },
      { quantity: 6, date: '2026-12-04' },
    ]);
  });

  /** 10 valves wanted by a customer who accepts split deliveries: 4 on hand, 10 more on 2 Dec. */
  const splitValves = () =>
    computePromise(
      request([{ sku: 'VALVE', quantity: 10 }], { acceptsSplitDelivery: true }),
      snapshot({
        products: [stockItem('VALVE')],
        onHand: { VALVE: 4 },
        receipts: [{ sku: 'VALVE', quantity: 10, date: '2026-12-02', ref: 'PO-9' }],
      }),
      MONDAY_MORNING,
    );

  it('ships in parts when the customer accepts split deliveries', () => {
    expect(splitValves().shipments).toEqual([
      { date: '2026-11-23', quantity: 4 },
      { date: '2026-12-02', quantity: 6 },
    ]);
  });

  it('holds the early part of an accepted split on the day it leaves, so no other order is promised it', () => {
    expect(splitValves().lines[0]?.stockToReserve).toEqual([
      { sku: 'VALVE', quantity: 4, date: '2026-11-23' },
      { sku: 'VALVE', quantity: 6, date: '2026-12-02' },
    ]);
  });

  it("offers what is free now when the rest waits for the supplier's lead time", () => {
    // 3 on hand, 8 wanted, nothing on order: 10 supplier days for the whole line, 3 can go now.
    const supply = snapshot({
      products: [stockItem('BOLT', { purchaseLeadTimeDays: 10 })],
      onHand: { BOLT: 3 },
    });
    const promise = computePromise(
      request([{ sku: 'BOLT', quantity: 8 }], { acceptsSplitDelivery: true }),
      supply,
      MONDAY_MORNING,
    );
    expect(promise.lines[0]?.splitOffer).toEqual([
      { quantity: 3, date: '2026-11-23' },
      { quantity: 5, date: '2026-12-07' },
    ]);
    expect(promise.lines[0]?.stockToReserve).toEqual([{ sku: 'BOLT', quantity: 3, date: '2026-11-23' }]);
  });

  /**
   * 4 pumps in stock, 10 wanted. The housing (1 per pump) comes from the supplier in 10 working
   * days (7 Dec); assembly takes 1 h per pump on 8 h days: 6 pumps are done on 7 Dec.
   */
  const fourPumpsInStock = () =>
    snapshot({
      products: [
        stockItem('PUMP', {
          kind: 'make',
          bom: [{ sku: 'HOUSING', quantityPer: 1 }],
          routing: [{ workCenter: 'ASSY', hoursPerUnit: 1, setupHours: 0 }],
        }),
        stockItem('HOUSING', { purchaseLeadTimeDays: 10 }),
      ],
      onHand: { PUMP: 4 },
      workCenters: [workCenter('ASSY', 8)],
    });

  it('ships finished goods in stock now and makes only the rest when the split is accepted', () => {
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 10 }], { acceptsSplitDelivery: true }),
      fourPumpsInStock(),
      MONDAY_MORNING,
    );
    const [line] = promise.lines;
    expect(line?.splitOffer).toEqual([
      { quantity: 4, date: '2026-11-23' },
      { quantity: 6, date: '2026-12-07' },
    ]);
    expect(line?.stockToReserve).toEqual([{ sku: 'PUMP', quantity: 4, date: '2026-11-23' }]);
    expect(line?.capacityToReserve).toEqual([{ workCenter: 'ASSY', date: '2026-12-07', hours: 6 }]);
  });

  it('uses the finished goods in stock now and makes only the rest when the split is refused too', () => {
    // One shipment on 7 Dec: the 4 in stock are held now, and only 6 are made.
    const [line] = computePromise(
      request([{ sku: 'PUMP', quantity: 10 }]),
      fourPumpsInStock(),
      MONDAY_MORNING,
    ).lines;
    expect(line).toMatchObject({ method: 'CTP', date: '2026-12-07' });
    expect(line?.stockToReserve).toEqual([{ sku: 'PUMP', quantity: 4, date: '2026-11-23' }]);
    expect(line?.capacityToReserve).toEqual([{ workCenter: 'ASSY', date: '2026-12-07', hours: 6 }]);
  });
});

describe('capable-to-promise', () => {
  const pump = stockItem('PUMP', {
    kind: 'make',
    bom: [{ sku: 'HOUSING', quantityPer: 2 }],
    routing: [{ workCenter: 'ASSY', hoursPerUnit: 1, setupHours: 0 }],
  });

  it("lets a component's purchase order set the date of a two-level BOM", () => {
    const supply = snapshot({
      products: [pump, stockItem('HOUSING')],
      receipts: [{ sku: 'HOUSING', quantity: 100, date: '2026-11-26', ref: 'PO-123' }],
      workCenters: [workCenter('ASSY', 24)],
    });
    const promise = computePromise(request([{ sku: 'PUMP', quantity: 10 }]), supply, MONDAY_MORNING);
    expect(promise.usedCtp).toBe(true);
    expect(promise.date).toBe('2026-11-26');
    expect(promise.basis).toContainEqual({
      kind: 'awaiting-receipt',
      sku: 'HOUSING',
      shortQuantity: 20,
      ref: 'PO-123',
      date: '2026-11-26',
    });
    expect(promise.lines[0]?.stockToReserve).toEqual([{ sku: 'HOUSING', quantity: 20, date: '2026-11-26' }]);
  });

  it('spills capacity over a weekend and a holiday', () => {
    // Materials on Friday 27th; 20 hours at 8 h/day: Fri 8, Mon 30th is a holiday, Tue 8, Wed 4.
    const supply = snapshot({
      products: [pump, stockItem('HOUSING')],
      receipts: [{ sku: 'HOUSING', quantity: 100, date: '2026-11-27', ref: 'PO-1' }],
      workCenters: [workCenter('ASSY', 8)],
      plant: plant({ plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-11-30'] } }),
    });
    const promise = computePromise(request([{ sku: 'PUMP', quantity: 20 }]), supply, MONDAY_MORNING);
    expect(promise.date).toBe('2026-12-02');
    expect(promise.lines[0]?.capacityToReserve).toEqual([
      { workCenter: 'ASSY', date: '2026-11-27', hours: 8 },
      { workCenter: 'ASSY', date: '2026-12-01', hours: 8 },
      { workCenter: 'ASSY', date: '2026-12-02', hours: 4 },
    ]);
  });

  it('schedules around capacity other orders hold and names the full work center', () => {
    const supply = snapshot({
      products: [pump, stockItem('HOUSING')],
      onHand: { HOUSING: 100 },
      workCenters: [workCenter('ASSY', 8)],
      capacityReservations: [
        { orderId: 'o1', workCenter: 'ASSY', date: '2026-11-23', hours: 8 },
        { orderId: 'o1', workCenter: 'ASSY', date: '2026-11-24', hours: 8 },
      ],
    });
    const promise = computePromise(request([{ sku: 'PUMP', quantity: 4 }]), supply, MONDAY_MORNING);
    expect(promise.date).toBe('2026-11-25');
    expect(promise.basis).toContainEqual({
      kind: 'capacity',
      workCenter: 'ASSY',
      fullUntil: '2026-11-24',
      date: '2026-11-25',
    });
  });

  it('falls back to the purchase lead time for a component with no supply', () => {
    const supply = snapshot({
      products: [pump, stockItem('HOUSING', { purchaseLeadTimeDays: 5 })],
      workCenters: [workCenter('ASSY', 24)],
    });
    const promise = computePromise(request([{ sku: 'PUMP', quantity: 1 }]), supply, MONDAY_MORNING);
    expect(promise.date).toBe('2026-11-30');
    expect(promise.basis).toContainEqual({
      kind: 'purchase-lead-time',
      sku: 'HOUSING',
      leadTimeDays: 5,
      date: '2026-11-30',
    });
  });

  it('makes whole lots: lot minimum and multiple apply to what is made', () => {
    const lotPump = { ...pump, lotMinimum: 10, lotMultiple: 5 };
    const supply = snapshot({
      products: [lotPump, stockItem('HOUSING')],
      onHand: { HOUSING: 100 },
      workCenters: [workCenter('ASSY', 24)],
    });
    const promise = computePromise(request([{ sku: 'PUMP', quantity: 3 }]), supply, MONDAY_MORNING);
    // 3 wanted, a lot of 10 made (20 housings); the 7 left over are held as negative stock on the
    // day assembly ends (10 h on one 24 h day: Monday), which is supply for everyone else.
    expect(promise.lines[0]?.stockToReserve).toEqual([
      { sku: 'HOUSING', quantity: 20, date: '2026-11-23' },
      { sku: 'PUMP', quantity: -7, date: '2026-11-23' },
    ]);
  });

  it("gives the excess of another order's lot to the next order, sooner than making its own", () => {
    const lotPump = { ...pump, lotMinimum: 10 };
    const supply = (held: PromiseResult | undefined, keepExcess = true) =>
      snapshot({
        products: [lotPump, stockItem('HOUSING')],
        onHand: { HOUSING: 40 },
        workCenters: [workCenter('ASSY', 8)],
        stockReservations: (held?.lines ?? [])
          .flatMap((line) => line.stockToReserve.map((hold) => ({ ...hold, orderId: 'ord-first' })))
          .filter((hold) => keepExcess || hold.quantity > 0),
        capacityReservations: (held?.lines ?? []).flatMap((line) =>
          line.capacityToReserve.map((hours) => ({ ...hours, orderId: 'ord-first' })),
        ),
      });
    const first = computePromise(request([{ sku: 'PUMP', quantity: 4 }]), supply(undefined), MONDAY_MORNING);
    // 10 pumps at 1 h on 8 h days: Monday 8 h, Tuesday 2 h; the 6 not needed are supply from Tuesday.
    expect(first.lines[0]?.stockToReserve).toContainEqual({ sku: 'PUMP', quantity: -6, date: '2026-11-24' });

    // Making a lot of its own would take Tuesday's 6 free hours and 4 on Wednesday.
    const second = computePromise(request([{ sku: 'PUMP', quantity: 5 }]), supply(first), MONDAY_MORNING);
    expect(second.lines[0]).toMatchObject({ method: 'ATP', date: '2026-11-24', capacityToReserve: [] });
    const withoutExcess = computePromise(
      request([{ sku: 'PUMP', quantity: 5 }]),
      supply(first, false),
      MONDAY_MORNING,
    );
    expect(withoutExcess.lines[0]).toMatchObject({ method: 'CTP', date: '2026-11-25' });
  });

  it('makes only what a component lacks: the part in stock now is used, the rest is made', () => {
    // A pump needs one gearbox; 6 gearboxes are in stock, each further one takes 2 h on GEAR (8 h days).
    const supply = snapshot({
      products: [
        stockItem('PUMP', {
          kind: 'make',
          bom: [{ sku: 'GEARBOX', quantityPer: 1 }],
          routing: [{ workCenter: 'ASSY', hoursPerUnit: 1, setupHours: 0 }],
        }),
        stockItem('GEARBOX', {
          kind: 'make',
          routing: [{ workCenter: 'GEAR', hoursPerUnit: 2, setupHours: 0 }],
        }),
      ],
      onHand: { GEARBOX: 6 },
      workCenters: [workCenter('ASSY', 24), workCenter('GEAR', 8)],
    });
    const [line] = computePromise(request([{ sku: 'PUMP', quantity: 10 }]), supply, MONDAY_MORNING).lines;
    // 4 gearboxes made: 8 h on Monday; then 10 pumps assembled in 10 h on Monday. All ten in full
    // would have taken GEAR 20 h, until Wednesday.
    expect(line?.stockToReserve).toEqual([{ sku: 'GEARBOX', quantity: 6, date: '2026-11-23' }]);
    expect(line?.capacityToReserve).toEqual([
      { workCenter: 'GEAR', date: '2026-11-23', hours: 8 },
      { workCenter: 'ASSY', date: '2026-11-23', hours: 10 },
    ]);
    expect(line?.date).toBe('2026-11-23');
  });
});

describe('transit and the cut-off', () => {
  it('counts transit in business days across a shipping holiday', () => {
    const supply = snapshot({
      products: [stockItem('BOLT')],
      onHand: { BOLT: 5 },
      transitDays: { EU: 2 },
      plant: plant({ shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-11-24'] } }),
    });
    const promise = computePromise(request([{ sku: 'BOLT', quantity: 5 }]), supply, MONDAY_MORNING);
    expect(promise.date).toBe('2026-11-26');
    expect(promise.basis).toContainEqual({
      kind: 'transit',
      region: 'EU',
      businessDays: 2,
      date: '2026-11-26',
    });
  });

  it('counts an order entered after the cut-off from the next working day', () => {
    const supply = snapshot({ products: [stockItem('BOLT')], onHand: { BOLT: 5 } });
    const promise = computePromise(
      request([{ sku: 'BOLT', quantity: 5 }]),
      supply,
      new Date('2026-11-27T17:00:00Z'),
    );
    expect(promise.date).toBe('2026-11-30');
    expect(promise.basis[0]).toEqual({ kind: 'order-cutoff', countsFrom: '2026-11-30' });
  });

  it('never lets two lines of one order count the same units', () => {
    const supply = snapshot({
      products: [stockItem('BOLT')],
      onHand: { BOLT: 5 },
      receipts: [{ sku: 'BOLT', quantity: 5, date: '2026-12-01', ref: 'PO-2' }],
    });
    const promise = computePromise(
      request([
        { sku: 'BOLT', quantity: 5 },
        { sku: 'BOLT', quantity: 5 },
      ]),
      supply,
      MONDAY_MORNING,
    );
    expect(promise.lines.map((line) => line.date)).toEqual(['2026-11-23', '2026-12-01']);
  });
});

describe('bad supply data gives a clear error, never a wrong date', () => {
  it('names a BOM cycle', () => {
    const supply = snapshot({
      products: [
        stockItem('A', { kind: 'make', bom: [{ sku: 'B', quantityPer: 1 }] }),
        stockItem('B', { kind: 'make', bom: [{ sku: 'A', quantityPer: 1 }] }),
      ],
    });
    expect(() => computePromise(request([{ sku: 'A', quantity: 1 }]), supply, MONDAY_MORNING)).toThrow(
      /BOM cycle: A -> B -> A/,
    );
  });

  it('rejects an unknown SKU, an unknown work center, no supply path and an unknown region', () => {
    const noPath = snapshot({ products: [stockItem('X')] });
    const badCenter = snapshot({
      products: [
        stockItem('M', { kind: 'make', routing: [{ workCenter: 'NOPE', hoursPerUnit: 1, setupHours: 0 }] }),
      ],
    });
    expect(() => computePromise(request([{ sku: 'GHOST', quantity: 1 }]), noPath, MONDAY_MORNING)).toThrow(
      SupplyDataError,
    );
    expect(() => computePromise(request([{ sku: 'M', quantity: 1 }]), badCenter, MONDAY_MORNING)).toThrow(
      /unknown work center NOPE/,
    );
    expect(() => computePromise(request([{ sku: 'X', quantity: 1 }]), noPath, MONDAY_MORNING)).toThrow(
      /No supply path for X/,
    );
    expect(() =>
      computePromise(request([{ sku: 'X', quantity: 1 }], { region: 'MARS' }), noPath, MONDAY_MORNING),
    ).toThrow(/region MARS/);
  });

  it('rejects a zero or negative quantity', () => {
    const supply = snapshot({ products: [stockItem('BOLT')], onHand: { BOLT: 5 } });
    expect(() => computePromise(request([{ sku: 'BOLT', quantity: 0 }]), supply, MONDAY_MORNING)).toThrow(
      /positive/,
    );
    expect(() => computePromise(request([{ sku: 'BOLT', quantity: -3 }]), supply, MONDAY_MORNING)).toThrow(
      /positive/,
    );
  });

  it('rejects a BOM line with a zero or negative quantity and a routing step with negative hours', () => {
    const zeroPer = snapshot({
      products: [
        stockItem('M', { kind: 'make', bom: [{ sku: 'C', quantityPer: 0 }] }),
        stockItem('C', { purchaseLeadTimeDays: 5 }),
      ],
    });
    const negativeHours = snapshot({
      products: [
        stockItem('M', { kind: 'make', routing: [{ workCenter: 'ASSY', hoursPerUnit: -1, setupHours: 0 }] }),
      ],
      workCenters: [workCenter('ASSY', 8)],
    });
    expect(() => computePromise(request([{ sku: 'M', quantity: 1 }]), zeroPer, MONDAY_MORNING)).toThrow(
      /BOM of M needs a positive quantity of C/,
    );
    expect(() => computePromise(request([{ sku: 'M', quantity: 1 }]), negativeHours, MONDAY_MORNING)).toThrow(
      /negative hours on ASSY/,
    );
  });
});

describe('capacity a made line holds', () => {
  it('includes the hours of a sub-assembly made for it, not only the top-level routing', () => {
    const frame = stockItem('FRAME', {
      kind: 'make',
      bom: [{ sku: 'STEEL', quantityPer: 1 }],
      routing: [{ workCenter: 'WELD', hoursPerUnit: 2, setupHours: 0 }],
    });
    const cart = stockItem('CART', {
      kind: 'make',
      bom: [{ sku: 'FRAME', quantityPer: 1 }],
      routing: [{ workCenter: 'ASSY', hoursPerUnit: 1, setupHours: 0 }],
    });
    const supply = snapshot({
      products: [cart, frame, stockItem('STEEL')],
      onHand: { STEEL: 10 },
      workCenters: [workCenter('WELD', 8), workCenter('ASSY', 8)],
    });
    const [line] = computePromise(request([{ sku: 'CART', quantity: 2 }]), supply, MONDAY_MORNING).lines;
    const hoursAt = (center: string) =>
      line!.capacityToReserve
        .filter((hours) => hours.workCenter === center)
        .reduce((sum, hours) => sum + hours.hours, 0);
    expect(hoursAt('WELD')).toBe(4);
    expect(hoursAt('ASSY')).toBe(2);
  });
});
