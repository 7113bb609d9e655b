/**
 * Supply data pushed by the ERP, and what confirmed orders hold of it.
 *
 * | item                      | PK            | SK                  | notes                                          |
 * |---------------------------|---------------|---------------------|------------------------------------------------|
 * | product                   | PRODUCT#<sku> | PRODUCT             | BOM, routing, lead time, price, lot sizes       |
 * | stock on hand             | SKU#<sku>     | STOCK               | onHand, allocVersion (bumped by every reservation change) |
 * | scheduled receipt         | SKU#<sku>     | RECEIPT#<date>#<ref>| purchase or production order                    |
 * | stock held by an order    | SKU#<sku>     | RES#<orderId>       | entries [{date, quantity}]                      |
 * | work-center calendar      | WC#<id>       | CALENDAR            | hours by weekday, exceptions, allocVersion      |
 * | capacity held by an order | WC#<id>       | RES#<orderId>       | entries [{date, hours}]                         |
 * | plant settings            | PLANT         | PLANT               | time zone, cut-off, horizon, calendars          |
 * | transit time              | TRANSIT       | REGION#<region>     | business days                                   |
 * | promise of an order       | ORDER#<id>    | PROMISE             | request, versioned promise, projection, holds   |
 * | dependency of open order  | ORDER#<id>    | DEPENDS#SKU#<sku> / DEPENDS#WC#<id> | GSI3 same key / ORDER#<id> |
 *
 * Access patterns: everything about one SKU or work center is one partition Query (stock,
 * receipts and reservations together); products by BatchGet; open orders that depend on a SKU or
 * work center through GSI3, never a scan.
 */
import type { IsoDate, PromiseRequestLine, VersionedPromise } from '../../../domain/promise/types.ts';

export const productKey = (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' });
export const skuPartition = (sku: string) => `SKU#${sku}`;
export const stockKey = (sku: string) => ({ PK: skuPartition(sku), SK: 'STOCK' });
export const receiptKey = (sku: string, date: IsoDate, ref: string) => ({
  PK: skuPartition(sku),
  SK: `RECEIPT#${date}#${ref}`,
});
export const workCenterPartition = (id: string) => `WC#${id}`;
export const calendarKey = (id: string) => ({ PK: workCenterPartition(id), SK: 'CALENDAR' });
export const holdKey = (partition: string, orderId: string) => ({ PK: partition, SK: `RES#${orderId}` });
export const PLANT_KEY = { PK: 'PLANT', SK: 'PLANT' } as const;
export const transitKey = (region: string) => ({ PK: 'TRANSIT', SK: `REGION#${region}` });
export const promiseKey = (orderId: string) => ({ PK: `ORDER#${orderId}`, SK: 'PROMISE' });
export const dependsKey = (orderId: string, kind: 'SKU' | 'WC', id: string) => ({
  PK: `ORDER#${orderId}`,
  SK: `DEPENDS#${kind}#${id}`,
  GSI3PK: `DEPENDS#${kind}#${id}`,
  GSI3SK: `ORDER#${orderId}`,
});

/** What an order holds in one SKU or work-center partition. */
export interface Hold {
  readonly partition: string;
  readonly entries: readonly { date: IsoDate; amount: number }[];
}

export interface PromiseRecord {
  readonly orderId: string;
  readonly customerId: string;
  readonly region: string;
  readonly acceptsSplitDelivery: boolean;
  readonly lines: readonly PromiseRequestLine[];
  readonly requestedDate?: IsoDate;
  readonly promise: VersionedPromise;
  /** The latest computation, kept even while the promise itself stands. */
  readonly projection?: {
    readonly date: IsoDate;
    readonly computedAt: string;
    readonly betterDateOffered?: IsoDate;
  };
  readonly holds: readonly Hold[];
  readonly open: boolean;
}
