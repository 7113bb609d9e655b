import type { Order } from '../../domain/order/types.ts';
import type {
  CapacityReservation,
  PlantSettings,
  Product,
  ScheduledReceipt,
  StockReservation,
  WorkCenter,
} from '../../domain/promise/types.ts';

/** A page of a list and the opaque cursor of the next one (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface StockRecord {
  readonly sku: string;
  readonly onHand: number;
  readonly receipts: readonly ScheduledReceipt[];
  readonly holds: readonly StockReservation[];
}

export interface WorkCenterRecord extends WorkCenter {
  readonly holds: readonly CapacityReservation[];
}

/** What the supply views read; the DynamoDB adapters implement it (wiring.ts), tests use memory. */
export interface SupplyReadPorts {
  now(): Date;
  plant(): Promise<PlantSettings>;
  product(sku: string): Promise<Product | undefined>;
  products(skus: readonly string[]): Promise<ReadonlyMap<string, Product>>;
  productPage(limit: number, cursor?: string): Promise<Page<Product>>;
  stock(sku: string): Promise<StockRecord>;
  workCenter(id: string): Promise<WorkCenterRecord | undefined>;
  workCenterPage(limit: number, cursor?: string): Promise<Page<WorkCenterRecord>>;
  /** Whether a cursor came from that list (another list's cursor is a bad field, not a server error). */
  isCursorOf(list: 'products' | 'workCenters', cursor: string): boolean;
  /** Ids of the open orders whose promise depends on the SKU or work center (the dependency index). */
  dependents(on: { sku: string } | { workCenter: string }): Promise<string[]>;
  orders(ids: readonly string[]): Promise<Order[]>;
}
