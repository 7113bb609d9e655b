/**
 * The promise engine's vocabulary. Dates are calendar dates `YYYY-MM-DD` in the plant's time zone;
 * nothing here knows about AWS or storage.
 */
export type IsoDate = string;

export type ProductKind = 'stock' | 'make';

export interface BomLine {
  readonly sku: string;
  /** Units of the component per unit of the parent. */
  readonly quantityPer: number;
}

export interface RoutingStep {
  readonly workCenter: string;
  readonly hoursPerUnit: number;
  readonly setupHours: number;
}

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly kind: ProductKind;
  readonly bom: readonly BomLine[];
  readonly routing: readonly RoutingStep[];
  /** Supplier lead time in days for bought items; absent means the item cannot be bought. */
  readonly purchaseLeadTimeDays?: number;
  readonly unitPrice: number;
  /** Lot sizing for what is made or bought; excess becomes available to other orders. */
  readonly lotMinimum?: number;
  readonly lotMultiple?: number;
}

export interface ScheduledReceipt {
  readonly sku: string;
  readonly quantity: number;
  readonly date: IsoDate;
  /** Purchase or production order number, named in the basis ("until PO-123 arrives"). */
  readonly ref: string;
}

/** Stock held by confirmed orders, by the date it is consumed. */
export interface StockReservation {
  readonly orderId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly date: IsoDate;
}

export interface WorkCenter {
  readonly id: string;
  /** Capacity hours by ISO weekday, 1 = Monday ... 7 = Sunday; a missing day has no capacity. */
  readonly hoursByWeekday: Readonly<Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, number>>>;
  /** Holidays, shutdowns (0 hours) and overtime (more hours) that replace the weekday figure. */
  readonly exceptions: Readonly<Record<IsoDate, number>>;
}

export interface CapacityReservation {
  readonly orderId: string;
  readonly workCenter: string;
  readonly date: IsoDate;
  readonly hours: number;
}

export interface Calendar {
  /** ISO weekdays that are working days, e.g. [1,2,3,4,5]. */
  readonly workingWeekdays: readonly number[];
  readonly holidays: readonly IsoDate[];
}

export interface PlantSettings {
  readonly timeZone: string;
  /** Local time `HH:MM` after which an order counts from the next working day. */
  readonly dailyCutoff: string;
  /** How far ahead supply is considered, in days. */
  readonly horizonDays: number;
  readonly plantCalendar: Calendar;
  readonly shippingCalendar: Calendar;
  readonly supplierCalendar: Calendar;
  /** How dates are promised beyond the engine's own; absent: the engine's (unbuffered) date. */
  readonly promisePolicy?: PromisePolicy;
}

/**
 * Promising policies the simulator judges (README "Promise policy"); each part is optional and
 * absent means today's behaviour.
 */
export interface PromisePolicy {
  /**
   * Promise the date the plant meets with this confidence (0.97: 97 of 100 such orders on time),
   * from the lateness ERP events have shown on the order's path; the engine's date is then shown
   * as the most likely one.
   */
  readonly confidence?: number;
  /** Share of free stock and hours kept for tier A customers: others are quoted from the rest. */
  readonly tierAProtectedShare?: number;
  /**
   * Share of each work center's hours that quotes and reservations may book (0.9: 10 % kept
   * free), so the plant absorbs breakdowns and rework in the next days instead of sliding its
   * whole queue. Re-checks count every hour: the hours are there when something goes wrong.
   */
  readonly bookableHoursShare?: number;
  /** Warn the customer once a re-check has eaten more than half of the buffer. */
  readonly earlyWarning?: boolean;
  /** Observations of a kind of risk (supplier, transport, production) before it buffers (default 30). */
  readonly minimumObservations?: number;
}

/** The supply data a promise is computed from; loaded for only the SKUs and work centers involved. */
export interface SupplySnapshot {
  readonly plant: PlantSettings;
  readonly products: ReadonlyMap<string, Product>;
  readonly onHand: ReadonlyMap<string, number>;
  readonly receipts: readonly ScheduledReceipt[];
  readonly stockReservations: readonly StockReservation[];
  readonly workCenters: ReadonlyMap<string, WorkCenter>;
  readonly capacityReservations: readonly CapacityReservation[];
  /** Transit business days by customer region. */
  readonly transitDays: ReadonlyMap<string, number>;
}

export interface PromiseRequestLine {
  readonly sku: string;
  readonly quantity: number;
  readonly requestedDate?: IsoDate;
}

export interface PromiseRequest {
  /** Present when re-promising a stored order: its own reservations are not held against it. */
  readonly orderId?: string;
  readonly region: string;
  readonly lines: readonly PromiseRequestLine[];
  readonly requestedDate?: IsoDate;
  readonly acceptsSplitDelivery: boolean;
}

/** One structured reason for a date, shown to sales and used to explain a delay to customers. */
export type BasisEntry =
  | {
      readonly kind: 'stock-available';
      readonly sku: string;
      readonly quantity: number;
      readonly date: IsoDate;
    }
  | {
      readonly kind: 'awaiting-receipt';
      readonly sku: string;
      readonly shortQuantity: number;
      readonly ref: string;
      readonly date: IsoDate;
    }
  | {
      readonly kind: 'purchase-lead-time';
      readonly sku: string;
      readonly leadTimeDays: number;
      readonly date: IsoDate;
    }
  | { readonly kind: 'material-ready'; readonly sku: string; readonly date: IsoDate }
  | {
      readonly kind: 'capacity';
      readonly workCenter: string;
      readonly fullUntil: IsoDate;
      readonly date: IsoDate;
    }
  | {
      readonly kind: 'production-complete';
      readonly sku: string;
      readonly date: IsoDate;
      /**
       * The work center whose step took the most working days: where capacity holds production
       * back (the later step on a tie, so a routing of equal steps names where it is finished).
       */
      readonly workCenter?: string;
      /** Working days with production booked, over all routing steps. */
      readonly productionDays?: number;
    }
  | {
      readonly kind: 'transit';
      readonly region: string;
      readonly businessDays: number;
      readonly date: IsoDate;
    }
  | { readonly kind: 'order-cutoff'; readonly countsFrom: IsoDate }
  | {
      readonly kind: 'reported-delay';
      readonly stage: string;
      readonly reason: string;
      readonly date: IsoDate;
      /** Words the plant wrote for customers; `reason` is internal and only sales see it. */
      readonly customerNote?: string;
      /** The kind of cause customers are told when there is no note. */
      readonly category?: 'material' | 'capacity' | 'transport' | 'quality';
    }
  | { readonly kind: 'carrier-estimate'; readonly carrier: string; readonly date: IsoDate };

export interface Shipment {
  readonly quantity: number;
  readonly date: IsoDate;
}

/**
 * One step of a line's supply path: where a quantity of the item or of a component comes from and
 * when. The console draws these as a Gantt chart ("why this date", drilled down).
 */
export interface SupplyStep {
  readonly sku: string;
  readonly quantity: number;
  /** BOM level: 0 is the ordered item, 1 its components, and so on. */
  readonly level: number;
  readonly source:
    | { readonly kind: 'stock' }
    | { readonly kind: 'receipt'; readonly ref: string }
    | { readonly kind: 'purchase'; readonly leadTimeDays: number }
    | { readonly kind: 'production'; readonly workCenter: string; readonly hours: number };
  readonly start: IsoDate;
  /** The day the quantity is ready (stock free, receipt in, purchase arrived, step finished). */
  readonly end: IsoDate;
}

export interface LinePromise {
  readonly sku: string;
  readonly quantity: number;
  readonly requestedDate?: IsoDate;
  /** Delivery date of the whole line. */
  readonly date: IsoDate;
  readonly method: 'ATP' | 'CTP';
  /** Offered when part of the quantity can be delivered earlier; sums to `quantity`. */
  readonly splitOffer?: readonly Shipment[];
  readonly basis: readonly BasisEntry[];
  /**
   * What the line consumes if the order is confirmed. A negative quantity is what it adds: the part
   * of a made lot beyond the need, available to others from the day production ends.
   */
  readonly stockToReserve: readonly {
    readonly sku: string;
    readonly quantity: number;
    readonly date: IsoDate;
  }[];
  readonly capacityToReserve: readonly {
    readonly workCenter: string;
    readonly date: IsoDate;
    readonly hours: number;
  }[];
  /** Each component's source and dates (absent on promises computed before it was recorded). */
  readonly supplyPath?: readonly SupplyStep[];
}

export interface PromiseResult {
  /** Delivery date of the order: the latest line, or per shipment when split deliveries are accepted. */
  readonly date: IsoDate;
  readonly lines: readonly LinePromise[];
  /** Shipments of the order when the customer accepts split deliveries. */
  readonly shipments?: readonly Shipment[];
  /** The entries that set the order's date (those of its latest line). */
  readonly basis: readonly BasisEntry[];
  readonly usedCtp: boolean;
  /** Every SKU and work center the promise depends on, for the dependency index. */
  readonly dependsOn: { readonly skus: readonly string[]; readonly workCenters: readonly string[] };
  readonly computedAt: string;
}

/** A stored promise: versioned, with the cause of each change. */
export interface VersionedPromise {
  readonly version: number;
  readonly date: IsoDate;
  /**
   * Business days of confidence buffer over the engine's date (PlantSettings.promisePolicy); absent
   * when unbuffered. Only a buffered promise shows a likely date, and its early warning needs it.
   */
  readonly bufferDays?: number;
  readonly result: PromiseResult;
  /** Why this version exists; absent for version 1. */
  readonly cause?: readonly BasisEntry[];
  readonly previousDate?: IsoDate;
  /** The date the plant most likely delivers (the engine's plan or latest projection), present only when earlier than `date`. */
  readonly likelyDate?: IsoDate;
}

/** Result of re-checking a stored promise against a fresh computation. */
export type PromiseRecheck =
  /** Still feasible: the promise stays, even if the new projection is earlier (then it is only offered). */
  | {
      readonly kind: 'kept';
      readonly projection: PromiseResult;
      readonly betterDateOffered?: IsoDate;
      readonly slipped: boolean;
    }
  /** No longer feasible: a new version with a later date and its cause. */
  | { readonly kind: 'changed'; readonly promise: VersionedPromise; readonly projection: PromiseResult };
