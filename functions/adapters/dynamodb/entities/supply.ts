/**
 * Stock of one SKU. Everything that decides how much of it is free lives in ONE item, so the
 * snapshot of an order reads its SKUs with BatchGetItem (100 keys a request, fetched together with
 * the products of the same BOM level) instead of one Query per SKU, and the version, the stock and
 * the holds it guards are always read together, atomically.
 *
 * | item  | PK        | SK    | attributes                                                              |
 * |-------|-----------|-------|-------------------------------------------------------------------------|
 * | stock | SKU#<sku> | STOCK | onHand; `R#<date>#<ref>` = quantity of a scheduled receipt;              |
 * |       |           |       | `holds` = every order's holds (encodeHolds); allocVersion                 |
 *
 * `allocVersion` is the SKU's optimistic-concurrency counter: every hold, release and supply change
 * of the SKU bumps it in the same write, and a reservation commits only if it still holds the value
 * read with the snapshot (see supply-repository.ts commitHolds).
 *
 * Why attributes and not separate items (measured in test/bench/promise-dynamodb.bench.ts): on
 * DynamoDB Local one Query costs about as much as a BatchGetItem of 40 keys, and a 10-line order
 * touches about 40 SKUs. Receipts as top-level attributes (not a nested map) need no parent to
 * exist, so any write can create the item. Limit: an item holds 400 KB; a one-day hold takes about
 * 30 bytes of the `holds` string, so roughly 10,000 open holds plus the receipts of one SKU or work
 * center fit; beyond that the holds would need sharding over several items.
 *
 * Access patterns: STOCK items by BatchGetItem (snapshot); by key (version check and write).
 */
import type { HoldEntry } from '../../../domain/promise/records.ts';
import type { IsoDate } from '../../../domain/promise/types.ts';

import { skuPartition } from '../../../domain/promise/records.ts';

export { skuOfPartition, skuPartition } from '../../../domain/promise/records.ts';
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
export const HOLDS_ATTRIBUTE = 'holds';
/**
 * Before holds shared one attribute, each order's hold was its own attribute `H#<orderId>` (a list
 * of {date, amount}, briefly a string). Items written then still read; a write of the order's hold
 * removes its old attribute.
 */
export const HOLD_PREFIX = 'H#';
export const holdAttribute = (orderId: string) => `${HOLD_PREFIX}${orderId}`;

export type { Hold, HoldEntry } from '../../../domain/promise/records.ts';

/** Every order's hold in one partition, by order id. */
export type HoldsByOrder = ReadonlyMap<string, readonly HoldEntry[]>;

const encodeEntries = (entries: readonly HoldEntry[]): string =>
  entries.map((entry) => `${entry.date}=${entry.amount}`).join(',');

const decodeEntries = (value: string): HoldEntry[] =>
  value
    ? value.split(',').map((entry) => ({ date: entry.slice(0, 10), amount: Number(entry.slice(11)) }))
    : [];

/**
 * All holds of a partition as ONE string attribute: `<orderId>:<date>=<amount>,...` per order,
 * orders joined by `;`. A work center's CALENDAR item carries the hours of every open order and is
 * read by every order that uses the work center. With one attribute per order the snapshot of a
 * 10-line order parsed ~1,500 attribute values; with one string per item about 60, and the p99 of
 * `checkPromise` fell by a quarter (figures in the README, from test/bench/promise-dynamodb.bench.ts).
 * A hold write already reads the item's holds and version and is conditioned on that version, so
 * rewriting the whole string loses nothing. Numbers print and parse back exactly in JavaScript.
 */
export function encodeHolds(holds: HoldsByOrder): string {
  const parts: string[] = [];
  for (const [orderId, entries] of holds) {
    if (/[;:,=]/.test(orderId)) throw new RangeError(`Order id ${orderId} cannot be stored in a hold`);
    if (entries.length) parts.push(`${orderId}:${encodeEntries(entries)}`);
  }
  return parts.join(';');
}

/** The holds of a partition from its `holds` attribute (absent: none). */
export function decodeHolds(value: unknown): Map<string, HoldEntry[]> {
  const holds = new Map<string, HoldEntry[]>();
  if (value === undefined || value === '') return holds;
  if (typeof value !== 'string') throw new TypeError(`Unreadable holds: ${typeof value}`);
  for (const part of value.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 1) throw new TypeError(`Unreadable hold: ${part.slice(0, 40)}`);
    holds.set(part.slice(0, colon), decodeEntries(part.slice(colon + 1)));
  }
  return holds;
}

/** Entries of an `H#<orderId>` attribute written before `holds` existed: a list of maps or a string. */
export function decodeLegacyHold(value: unknown): HoldEntry[] {
  if (Array.isArray(value)) return value as HoldEntry[];
  if (typeof value !== 'string') throw new TypeError(`Unreadable hold: ${typeof value}`);
  return decodeEntries(value);
}
