/** Shared arrangement for the promise storage tests: a fresh table and uniquely named supply. */
import { randomUUID } from 'node:crypto';
import * as supply from '../../../functions/adapters/dynamodb/supply-repository.ts';
import type { Product } from '../../../functions/domain/promise/types.ts';
import { quoteOrder } from '../../../functions/usecases/promise/index.ts';
import { adaptersOnFreshTable } from '../../support/dynamo.ts';

/** Monday 2026-11-23, 08:00 UTC: before the 16:00 cut-off, so orders count from today. */
export const NOW = new Date('2026-11-23T08:00:00Z');

/** Points the adapters at a fresh table and stores the EU transit time (1 business day). */
export async function useFreshTable(): Promise<{ tableName: string; endpoint: string }> {
  const { endpoint, tableName } = await adaptersOnFreshTable();
  await supply.applySupplyUpdate({ transit: [{ region: 'EU', days: 1 }] });
  return { endpoint, tableName };
}

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A bought SKU with `onHand` units on the shelf, or bought in 10 working days. */
export async function stockedSku(onHand: number, overrides: Partial<Product> = {}): Promise<string> {
  const sku = unique('BOLT');
  await supply.putProduct({
    sku,
    name: sku,
    kind: 'stock',
    bom: [],
    routing: [],
    unitPrice: 2,
    purchaseLeadTimeDays: 10,
    ...overrides,
  });
  await supply.applySupplyUpdate({ stock: [{ sku, onHand }] });
  return sku;
}

/** A made-to-order SKU with no components, taking 1 hour per unit on a new work center. */
export async function madeSku(hoursPerDay: number): Promise<{ sku: string; workCenter: string }> {
  const sku = unique('FRAME');
  const workCenter = unique('WELD');
  await supply.applySupplyUpdate({
    workCenters: [
      {
        id: workCenter,
        hoursByWeekday: { 1: hoursPerDay, 2: hoursPerDay, 3: hoursPerDay, 4: hoursPerDay, 5: hoursPerDay },
        exceptions: {},
      },
    ],
  });
  await supply.putProduct({
    sku,
    name: sku,
    kind: 'make',
    bom: [],
    routing: [{ workCenter, hoursPerUnit: 1, setupHours: 0 }],
    unitPrice: 100,
  });
  return { sku, workCenter };
}

/** Quotes an order for the given lines (EU unless told, no split) and returns its id. */
export async function quoted(
  lines: readonly { sku: string; quantity: number }[],
  region = 'EU',
): Promise<string> {
  const orderId = unique('ord');
  await quoteOrder({ orderId, customerId: 'c1', region, acceptsSplitDelivery: false, lines }, NOW);
  return orderId;
}
