/**
 * Stock of one SKU: everything that decides how much of it is free lives in one partition, so one
 * Query returns on-hand stock, scheduled receipts and the holds of confirmed orders together.
 *
 * | item                   | PK        | SK                    | attributes                               |
 * |------------------------|-----------|-----------------------|------------------------------------------|
 * | stock on hand          | SKU#<sku> | STOCK                 | onHand, allocVersion                     |
 * | scheduled receipt      | SKU#<sku> | RECEIPT#<date>#<ref>  | sku, quantity, date, ref                 |
 * | stock held by an order | SKU#<sku> | RES#<orderId>         | orderId, entries [{date, amount}]        |
 *
 * `allocVersion` on the STOCK item is the partition's optimistic-concurrency counter: every hold,
 * release and supply change of the SKU bumps it in the same transaction, and a reservation commits
 * only if it still holds the value read with the snapshot (see supply-repository.ts writeHolds).
 *
 * Access patterns: the whole partition by Query (snapshot); a STOCK item by key (version check).
 */
import type { IsoDate } from '../../../domain/promise/types.ts';

export const skuPartition = (sku: string) => `SKU#${sku}`;
export const skuOfPartition = (partition: string) => partition.slice('SKU#'.length);
export const stockKey = (sku: string) => ({ PK: skuPartition(sku), SK: 'STOCK' });
export const receiptKey = (sku: string, date: IsoDate, ref: string) => ({
  PK: skuPartition(sku),
  SK: `RECEIPT#${date}#${ref}`,
});
export const RECEIPT_PREFIX = 'RECEIPT#';

/** Holds of stock (in a SKU partition) and of capacity (in a work-center partition) share one shape. */
export const HOLD_PREFIX = 'RES#';
export const holdKey = (partition: string, orderId: string) => ({
  PK: partition,
  SK: `${HOLD_PREFIX}${orderId}`,
});

/** What an order holds in one SKU or work-center partition: units or hours by date. */
export interface Hold {
  readonly partition: string;
  readonly entries: readonly { date: IsoDate; amount: number }[];
}
