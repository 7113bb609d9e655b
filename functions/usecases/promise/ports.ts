import type { Hold, PromiseRecord } from '../../domain/promise/records.ts';
import type { RiskKey } from '../../domain/promise/reliability.ts';
import type {
  PlantSettings,
  Product,
  ScheduledReceipt,
  SupplySnapshot,
  WorkCenter,
} from '../../domain/promise/types.ts';
import type { CustomerFacts, Notice, OrderRepository } from '../order/ports.ts';

/**
 * What the promise use cases need from storage. The wiring in ./wiring.ts binds these to the
 * DynamoDB adapters; adapters/memory/ binds them to memory for unit tests and the simulator.
 */

/** A record as written: everything but the revision, which the store assigns. */
export type PromiseRecordContent = Omit<PromiseRecord, 'revision'>;

/** What a promise depends on, or what a supply change touched. */
export interface Dependencies {
  readonly skus: readonly string[];
  readonly workCenters: readonly string[];
  /** Regions whose transit time counts (a promise: its own region). */
  readonly regions?: readonly string[];
  /** The plant's calendars, cut-off and time zone: every promise depends on them. */
  readonly plant?: boolean;
}

/**
 * Promise records and the index of which open order depends on what. Every write of a record is a
 * compare-and-swap on the revision read, so concurrent writers never lose each other's changes.
 */
export interface PromiseRecordStore {
  get(orderId: string): Promise<PromiseRecord | undefined>;
  /** Several records at once; orders without one are left out. */
  getMany(orderIds: readonly string[]): Promise<PromiseRecord[]>;
  /**
   * Writes `next`: the first record only if none exists (`read` absent), a later one only while the
   * stored revision is `read.revision`; otherwise ConcurrentChangeError. Returns the record as stored.
   */
  put(next: PromiseRecordContent, read?: Pick<PromiseRecord, 'revision'>): Promise<PromiseRecord>;
  /** Makes the order findable by changes to what it depends on. Idempotent. */
  writeDependencies(orderId: string, dependsOn: Dependencies): Promise<void>;
  /** The order is no longer found by any change. Safe to repeat. */
  deleteDependencies(orderId: string): Promise<void>;
  /** Open orders depending on anything `changed` names, sorted by id (an index, never a scan). */
  findDependents(changed: Dependencies): Promise<string[]>;
}

/**
 * What a snapshot read, for a reservation to commit against: a hold write succeeds only while
 * every partition it touches is as it was read. Opaque to use cases; each store has its own.
 */
export type AllocationVersions = object;

export interface LoadedSupply {
  readonly snapshot: SupplySnapshot;
  readonly versions: AllocationVersions;
}

export interface SupplyUpdate {
  readonly plant?: PlantSettings;
  readonly stock?: readonly { sku: string; onHand: number }[];
  readonly receipts?: readonly ScheduledReceipt[];
  readonly removeReceipts?: readonly { sku: string; date: string; ref: string }[];
  readonly workCenters?: readonly WorkCenter[];
  readonly transit?: readonly { region: string; days: number }[];
}

/** What a supply update actually changed: re-promising needs the SKUs and work centers. */
export interface SupplyChanges {
  readonly skus: string[];
  readonly workCenters: string[];
  readonly regions: string[];
  readonly plant: boolean;
}

/** The plant's master and supply data, and the holds confirmed orders own on it. */
export interface SupplyRepository {
  /**
   * The supply a request needs: the BOM closure of `skus` and its work centers, with everyone's
   * holds, the plant settings and the region's transit time (all regions' without `region`).
   */
  loadSnapshot(skus: readonly string[], region?: string): Promise<LoadedSupply>;
  getProducts(skus: readonly string[]): Promise<Map<string, Product>>;
  /** The work centers among `ids` that have a capacity calendar. */
  definedWorkCenters(ids: readonly string[]): Promise<Set<string>>;
  /** The plant's IANA time zone: its "today" guards sales' date changes. */
  plantTimeZone(): Promise<string>;
  /** Stores a product unless the stored one is identical; whether anything changed. */
  putProduct(product: Product): Promise<boolean>;
  /**
   * Applies a supply update; values equal to what is stored change nothing. Unknown SKUs are
   * refused (SupplyDataError) before anything is written. Returns what really changed.
   */
  applySupplyUpdate(update: SupplyUpdate): Promise<SupplyChanges>;
  /** Holds that fit one atomic commit beside the promise record's write. */
  readonly holdsPerTransaction: number;
  /**
   * Writes an order's holds, all or nothing, only while every partition is at the version read
   * (ConcurrentChangeError otherwise). With `record`, that promise record write (a compare-and-swap
   * as in PromiseRecordStore.put) commits in the same atomic step.
   */
  commitHolds(
    orderId: string,
    holds: readonly Hold[],
    versions: AllocationVersions,
    record?: { readonly next: PromiseRecordContent; readonly read?: Pick<PromiseRecord, 'revision'> },
  ): Promise<void>;
  /** Removes the order's holds from these partitions, bumping each version. Safe to repeat. */
  deleteHolds(orderId: string, holds: readonly Hold[]): Promise<void>;
}

/**
 * How late each risk on promises' paths has been: the most recent observations per risk key
 * (`supplier:<sku>`, `transport:<region>`, `production:<bucket>`) and per pool (`supplier`, ...),
 * learned from ERP events (domain/promise/policy.ts observationOf).
 */
export interface ReliabilityStore {
  /**
   * Adds one observation to the risk's own key and to its pool, each at most once per
   * `observationId` (the ERP event's id): a redelivered event is not counted twice, and
   * concurrent additions never lose one (compare-and-swap). Only the last `window` are kept.
   */
  record(risk: RiskKey, observationId: string, businessDaysLate: number): Promise<void>;
  /** The kept observations, oldest first, of each of these keys (risk keys or pools) that has any. */
  histories(keys: readonly string[]): Promise<Map<string, number[]>>;
}

/** What the promise use cases run on. */
export interface PromiseDeps {
  readonly now: () => Date;
  readonly records: PromiseRecordStore;
  readonly supply: SupplyRepository;
  /** Without it nothing is learned and no promise is buffered (the engine's date, as before). */
  readonly reliability?: ReliabilityStore;
}

/** What telling people about re-promised orders needs (changes.ts). */
export interface PromiseNoticeDeps {
  readonly now: () => Date;
  readonly orders: OrderRepository;
  readonly customers: { get(customerId: string): Promise<Pick<CustomerFacts, 'tier'> | undefined> };
  readonly notify: (notice: Notice) => Promise<void>;
}
