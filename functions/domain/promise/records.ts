/**
 * What the product keeps about an order's promise and the supply it holds, whatever stores it:
 * use cases work on these types and adapters map their items to and from them.
 */
import type { PathPlan } from './policy.ts';
import type { IsoDate, PromiseRequestLine, VersionedPromise } from './types.ts';

/**
 * A hold's partition names what is held: `SKU#<sku>` (units of stock) or `WC#<id>` (hours of a
 * work center). Stores key their items by the same names (adapters/dynamodb/entities).
 */
export const skuPartition = (sku: string) => `SKU#${sku}`;
export const skuOfPartition = (partition: string) => partition.slice('SKU#'.length);
export const workCenterPartition = (id: string) => `WC#${id}`;
export const workCenterOfPartition = (partition: string) => partition.slice('WC#'.length);
export const isWorkCenterPartition = (partition: string) => partition.startsWith('WC#');

/** What an order holds in one SKU or work-center partition: units or hours by date. */
export interface Hold {
  readonly partition: string;
  readonly entries: readonly HoldEntry[];
}

export interface HoldEntry {
  readonly date: IsoDate;
  readonly amount: number;
}

export interface PromiseRecord {
  readonly orderId: string;
  readonly customerId: string;
  readonly region: string;
  readonly acceptsSplitDelivery: boolean;
  readonly lines: readonly PromiseRequestLine[];
  readonly requestedDate?: IsoDate;
  /** The customer's tier when quoted: outside tier A a protected share is not promised (policy). */
  readonly tier?: string;
  readonly promise: VersionedPromise;
  /** The latest computation, kept even while the promise itself stands. */
  readonly projection?: {
    readonly date: IsoDate;
    readonly computedAt: string;
    readonly betterDateOffered?: IsoDate;
  };
  /** Supply the order holds; empty until it is reserved and after it is released. */
  readonly holds: readonly Hold[];
  /**
   * Holds being written in several transactions (an order too large for one). Present only while
   * such a reservation is in flight or was interrupted; the next reserve or release undoes them.
   */
  readonly pendingHolds?: readonly Hold[];
  /** SKUs whose committed stock exceeded supply (cumulative balance below zero) at the last re-check. */
  readonly overCommitted?: readonly string[];
  /** Set while a reservation spans several transactions: who writes it, and since when (ISO). */
  readonly pendingLease?: { readonly token: string; readonly since: string };
  readonly open: boolean;
  /** What the quoted plan expects of its path: ERP events are judged against it (policy.ts). */
  readonly path?: PathPlan;
  /** Bumped by every write; each write requires the value it read. */
  readonly revision: number;
}
