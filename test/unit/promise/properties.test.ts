import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays } from '../../../functions/domain/promise/calendar.ts';
import { computePromise } from '../../../functions/domain/promise/engine.ts';
import { recheckPromise, firstVersion } from '../../../functions/domain/promise/versioning.ts';
import { overCommittedReservations } from '../../../functions/domain/promise/atp.ts';
import type { StockReservation, SupplySnapshot } from '../../../functions/domain/promise/types.ts';
import { MONDAY_MORNING, plant, request, snapshot, stockItem, workCenter } from './support.ts';

const day = fc
  .integer({ min: 0, max: 60 })
  .map((offset) => new Date(Date.parse('2026-11-23') + offset * 86_400_000).toISOString().slice(0, 10));
const receipt = fc.record({
  sku: fc.constantFrom('BOLT', 'HOUSING', 'PUMP'),
  quantity: fc.integer({ min: 1, max: 50 }),
  date: day,
  ref: fc.constant('PO'),
});
const reservation = fc.record({
  orderId: fc.constant('other'),
  sku: fc.constantFrom('BOLT', 'HOUSING', 'PUMP'),
  quantity: fc.integer({ min: 1, max: 30 }),
  date: day,
});

/** A small random world: a stock item and a made item whose component may be bought. */
const world = fc.record({
  onHand: fc.record({
    BOLT: fc.integer({ min: 0, max: 40 }),
    HOUSING: fc.integer({ min: 0, max: 40 }),
    PUMP: fc.integer({ min: 0, max: 10 }),
  }),
  receipts: fc.array(receipt, { maxLength: 6 }),
  reservations: fc.array(reservation, { maxLength: 6 }),
  capacity: fc.array(
    fc.record({
      orderId: fc.constant('other'),
      workCenter: fc.constant('ASSY'),
      date: day,
      hours: fc.integer({ min: 1, max: 8 }),
    }),
    {
      maxLength: 6,
    },
  ),
  transit: fc.integer({ min: 0, max: 5 }),
  split: fc.boolean(),
  lines: fc.array(
    fc.record({ sku: fc.constantFrom('BOLT', 'PUMP'), quantity: fc.integer({ min: 1, max: 30 }) }),
    { minLength: 1, maxLength: 3 },
  ),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function build(w: World): SupplySnapshot {
  return snapshot({
    products: [
      stockItem('BOLT', { purchaseLeadTimeDays: 10 }),
      stockItem('HOUSING', { purchaseLeadTimeDays: 7 }),
      stockItem('PUMP', {
        kind: 'make',
        bom: [{ sku: 'HOUSING', quantityPer: 1 }],
        routing: [{ workCenter: 'ASSY', hoursPerUnit: 0.5, setupHours: 1 }],
      }),
    ],
    onHand: w.onHand,
    receipts: w.receipts,
    stockReservations: w.reservations,
    workCenters: [workCenter('ASSY', 8)],
    capacityReservations: w.capacity,
    transitDays: { EU: w.transit },
    plant: plant(),
  });
}
const promise = (w: World, supply = build(w)) =>
  computePromise(request(w.lines, { acceptsSplitDelivery: w.split }), supply, MONDAY_MORNING);

describe('promise engine properties', () => {
  it('never promises earlier than today plus transit', () => {
    fc.assert(
      fc.property(world, (w) => {
        expect(promise(w).date >= addBusinessDays(plant().shippingCalendar, '2026-11-23', w.transit)).toBe(
          true,
        );
      }),
    );
  });

  it('never makes a promise later when supply is added', () => {
    fc.assert(
      fc.property(world, receipt, (w, extra) => {
        const before = promise(w).date;
        expect(promise({ ...w, receipts: [...w.receipts, extra] }).date <= before).toBe(true);
      }),
    );
  });

  it('never makes a promise later when supply is added, even when two lines compete for a component', () => {
    const w: World = {
      onHand: { BOLT: 0, HOUSING: 22, PUMP: 0 },
      receipts: [
        { sku: 'HOUSING', quantity: 8, date: '2026-11-27', ref: 'PO' },
        { sku: 'HOUSING', quantity: 15, date: '2026-11-27', ref: 'PO' },
      ],
      reservations: [],
      capacity: [],
      transit: 0,
      split: false,
      lines: [
        { sku: 'PUMP', quantity: 23 },
        { sku: 'PUMP', quantity: 22 },
      ],
    };
    const extra = { sku: 'HOUSING' as const, quantity: 1, date: '2026-11-26', ref: 'PO' as const };
    expect(promise({ ...w, receipts: [...w.receipts, extra] }).date <= promise(w).date).toBe(true);
  });

  it('never makes a promise earlier when a reservation is added', () => {
    fc.assert(
      fc.property(world, reservation, (w, extra) => {
        const before = promise(w).date;
        expect(promise({ ...w, reservations: [...w.reservations, extra] }).date >= before).toBe(true);
      }),
    );
  });

  it('never plans more capacity on a day than is free', () => {
    fc.assert(
      fc.property(world, (w) => {
        const used = new Map<string, number>();
        for (const line of promise(w).lines)
          for (const hours of line.capacityToReserve)
            used.set(hours.date, (used.get(hours.date) ?? 0) + hours.hours);
        for (const [date, hours] of used) {
          const reserved = w.capacity.filter((c) => c.date === date).reduce((sum, c) => sum + c.hours, 0);
          expect(hours + reserved).toBeLessThanOrEqual(8 + 1e-9);
        }
      }),
    );
  });

  it('never reserves stock beyond what is free: holding what it plans keeps every balance covered', () => {
    fc.assert(
      fc.property(world, (w) => {
        const covered = (reservations: readonly StockReservation[]) =>
          (['BOLT', 'HOUSING', 'PUMP'] as const).every(
            (sku) =>
              overCommittedReservations(
                '2026-11-23',
                w.onHand[sku],
                w.receipts.filter((r) => r.sku === sku),
                reservations.filter((r) => r.sku === sku),
              ).length === 0,
          );
        fc.pre(covered(w.reservations));
        const planned = promise(w).lines.flatMap((line) =>
          line.stockToReserve.map((hold) => ({ orderId: 'new', ...hold })),
        );
        expect(covered([...w.reservations, ...planned])).toBe(true);
      }),
    );
  });

  it('keeps a feasible promise and only offers a better date', () => {
    fc.assert(
      fc.property(world, receipt, (w, extra) => {
        const stored = firstVersion(promise(w));
        const fresh = promise({ ...w, receipts: [...w.receipts, extra] });
        const recheck = recheckPromise(stored, fresh);
        expect(recheck.kind).toBe('kept');
        if (recheck.kind === 'kept' && fresh.date < stored.date)
          expect(recheck.betterDateOffered).toBe(fresh.date);
      }),
    );
  });
});

describe('promise versions', () => {
  it('makes a new version with the cause when the date becomes infeasible', () => {
    const supply = snapshot({
      products: [stockItem('BOLT', { purchaseLeadTimeDays: 10 })],
      onHand: { BOLT: 5 },
    });
    const stored = firstVersion(
      computePromise(request([{ sku: 'BOLT', quantity: 5 }]), supply, MONDAY_MORNING),
    );
    const taken = {
      ...supply,
      stockReservations: [{ orderId: 'rush', sku: 'BOLT', quantity: 5, date: '2026-11-23' }],
    };
    const recheck = recheckPromise(
      stored,
      computePromise(request([{ sku: 'BOLT', quantity: 5 }]), taken, MONDAY_MORNING),
    );
    expect(recheck.kind).toBe('changed');
    if (recheck.kind !== 'changed') return;
    expect(recheck.promise).toMatchObject({ version: 2, previousDate: '2026-11-23', date: '2026-12-07' });
    expect(recheck.promise.cause).toEqual([
      { kind: 'purchase-lead-time', sku: 'BOLT', leadTimeDays: 10, date: '2026-12-07' },
      { kind: 'transit', region: 'EU', businessDays: 0, date: '2026-12-07' },
    ]);
  });

  it('reports a slip when the projection gets later but the promise still holds', () => {
    const supply = snapshot({
      products: [stockItem('BOLT', { purchaseLeadTimeDays: 10 })],
      onHand: { BOLT: 5 },
      receipts: [{ sku: 'BOLT', quantity: 5, date: '2026-11-30', ref: 'PO-1' }],
    });
    const line = request([{ sku: 'BOLT', quantity: 8 }]);
    // The promise in force is 7 Dec; the last projection was 30 Nov, when PO-1 was due. PO-1 moves to
    // 3 Dec: the projection slips, yet 3 Dec still keeps the promise, so it stays and the slip is told.
    const stored = {
      ...firstVersion(computePromise(line, supply, MONDAY_MORNING)),
      date: '2026-12-07',
    };
    const later = computePromise(
      line,
      { ...supply, receipts: [{ sku: 'BOLT', quantity: 5, date: '2026-12-03', ref: 'PO-1' }] },
      MONDAY_MORNING,
    );
    const recheck = recheckPromise(stored, later, '2026-11-30');
    expect(recheck).toMatchObject({ kind: 'kept', slipped: true, betterDateOffered: '2026-12-03' });
  });
});
