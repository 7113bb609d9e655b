import { beforeAll, describe, expect, it } from 'vitest';
import {
  applySupplyUpdate,
  loadSnapshot,
  putProduct,
} from '../../../functions/adapters/dynamodb/supply-repository.ts';
import type { Product } from '../../../functions/domain/promise/types.ts';
import { NOW, quoted, unique, useFreshTable } from './fixtures.ts';
import { getPromiseRecord, reserveForOrder } from '../../../functions/usecases/promise/index.ts';

beforeAll(useFreshTable);

interface Tree {
  readonly top: string;
  readonly skus: readonly string[];
  readonly centers: readonly string[];
}

/** A three-level product tree, each level with stock, a receipt and its own work center. */
async function tree(name: string): Promise<Tree> {
  const [top, middle, leaf] = ['TOP', 'MID', 'LEAF'].map((level) => unique(`${name}-${level}`)) as [
    string,
    string,
    string,
  ];
  const [topCenter, middleCenter] = [unique(`${name}-ASSY`), unique(`${name}-WELD`)];
  const base: Omit<Product, 'sku' | 'kind' | 'bom' | 'routing'> = { name, unitPrice: 1 };
  await applySupplyUpdate({
    workCenters: [topCenter, middleCenter].map((id) => ({
      id,
      hoursByWeekday: { 1: 8, 2: 8, 3: 8, 4: 8, 5: 8 },
      exceptions: {},
    })),
  });
  await putProduct({ ...base, sku: leaf, kind: 'stock', bom: [], routing: [], purchaseLeadTimeDays: 3 });
  await putProduct({
    ...base,
    sku: middle,
    kind: 'make',
    bom: [{ sku: leaf, quantityPer: 2 }],
    routing: [{ workCenter: middleCenter, hoursPerUnit: 0.5, setupHours: 0 }],
  });
  await putProduct({
    ...base,
    sku: top,
    kind: 'make',
    bom: [{ sku: middle, quantityPer: 1 }],
    routing: [{ workCenter: topCenter, hoursPerUnit: 0.5, setupHours: 0 }],
  });
  await applySupplyUpdate({
    stock: [{ sku: leaf, onHand: 50 }],
    receipts: [{ sku: leaf, quantity: 20, date: '2026-12-03', ref: `PO-${name}` }],
  });
  return { top, skus: [top, middle, leaf], centers: [topCenter, middleCenter] };
}

describe('loading the supply snapshot of a request', () => {
  it('reads only the partitions of the BOM closure and its routings, not those of other products', async () => {
    const ordered = await tree('A');
    const other = await tree('B');
    await reserveForOrder(await quoted([{ sku: other.top, quantity: 4 }]), NOW);
    await applySupplyUpdate({ transit: [{ region: 'APAC', days: 6 }] });

    const { snapshot, partitions } = await loadSnapshot([ordered.top], 'EU');

    expect([...partitions].sort()).toEqual(
      [...ordered.skus.map((sku) => `SKU#${sku}`), ...ordered.centers.map((id) => `WC#${id}`)].sort(),
    );
    expect([...snapshot.products.keys()].sort()).toEqual([...ordered.skus].sort());
    expect([...snapshot.workCenters.keys()].sort()).toEqual([...ordered.centers].sort());
    expect(snapshot.receipts.map((receipt) => receipt.ref)).toEqual(['PO-A']);
    expect(snapshot.stockReservations).toEqual([]);
    expect(snapshot.capacityReservations).toEqual([]);
    expect([...snapshot.transitDays]).toEqual([['EU', 1]]);
  });

  it('returns the holds of other orders in the partitions it reads', async () => {
    const ordered = await tree('C');
    const orderId = await quoted([{ sku: ordered.top, quantity: 4 }]);
    await reserveForOrder(orderId, NOW);

    const { snapshot } = await loadSnapshot([ordered.top], 'EU');

    expect(snapshot.stockReservations).toEqual([
      { orderId, sku: ordered.skus[2], quantity: 8, date: '2026-11-23' },
    ]);
    const held = (await getPromiseRecord(orderId)).holds
      .map((hold) => hold.partition)
      .filter((partition) => partition.startsWith('WC#'));
    expect(held.length).toBeGreaterThan(0);
    expect([...new Set(snapshot.capacityReservations.map((hold) => `WC#${hold.workCenter}`))].sort()).toEqual(
      held.sort(),
    );
  });

  it('reads a three-level BOM stored bottom-up in two rounds, through the closure hints', async () => {
    const ordered = await tree('D');

    const { rounds, snapshot } = await loadSnapshot([ordered.top], 'EU');

    expect(rounds).toBe(2);
    expect([...snapshot.products.keys()].sort()).toEqual([...ordered.skus].sort());
  });

  it('still reads the whole BOM when a component changed after its parent was stored', async () => {
    const ordered = await tree('E');
    const [, middle, leaf] = ordered.skus as [string, string, string];
    const extra = unique('E-EXTRA');
    await putProduct({ sku: extra, name: extra, kind: 'stock', bom: [], routing: [], unitPrice: 1 });
    // The middle assembly gains a component: the top's hint does not know it.
    await putProduct({
      sku: middle,
      name: 'E',
      kind: 'make',
      bom: [
        { sku: leaf, quantityPer: 2 },
        { sku: extra, quantityPer: 1 },
      ],
      routing: [{ workCenter: ordered.centers[1] as string, hoursPerUnit: 0.5, setupHours: 0 }],
      unitPrice: 1,
    });

    const { snapshot } = await loadSnapshot([ordered.top], 'EU');

    expect([...snapshot.products.keys()].sort()).toEqual([...ordered.skus, extra].sort());
  });

  it('reads a known BOM in one round from the products it keeps, and drops them when a product changes', async () => {
    const ordered = await tree('F');
    const [, middle, leaf] = ordered.skus as [string, string, string];
    await loadSnapshot([ordered.top], 'EU');

    const warm = await loadSnapshot([ordered.top], 'EU');
    await putProduct({
      sku: middle,
      name: 'F',
      kind: 'make',
      bom: [{ sku: leaf, quantityPer: 3 }],
      routing: [{ workCenter: ordered.centers[1] as string, hoursPerUnit: 0.5, setupHours: 0 }],
      unitPrice: 1,
    });
    const afterChange = await loadSnapshot([ordered.top], 'EU');

    expect(warm.rounds).toBe(1);
    expect([...warm.snapshot.products.keys()].sort()).toEqual([...ordered.skus].sort());
    expect(afterChange.snapshot.products.get(middle)?.bom).toEqual([{ sku: leaf, quantityPer: 3 }]);
  });

  it('stops at a BOM cycle instead of reading forever, leaving the error to the engine', async () => {
    const [first, second] = [unique('CYC'), unique('CYC')];
    const make = (sku: string, component: string): Product => ({
      sku,
      name: sku,
      kind: 'make',
      bom: [{ sku: component, quantityPer: 1 }],
      routing: [],
      unitPrice: 1,
    });
    await putProduct(make(first, second));
    await putProduct(make(second, first));

    const { snapshot } = await loadSnapshot([first], 'EU');

    expect([...snapshot.products.keys()].sort()).toEqual([first, second].sort());
  });
});
