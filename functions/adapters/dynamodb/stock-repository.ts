/**
 * One SKU's stock as stored (entities/supply.ts): on hand, scheduled receipts and every order's
 * holds, read in one GetItem. For people and integrators who look at a SKU; promises read stock
 * through the snapshot (supply-repository.ts loadSnapshot).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ScheduledReceipt, StockReservation } from '../../domain/promise/types.ts';
import { dynamo, tableName } from './client.ts';
import {
  decodeHolds,
  decodeLegacyHold,
  HOLD_PREFIX,
  HOLDS_ATTRIBUTE,
  RECEIPT_PREFIX,
  receiptOfAttribute,
  stockKey,
} from './entities/supply.ts';

export interface StoredStock {
  readonly sku: string;
  readonly onHand: number;
  readonly receipts: readonly ScheduledReceipt[];
  readonly holds: readonly StockReservation[];
}

/** A SKU's stock, receipts and holds (an unknown SKU reads as none of each). */
export async function readStock(sku: string): Promise<StoredStock> {
  const { Item = {} } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: stockKey(sku), ConsistentRead: true }),
  );
  const receipts: ScheduledReceipt[] = [];
  const holds: StockReservation[] = [];
  for (const [name, value] of Object.entries(Item)) {
    if (name.startsWith(RECEIPT_PREFIX))
      receipts.push({
        sku,
        ...receiptOfAttribute(name.slice(RECEIPT_PREFIX.length)),
        quantity: Number(value),
      });
    else if (name.startsWith(HOLD_PREFIX))
      for (const entry of decodeLegacyHold(value))
        holds.push({
          orderId: name.slice(HOLD_PREFIX.length),
          sku,
          quantity: entry.amount,
          date: entry.date,
        });
  }
  for (const [orderId, entries] of decodeHolds(Item[HOLDS_ATTRIBUTE]))
    for (const entry of entries) holds.push({ orderId, sku, quantity: entry.amount, date: entry.date });
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  return {
    sku,
    onHand: Number(Item.onHand ?? 0),
    receipts: receipts.sort(byDate),
    holds: holds.sort(byDate),
  };
}
