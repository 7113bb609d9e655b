import { describe, expect, it } from 'vitest';
import { bindingConstraint } from '../../../functions/domain/promise/binding.ts';
import { computePromise } from '../../../functions/domain/promise/engine.ts';
import type { BasisEntry, CapacityReservation, Product } from '../../../functions/domain/promise/types.ts';
import { addDays } from '../../../functions/domain/promise/calendar.ts';
import { MONDAY_MORNING, request, snapshot, stockItem, workCenter } from './support.ts';

/** A pump made from one PART per unit on WC-ASSY at 2 hours a unit, unless the routing says otherwise. */
const pump = (overrides: Partial<Product> = {}) =>
  stockItem('PUMP', {
    kind: 'make',
    bom: [{ sku: 'PART', quantityPer: 1 }],
    routing: [{ workCenter: 'WC-ASSY', hoursPerUnit: 2, setupHours: 0 }],
    ...overrides,
  });

/** Other orders hold `hours` on `center` every day for `days` days from Monday 23 Nov. */
const held = (center: string, hours: number, days: number): CapacityReservation[] =>
  Array.from({ length: days }, (_, offset) => ({
    orderId: 'other',
    workCenter: center,
    hours,
    date: addDays('2026-11-23', offset),
  }));

const bindingOf = (parts: Parameters<typeof snapshot>[0], quantity = 4) => {
  const promise = computePromise(request([{ sku: 'PUMP', quantity }]), snapshot(parts), MONDAY_MORNING);
  const index = bindingConstraint(promise.basis);
  return { promise, binding: index === undefined ? undefined : promise.basis[index] };
};

describe('the basis names the constraint that sets the date', () => {
  it('is the stock when the item is on the shelf', () => {
    const { binding } = bindingOf({ products: [stockItem('PUMP')], onHand: { PUMP: 10 } });

    expect(binding).toEqual({ kind: 'stock-available', sku: 'PUMP', quantity: 4, date: '2026-11-23' });
  });

  it('is the receipt, with its PO, when a component waits for it', () => {
    const { binding } = bindingOf({
      products: [pump(), stockItem('PART')],
      receipts: [{ sku: 'PART', quantity: 10, date: '2026-12-01', ref: 'PO-4711' }],
      workCenters: [workCenter('WC-ASSY', 8)],
    });

    expect(binding).toMatchObject({ kind: 'awaiting-receipt', ref: 'PO-4711', date: '2026-12-01' });
  });

  it("is the supplier's lead time when a component must be bought", () => {
    const { binding } = bindingOf({
      products: [pump(), stockItem('PART', { purchaseLeadTimeDays: 10 })],
      workCenters: [workCenter('WC-ASSY', 8)],
    });

    expect(binding).toMatchObject({ kind: 'purchase-lead-time', sku: 'PART', leadTimeDays: 10 });
  });

  it('is the full work center, with the day it is full until, when other orders fill it', () => {
    const { binding, promise } = bindingOf({
      products: [pump(), stockItem('PART')],
      onHand: { PART: 10 },
      workCenters: [workCenter('WC-ASSY', 8)],
      capacityReservations: held('WC-ASSY', 8, 5),
    });

    expect(binding).toEqual({
      kind: 'capacity',
      workCenter: 'WC-ASSY',
      fullUntil: '2026-11-27',
      date: '2026-11-30',
    });
    expect(promise.date).toBe('2026-11-30');
  });

  it('is production on the work center, with its days, when a partly booked work center stretches it', () => {
    // 1 free hour a day for 8 hours of work: capacity, not material, sets the date.
    const { binding } = bindingOf({
      products: [pump(), stockItem('PART')],
      onHand: { PART: 10 },
      workCenters: [workCenter('WC-ASSY', 8)],
      capacityReservations: held('WC-ASSY', 7, 30),
    });

    expect(binding).toEqual({
      kind: 'production-complete',
      sku: 'PUMP',
      date: '2026-12-02',
      workCenter: 'WC-ASSY',
      productionDays: 8,
    });
  });

  it('names the slow step of the routing, not the one that finishes, when that step takes the days', () => {
    const { binding } = bindingOf({
      products: [
        pump({
          routing: [
            { workCenter: 'WC-WELD', hoursPerUnit: 10, setupHours: 0 },
            { workCenter: 'WC-TEST', hoursPerUnit: 1, setupHours: 0 },
          ],
        }),
        stockItem('PART'),
      ],
      onHand: { PART: 10 },
      workCenters: [workCenter('WC-WELD', 8), workCenter('WC-TEST', 8)],
    });

    expect(binding).toMatchObject({ kind: 'production-complete', workCenter: 'WC-WELD', productionDays: 5 });
  });

  it('names the later step when the full one is the last of the routing', () => {
    const { binding } = bindingOf({
      products: [
        pump({
          routing: [
            { workCenter: 'WC-WELD', hoursPerUnit: 1, setupHours: 0 },
            { workCenter: 'WC-TEST', hoursPerUnit: 1, setupHours: 0 },
          ],
        }),
        stockItem('PART'),
      ],
      onHand: { PART: 10 },
      workCenters: [workCenter('WC-WELD', 8), workCenter('WC-TEST', 8)],
      capacityReservations: held('WC-TEST', 8, 5),
    });

    expect(binding).toMatchObject({ kind: 'capacity', workCenter: 'WC-TEST', fullUntil: '2026-11-27' });
  });

  it('is production days after a receipt when making takes longer than the wait for material', () => {
    const { binding } = bindingOf(
      {
        products: [pump(), stockItem('PART')],
        receipts: [{ sku: 'PART', quantity: 10, date: '2026-11-24', ref: 'PO-1' }],
        workCenters: [workCenter('WC-ASSY', 4)],
      },
      8,
    );

    // 16 hours at 4 a day from Tuesday: Tuesday to Friday.
    expect(binding).toMatchObject({
      kind: 'production-complete',
      workCenter: 'WC-ASSY',
      productionDays: 4,
      date: '2026-11-27',
    });
  });

  it('is the stock that arrives when the order waits for a production order rather than making', () => {
    const { binding } = bindingOf({
      products: [pump(), stockItem('PART')],
      onHand: { PART: 10 },
      receipts: [{ sku: 'PUMP', quantity: 3, date: '2026-11-25', ref: 'MO-1' }],
      workCenters: [workCenter('WC-ASSY', 2)],
    });

    expect(binding).toMatchObject({ kind: 'stock-available', sku: 'PUMP', date: '2026-11-25' });
  });

  it('puts a reported delay before a production entry of the same date', () => {
    const basis: BasisEntry[] = [
      { kind: 'reported-delay', stage: 'PRODUCTION', reason: 'press broke', date: '2026-12-10' },
      {
        kind: 'production-complete',
        sku: 'PUMP',
        date: '2026-12-10',
        workCenter: 'WC-ASSY',
        productionDays: 2,
      },
    ];

    expect(bindingConstraint(basis)).toBe(0);
  });

  it('has nothing to name when a basis has only transit', () => {
    expect(bindingConstraint([{ kind: 'transit', region: 'EU', businessDays: 2, date: '2026-12-01' }])).toBe(
      undefined,
    );
  });
});

describe('the supply path of a line', () => {
  it('lists each component with its source and dates, and each routing step on its work center', () => {
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 4 }]),
      snapshot({
        products: [
          pump({
            bom: [
              { sku: 'PART', quantityPer: 1 },
              { sku: 'SEAL', quantityPer: 2 },
              { sku: 'BOLT', quantityPer: 4 },
            ],
          }),
          stockItem('PART'),
          stockItem('SEAL', { purchaseLeadTimeDays: 5 }),
          stockItem('BOLT'),
        ],
        onHand: { BOLT: 100 },
        receipts: [{ sku: 'PART', quantity: 4, date: '2026-11-25', ref: 'PO-7' }],
        workCenters: [workCenter('WC-ASSY', 8)],
      }),
      MONDAY_MORNING,
    );

    expect(promise.lines[0]?.supplyPath).toEqual([
      {
        sku: 'PART',
        quantity: 4,
        level: 1,
        source: { kind: 'receipt', ref: 'PO-7' },
        start: '2026-11-23',
        end: '2026-11-25',
      },
      {
        sku: 'SEAL',
        quantity: 8,
        level: 1,
        source: { kind: 'purchase', leadTimeDays: 5 },
        start: '2026-11-23',
        end: '2026-11-30',
      },
      {
        sku: 'BOLT',
        quantity: 16,
        level: 1,
        source: { kind: 'stock' },
        start: '2026-11-23',
        end: '2026-11-23',
      },
      {
        sku: 'PUMP',
        quantity: 4,
        level: 0,
        source: { kind: 'production', workCenter: 'WC-ASSY', hours: 8 },
        start: '2026-11-30',
        end: '2026-11-30',
      },
    ]);
  });

  it('keeps only the plan that was chosen: stock arriving beats making, so nothing is made', () => {
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 3 }]),
      snapshot({
        products: [pump(), stockItem('PART', { purchaseLeadTimeDays: 20 })],
        receipts: [{ sku: 'PUMP', quantity: 3, date: '2026-11-25', ref: 'MO-1' }],
        workCenters: [workCenter('WC-ASSY', 8)],
      }),
      MONDAY_MORNING,
    );

    expect(promise.lines[0]?.supplyPath).toEqual([
      {
        sku: 'PUMP',
        quantity: 3,
        level: 0,
        source: { kind: 'receipt', ref: 'MO-1' },
        start: '2026-11-23',
        end: '2026-11-25',
      },
    ]);
  });
});
