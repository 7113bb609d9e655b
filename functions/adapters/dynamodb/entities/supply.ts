/**
 * Stock of one SKU. Everything that decides how much of it is free lives in ONE item, so the
 * snapshot of an order reads its SKUs with BatchGetItem (100 keys a request, fetched together with
 * the products of the same BOM level) instead of one Query per SKU, and the version, the stock and
 * the holds it guards are always read together, atomically.
 *
 * | item  | PK        | SK    | attributes                                                              |
 * |-------|-----------|-------|-------------------------------------------------------------------------|
 * | stock | SKU#<sku> | STOCK | onHand; `R#<date>#<ref>` = quantity of a scheduled receipt;              |
 * |       |           |       | `H#<orderId>` = stock held by an order, `<date>=<amount>,...`; allocVersion |
 *
 * `allocVersion` is the SKU's optimistic-concurrency counter: every hold, release and supply change
 * of the SKU bumps it in the same write, and a reservation commits only if it still holds the value
 * read with the snapshot (see supply-repository.ts commitHolds).
 *
 * Why attributes and not separate items (measured in test/bench/promise-dynamodb.bench.ts): on
 * DynamoDB Local one Query costs about as much as a BatchGetItem of 40 keys, and a 10-line order
 * touches about 40 SKUs. Receipts and holds as top-level attributes (not a nested map) need no
 * parent to exist, so any write can create the item. Limit: an item holds 400 KB; a one-day hold
 * takes about 40 bytes (name and string), so roughly 10,000 open holds plus the receipts of one SKU
 * or work center fit; beyond that the holds would need sharding over several items.
 *
 * Access patterns: STOCK items by BatchGetItem (snapshot); by key (version check and write).
 */
import type { IsoDate } from '../../../domain/promise/types.ts';

export const skuPartition = (sku: string) => `SKU#${sku}`;
export const skuOfPartition = (partition: string) => partition.slice('SKU#'.length);
export const stockKey = (sku: string) => ({ PK: skuPartition(sku), SK: 'STOCK' });

export const RECEIPT_PREFIX = 'R#';
/**
 * Attribute of a scheduled receipt on its SKU's STOCK item; its value is the quantity. The name
 * carries the date and reference, so a snapshot unmarshals one number per receipt, not a map.
 */
export const receiptAttribute = (date: IsoDate, ref: string) => `${RECEIPT_PREFIX}${date}#${ref}`;
/** Date and reference from a receipt attribute's name without its prefix (`<YYYY-MM-DD>#<ref>`). */
export const receiptOfAttribute = (name: string) => ({ date: name.slice(0, 10), ref: name.slice(11) });

/** Holds of stock (on a STOCK item) and of capacity (on a CALENDAR item) share one shape. */
export const HOLD_PREFIX = 'H#';
export const holdAttribute = (orderId: string) => `${HOLD_PREFIX}${orderId}`;

/** What an order holds in one SKU or work-center partition: units or hours by date. */
export interface Hold {
  readonly partition: string;
  readonly entries: readonly HoldEntry[];
}

export interface HoldEntry {
  readonly date: IsoDate;
  readonly amount: number;
}

/**
 * A hold's entries as one string attribute, `<date>=<amount>` joined by commas. A work center's
 * CALENDAR item carries the hours of every open order and is read by every order using it; with
 * holds as lists of maps it averaged 6.3 KB in the benchmark catalogue (a STOCK item: 0.6 KB), and
 * parsing those maps was most of a snapshot's CPU time (test/bench/promise-dynamodb.bench.ts). As
 * strings it is half the size, and each hold is one value to parse. Numbers print and parse back
 * exactly in JavaScript.
 */
export const encodeHoldEntries = (entries: readonly HoldEntry[]): string =>
  entries.map((entry) => `${entry.date}=${entry.amount}`).join(',');

/** Entries of a stored hold; a list of maps is the form written before the string (kept readable). */
export function decodeHoldEntries(value: unknown): HoldEntry[] {
  if (Array.isArray(value)) return value as HoldEntry[];
  if (typeof value !== 'string') throw new TypeError(`Unreadable hold: ${typeof value}`);
  return value
    ? value.split(',').map((entry) => ({ date: entry.slice(0, 10), amount: Number(entry.slice(11)) }))
    : [];
}
