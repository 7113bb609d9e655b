/**
 * Lot sizes and netting (issue 14, "dates that are later than they need to be"): stock is used
 * before anything is bought or made, a lot covers only what stock lacks, and an order holds only
 * the units it uses. Monday 23 Nov 2026; the supplier works Monday to Friday.
 */
import { describe, expect, it } from 'vitest';
import { computePromise } from '../../../functions/domain/promise/engine.ts';
import type { Product } from '../../../functions/domain/promise/types.ts';
import { DEMO_PRODUCTS } from '../../../infra/local/seed.ts';
import { MONDAY_MORNING, request, snapshot, stockItem, workCenter } from './support.ts';

/** The seeded demo's PUMP-100 in small: two housings per pump, one hour of assembly per pump. */
const pump = stockItem('PUMP', {
  kind: 'make',
  bom: [{ sku: 'HOUSING', quantityPer: 2 }],
  routing: [{ workCenter: 'ASSY', hoursPerUnit: 1, setupHours: 0 }],
});
const housing = (lots: Partial<Product> = {}) =>
  stockItem('HOUSING', { purchaseLeadTimeDays: 15, lotMultiple: 10, ...lots });
const pumpPlant = (housingItem: Product, onHand: Record<string, number>) =>
  snapshot({ products: [pump, housingItem], onHand, workCenters: [workCenter('ASSY', 8)] });

describe("a component's purchase lot applies only to what stock lacks", () => {
  it('takes the 2 housings a pump needs from the 5 on hand instead of waiting 15 days for a lot of 10', () => {
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 1 }]),
      pumpPlant(housing(), { HOUSING: 5 }),
      MONDAY_MORNING,
    );
    expect(promise.date).toBe('2026-11-23');
    expect(promise.lines[0]?.stockToReserve).toEqual([{ sku: 'HOUSING', quantity: 2, date: '2026-11-23' }]);
  });

  it("promises the seeded demo's PUMP-100 from the 5 HOUSING-7 on hand, not after 7 supplier days", () => {
    const supply = snapshot({
      products: Object.entries(DEMO_PRODUCTS).map(([sku, product]): Product => ({
        sku,
        bom: [],
        routing: [],
        ...product,
      })),
      onHand: { 'HOUSING-7': 5, 'MOTOR-5': 40 },
      workCenters: [workCenter('MACHINING', 16), workCenter('ASSEMBLY', 8)],
    });
    const promise = computePromise(request([{ sku: 'PUMP-100', quantity: 1 }]), supply, MONDAY_MORNING);
    expect(promise.date).toBe('2026-11-23');
    expect(promise.lines[0]?.stockToReserve).toContainEqual({
      sku: 'HOUSING-7',
      quantity: 2,
      date: '2026-11-23',
    });
  });

  it('holds the 2 housings it uses when stock covers a whole lot, not the 10 of the lot', () => {
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 1 }]),
      pumpPlant(housing(), { HOUSING: 100 }),
      MONDAY_MORNING,
    );
    expect(promise.lines[0]?.stockToReserve).toEqual([{ sku: 'HOUSING', quantity: 2, date: '2026-11-23' }]);
  });
});

describe('a lot satisfies both its minimum and its multiple (as frePPLe size_minimum and size_multiple)', () => {
  it('makes a lot of 20 for a minimum of 15 and a multiple of 10', () => {
    const item = stockItem('ITEM', {
      kind: 'make',
      routing: [{ workCenter: 'ASSY', hoursPerUnit: 1, setupHours: 0 }],
      lotMinimum: 15,
      lotMultiple: 10,
    });
    const supply = snapshot({ products: [item], workCenters: [workCenter('ASSY', 24)] });
    const [line] = computePromise(request([{ sku: 'ITEM', quantity: 3 }]), supply, MONDAY_MORNING).lines;
    expect(line?.capacityToReserve).toEqual([{ workCenter: 'ASSY', date: '2026-11-23', hours: 20 }]);
    expect(line?.stockToReserve).toEqual([{ sku: 'ITEM', quantity: -17, date: '2026-11-23' }]);
  });

  it('buys a lot of 20 for a minimum of 15 and a multiple of 10, and the 18 not needed are supply', () => {
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 1 }]),
      pumpPlant(housing({ lotMinimum: 15 }), {}),
      MONDAY_MORNING,
    );
    // 15 supplier days from Monday 23 Nov: Monday 14 Dec.
    expect(promise.date).toBe('2026-12-14');
    expect(promise.lines[0]?.stockToReserve).toEqual([{ sku: 'HOUSING', quantity: -18, date: '2026-12-14' }]);
  });
});

describe('a bought item partly in stock is netted, as a made one is', () => {
  it('buys one lot of 10 for 12 housings with 5 in stock, not 20, and takes from stock only the 2 it leaves', () => {
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 6 }]),
      pumpPlant(housing(), { HOUSING: 5 }),
      MONDAY_MORNING,
    );
    expect(promise.date).toBe('2026-12-14');
    expect(promise.lines[0]?.stockToReserve).toEqual([{ sku: 'HOUSING', quantity: 2, date: '2026-12-14' }]);
  });

  it('leaves free in stock what a lot bought anyway covers: 2 of 4 housings, not an excess of 2 later', () => {
    // 12 needed, 4 in stock: 8 are missing, a lot of 10 is bought, and stock covers only 2. The
    // other 2 stay free now instead of returning as the lot's excess on 14 Dec.
    const promise = computePromise(
      request([{ sku: 'PUMP', quantity: 6 }]),
      pumpPlant(housing(), { HOUSING: 4 }),
      MONDAY_MORNING,
    );
    expect(promise.lines[0]?.stockToReserve).toEqual([{ sku: 'HOUSING', quantity: 2, date: '2026-12-14' }]);
  });

  it('counts a receipt due before the purchase would arrive as stock, and buys only the rest', () => {
    const supply = snapshot({
      products: [pump, housing({ lotMultiple: 1 })],
      onHand: { HOUSING: 5 },
      receipts: [{ sku: 'HOUSING', quantity: 4, date: '2026-11-30', ref: 'PO-4' }],
      workCenters: [workCenter('ASSY', 8)],
    });
    const [line] = computePromise(request([{ sku: 'PUMP', quantity: 6 }]), supply, MONDAY_MORNING).lines;
    expect(line?.stockToReserve).toEqual([{ sku: 'HOUSING', quantity: 9, date: '2026-12-14' }]);
  });

  it('holds the bolts in stock for an order line that waits for the rest from the supplier', () => {
    // 3 on hand, 8 wanted, nothing on order: the line ships in 10 supplier days with the 3 it has.
    const supply = snapshot({
      products: [stockItem('BOLT', { purchaseLeadTimeDays: 10 })],
      onHand: { BOLT: 3 },
    });
    const [line] = computePromise(request([{ sku: 'BOLT', quantity: 8 }]), supply, MONDAY_MORNING).lines;
    expect(line).toMatchObject({ method: 'ATP', date: '2026-12-07' });
    expect(line?.stockToReserve).toEqual([{ sku: 'BOLT', quantity: 3, date: '2026-12-07' }]);
  });

  it('leaves the 3 bolts to no one else: a second order for them waits for the supplier too', () => {
    const supply = snapshot({
      products: [stockItem('BOLT', { purchaseLeadTimeDays: 10 })],
      onHand: { BOLT: 3 },
    });
    const first = computePromise(request([{ sku: 'BOLT', quantity: 8 }]), supply, MONDAY_MORNING);
    const held = {
      ...supply,
      stockReservations: first.lines.flatMap((line) =>
        line.stockToReserve.map((hold) => ({ ...hold, orderId: 'first' })),
      ),
    };
    const second = computePromise(request([{ sku: 'BOLT', quantity: 2 }]), held, MONDAY_MORNING);
    expect(second.date).toBe('2026-12-07');
  });
});

describe('a made item counts the stock that arrives while the rest is being made', () => {
  // A pump needs one housing, bought in 7 supplier days (Wednesday 2 Dec); assembly is 1 h of setup
  // and 0.5 h a pump on 8 h days. Two pumps arrive from a production order on Tuesday 24 Nov.
  const assembly = snapshot({
    products: [
      stockItem('PUMP', {
        kind: 'make',
        bom: [{ sku: 'HOUSING', quantityPer: 1 }],
        routing: [{ workCenter: 'ASSY', hoursPerUnit: 0.5, setupHours: 1 }],
      }),
      stockItem('HOUSING', { purchaseLeadTimeDays: 7 }),
    ],
    receipts: [{ sku: 'PUMP', quantity: 2, date: '2026-11-24', ref: 'MO-2' }],
    workCenters: [workCenter('ASSY', 8)],
  });

  it('makes 13 of 15 pumps and takes the 2 of the production order: done on 2 Dec, not 3 Dec', () => {
    const [line] = computePromise(request([{ sku: 'PUMP', quantity: 15 }]), assembly, MONDAY_MORNING).lines;
    expect(line?.date).toBe('2026-12-02');
    expect(line?.capacityToReserve).toEqual([{ workCenter: 'ASSY', date: '2026-12-02', hours: 7.5 }]);
    expect(line?.stockToReserve).toContainEqual({ sku: 'PUMP', quantity: 2, date: '2026-11-24' });
  });

  it('makes only the gearboxes a receipt before the end of making does not bring', () => {
    // Ten pumps need ten gearboxes at 2 h each on 8 h days: all ten would take GEAR until Wednesday.
    // Four arrive on Tuesday, so six are made (Monday and Tuesday) and the pumps are done Tuesday.
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
      receipts: [{ sku: 'GEARBOX', quantity: 4, date: '2026-11-24', ref: 'MO-4' }],
      workCenters: [workCenter('ASSY', 24), workCenter('GEAR', 8)],
    });
    const [line] = computePromise(request([{ sku: 'PUMP', quantity: 10 }]), supply, MONDAY_MORNING).lines;
    expect(line?.date).toBe('2026-11-24');
    expect(line?.stockToReserve).toEqual([{ sku: 'GEARBOX', quantity: 4, date: '2026-11-24' }]);
    expect(line?.capacityToReserve).toEqual([
      { workCenter: 'GEAR', date: '2026-11-23', hours: 8 },
      { workCenter: 'GEAR', date: '2026-11-24', hours: 4 },
      { workCenter: 'ASSY', date: '2026-11-24', hours: 10 },
    ]);
  });
});
