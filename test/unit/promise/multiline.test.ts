import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overCommittedReservations } from '../../../functions/domain/promise/atp.ts';
import { computePromise } from '../../../functions/domain/promise/engine.ts';
import type { Product, StockReservation, SupplySnapshot } from '../../../functions/domain/promise/types.ts';
import { MONDAY_MORNING, plant, request, snapshot, stockItem, workCenter } from './support.ts';

/**
 * Orders of several lines shipped whole, on a plant where the lines compete: two made items share
 * a component (HOUSING) and the assembly line, one also needs a bought BOLT. Each routing has one
 * step, where the guarantee holds by construction (see the known limitation below). `RUNS` worlds
 * for each ordering property (MULTILINE_RUNS overrides it for a long run by hand); the holds are
 * checked on a quarter as many.
 */
const RUNS = Number(process.env.MULTILINE_RUNS ?? 20_000);
const SKUS = ['BOLT', 'HOUSING', 'PUMP', 'VALVE'] as const;

const day = fc
  .integer({ min: 0, max: 45 })
  .map((offset) => new Date(Date.parse('2026-11-23') + offset * 86_400_000).toISOString().slice(0, 10));
const receipt = fc.record({
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: 1, max: 30 }),
  date: day,
  ref: fc.constant('PO'),
});
const reservation = fc.record({
  orderId: fc.constant('other'),
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: 1, max: 20 }),
  date: day,
});
const hold = fc.record({
  orderId: fc.constant('other'),
  workCenter: fc.constant('ASSY'),
  date: day,
  hours: fc.integer({ min: 1, max: 8 }),
});
const world = fc.record({
  onHand: fc.record({
    BOLT: fc.integer({ min: 0, max: 30 }),
    HOUSING: fc.integer({ min: 0, max: 40 }),
    PUMP: fc.integer({ min: 0, max: 8 }),
    VALVE: fc.integer({ min: 0, max: 8 }),
  }),
  receipts: fc.array(receipt, { maxLength: 6 }),
  reservations: fc.array(reservation, { maxLength: 5 }),
  capacity: fc.array(hold, { maxLength: 6 }),
  lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 25 }) }), {
    minLength: 2,
    maxLength: 4,
  }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

/** Bolts and housings bought; a pump and a valve made from them, both assembled on ASSY. */
const products = (valveRouting: Product['routing']): Product[] => [
  stockItem('BOLT', { purchaseLeadTimeDays: 10 }),
  stockItem('HOUSING', { purchaseLeadTimeDays: 7 }),
  stockItem('PUMP', {
    kind: 'make',
    bom: [{ sku: 'HOUSING', quantityPer: 1 }],
    routing: [{ workCenter: 'ASSY', hoursPerUnit: 0.5, setupHours: 1 }],
  }),
  stockItem('VALVE', {
    kind: 'make',
    bom: [
      { sku: 'HOUSING', quantityPer: 1 },
      { sku: 'BOLT', quantityPer: 2 },
    ],
    routing: valveRouting,
  }),
];

function build(w: World): SupplySnapshot {
  return snapshot({
    products: products([{ workCenter: 'ASSY', hoursPerUnit: 0.25, setupHours: 0.5 }]),
    onHand: w.onHand,
    receipts: w.receipts,
    stockReservations: w.reservations,
    workCenters: [workCenter('ASSY', 8)],
    capacityReservations: w.capacity,
    transitDays: { EU: 2 },
    plant: plant({ horizonDays: 120 }),
  });
}
const promise = (w: World) => computePromise(request(w.lines), build(w), MONDAY_MORNING);

const pumps = snapshot({
  products: [
    stockItem('BOLT', { purchaseLeadTimeDays: 10 }),
    stockItem('HOUSING', { purchaseLeadTimeDays: 7 }),
    stockItem('PUMP', {
      kind: 'make',
      bom: [{ sku: 'HOUSING', quantityPer: 1 }],
      routing: [{ workCenter: 'ASSY', hoursPerUnit: 0.5, setupHours: 1 }],
    }),
  ],
  onHand: { HOUSING: 22, BOLT: 5 },
  receipts: [
    { sku: 'HOUSING', quantity: 1, date: '2026-11-26', ref: 'PO-6' },
    { sku: 'HOUSING', quantity: 23, date: '2026-11-27', ref: 'PO-7' },
  ],
  workCenters: [workCenter('ASSY', 8)],
});

describe('an order of several lines shipped whole', () => {
  it('gives the housings on hand to the line that cannot wait and the receipt to the other', () => {
    const result = computePromise(
      request([
        { sku: 'PUMP', quantity: 23 },
        { sku: 'PUMP', quantity: 22 },
      ]),
      pumps,
      MONDAY_MORNING,
    );

    // Planned one after another, the first line took the 22 on hand plus PO-6 and pushed the
    // second line's assembly to 1 Dec; together both fit by 30 Nov, as without PO-6.
    expect(result.date).toBe('2026-11-30');
    expect(result.lines.map((line) => line.stockToReserve)).toEqual([
      [{ sku: 'HOUSING', quantity: 23, date: '2026-11-27' }],
      [{ sku: 'HOUSING', quantity: 22, date: '2026-11-25' }],
    ]);
    const hoursByDay = new Map<string, number>();
    for (const hours of result.lines.flatMap((line) => line.capacityToReserve))
      hoursByDay.set(hours.date, (hoursByDay.get(hours.date) ?? 0) + hours.hours);
    expect(Math.max(...hoursByDay.values())).toBeLessThanOrEqual(8);
  });

  it('is ready when the finished units it takes from stock are free, not only when the rest is made', () => {
    // Found by the property below: 6 valves arrive on Saturday 5 Dec and 1 is made by Friday; the
    // line was dated Friday, earlier than the 7 valves of the receipt without the reservation.
    const w: World = {
      onHand: { BOLT: 0, HOUSING: 0, PUMP: 0, VALVE: 0 },
      receipts: [
        { sku: 'BOLT', quantity: 14, date: '2026-11-23', ref: 'PO' },
        { sku: 'VALVE', quantity: 7, date: '2026-12-05', ref: 'PO' },
      ],
      reservations: [{ orderId: 'other', sku: 'VALVE', quantity: 1, date: '2026-11-23' }],
      capacity: [],
      lines: [
        { sku: 'VALVE', quantity: 7 },
        { sku: 'BOLT', quantity: 1 },
        { sku: 'BOLT', quantity: 1 },
      ],
    };

    const [valves] = promise(w).lines;

    expect(valves?.basis).toContainEqual({
      kind: 'stock-available',
      sku: 'VALVE',
      quantity: 6,
      date: '2026-12-05',
    });
    expect(promise(w).date).toBe(promise({ ...w, reservations: [] }).date);
  });

  // KNOWN LIMITATION, found by the reservation property at 143,032 worlds when VALVE had a second
  // routing step (TEST after ASSY): planned backwards, the valve's assembly must end by the day
  // its test starts, a day that moves with TEST's load, while the pumps' assembly is due on the
  // order's day. Four hours of another order on TEST move the valve's test, hence its assembly, a
  // day earlier, which frees the assembly hours of 2 Dec for a pump that buys its housings: the
  // order fits by 2 Dec with the reservation and not without it. Steps due on different days on
  // a shared work center are list-scheduled again; a fix would allocate such a center's hours for
  // all lines at once (e.g. latest due step first). `it.fails` turns red once that is fixed.
  it.fails('never gets earlier when another order holds hours, even with a two-step routing', () => {
    const supply = (
      capacityReservations: { orderId: string; workCenter: string; date: string; hours: number }[],
    ) =>
      snapshot({
        products: products([
          { workCenter: 'ASSY', hoursPerUnit: 0.25, setupHours: 0.5 },
          { workCenter: 'TEST', hoursPerUnit: 0.5, setupHours: 0 },
        ]),
        onHand: { BOLT: 12, HOUSING: 21 },
        workCenters: [workCenter('ASSY', 8), workCenter('TEST', 6)],
        capacityReservations,
        transitDays: { EU: 2 },
        plant: plant({ horizonDays: 120 }),
      });
    const order = request([
      { sku: 'PUMP', quantity: 11 },
      { sku: 'PUMP', quantity: 15 },
      { sku: 'HOUSING', quantity: 1 },
      { sku: 'VALVE', quantity: 6 },
    ]);
    const before = computePromise(order, supply([]), MONDAY_MORNING).date;
    const held = supply([{ orderId: 'other', workCenter: 'TEST', date: '2026-12-02', hours: 4 }]);

    expect(computePromise(order, held, MONDAY_MORNING).date >= before).toBe(true);
  });

  it('keeps the plan of lines that share no item or work center, as each would be promised alone', () => {
    const order = [
      { sku: 'BOLT', quantity: 5 },
      { sku: 'PUMP', quantity: 22 },
    ];
    const together = computePromise(request(order), pumps, MONDAY_MORNING);
    const alone = order.map((line) => computePromise(request([line]), pumps, MONDAY_MORNING).lines[0]);

    expect(together.lines).toEqual(alone);
  });
});

describe('orders of several lines shipped whole, in random worlds', () => {
  it('never get later when a receipt is added', () => {
    fc.assert(
      fc.property(world, receipt, (w, extra) => {
        expect(promise({ ...w, receipts: [...w.receipts, extra] }).date <= promise(w).date).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it('never get earlier when another order reserves stock or hours', () => {
    fc.assert(
      fc.property(world, reservation, hold, fc.boolean(), (w, stock, hours, useStock) => {
        const more = useStock
          ? { ...w, reservations: [...w.reservations, stock] }
          : { ...w, capacity: [...w.capacity, hours] };
        expect(promise(more).date >= promise(w).date).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it('hold no more stock and hours than are free, and are never earlier than a line alone', () => {
    fc.assert(
      fc.property(world, (w) => {
        const result = promise(w);
        for (const line of result.lines) {
          expect(line.date <= result.date).toBe(true);
          // Never earlier than the line would be promised alone.
          const alone = computePromise(request([line]), build(w), MONDAY_MORNING);
          expect(alone.date <= result.date).toBe(true);
        }
        const used = new Map<string, number>();
        for (const line of result.lines)
          for (const hours of line.capacityToReserve) {
            const key = `${hours.workCenter}|${hours.date}`;
            used.set(key, (used.get(key) ?? 0) + hours.hours);
          }
        for (const [key, hours] of used) {
          const [center, date] = key.split('|');
          const reserved = w.capacity
            .filter((c) => c.workCenter === center && c.date === date)
            .reduce((sum, c) => sum + c.hours, 0);
          expect(hours + reserved).toBeLessThanOrEqual(8 + 1e-9);
        }
        const covered = (holds: readonly StockReservation[]) =>
          SKUS.every(
            (sku) =>
              overCommittedReservations(
                '2026-11-23',
                w.onHand[sku],
                w.receipts.filter((r) => r.sku === sku),
                holds.filter((r) => r.sku === sku),
              ).length === 0,
          );
        fc.pre(covered(w.reservations));
        const planned = result.lines.flatMap((line) =>
          line.stockToReserve.map((taken) => ({ orderId: 'new', ...taken })),
        );
        expect(covered([...w.reservations, ...planned])).toBe(true);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  }, 600_000);
});
