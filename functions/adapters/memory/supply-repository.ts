/**
 * The plant's supply in memory, with the same guarantees as the DynamoDB adapter: every SKU and
 * work center has an allocation version that each hold, release and supply change bumps; holds
 * commit all or nothing, only at the versions their snapshot read, together with the promise
 * record's compare-and-swap; a repeated identical update changes nothing; unknown SKUs are refused
 * before any write. For unit tests of the promise use cases, the simulator and the cross-check.
 */
import {
  skuPartition,
  workCenterPartition,
  type Hold,
  type HoldEntry,
} from '../../domain/promise/records.ts';
import type {
  CapacityReservation,
  PlantSettings,
  Product,
  ScheduledReceipt,
  StockReservation,
  WorkCenter,
} from '../../domain/promise/types.ts';
import { ConcurrentChangeError, SupplyDataError } from '../../shared/errors.ts';
import type {
  AllocationVersions,
  LoadedSupply,
  PromiseRecordContent,
  SupplyChanges,
  SupplyRepository,
  SupplyUpdate,
} from '../../usecases/promise/ports.ts';
import { copy } from './copy.ts';
import type { MemoryPromiseRecords } from './promise-records.ts';

/** What a plant without settings uses (the DynamoDB adapter's DEFAULT_PLANT). */
export const MEMORY_DEFAULT_PLANT: PlantSettings = {
  timeZone: 'UTC',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
  shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
  supplierCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
};

/** One SKU's stock or one work center's calendar, with the version guarding what is free there. */
interface Partition {
  version: number;
  holds: Map<string, readonly HoldEntry[]>;
  onHand?: number;
  receipts?: Map<string, ScheduledReceipt>;
  center?: WorkCenter;
}

/** Same value whatever the key order of nested objects (ERP payloads and stored values differ). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const receiptId = (receipt: { sku: string; date: string; ref: string }) =>
  `${receipt.sku}|${receipt.date}#${receipt.ref}`;

export class MemorySupplyRepository implements SupplyRepository {
  readonly holdsPerTransaction: number;
  private readonly products = new Map<string, Product>();
  private readonly partitions = new Map<string, Partition>();
  private readonly transit = new Map<string, number>();
  private plant: PlantSettings | undefined;

  /** `holdsPerTransaction` as DynamoDB's (99) unless a test wants the chunked reservation sooner. */
  constructor(
    private readonly records: MemoryPromiseRecords,
    options: { holdsPerTransaction?: number } = {},
  ) {
    this.holdsPerTransaction = options.holdsPerTransaction ?? 99;
  }

  private partition(name: string): Partition {
    let partition = this.partitions.get(name);
    if (!partition) this.partitions.set(name, (partition = { version: 0, holds: new Map() }));
    return partition;
  }

  async getProducts(skus: readonly string[]) {
    return new Map(
      [...new Set(skus)].flatMap((sku) => {
        const product = this.products.get(sku);
        return product ? [[sku, copy(product)] as const] : [];
      }),
    );
  }

  async plantTimeZone() {
    return (this.plant ?? MEMORY_DEFAULT_PLANT).timeZone;
  }

  async definedWorkCenters(ids: readonly string[]) {
    return new Set(ids.filter((id) => this.partitions.get(workCenterPartition(id))?.center));
  }

  async putProduct(product: Product) {
    const stored = this.products.get(product.sku);
    if (stored && canonical(stored) === canonical(product)) return false;
    this.products.set(product.sku, copy(product));
    return true;
  }

  async loadSnapshot(skus: readonly string[], region?: string): Promise<LoadedSupply> {
    const closure = new Set<string>();
    const centers = new Set<string>();
    const stack = [...skus];
    while (stack.length) {
      const sku = stack.pop() as string;
      if (closure.has(sku)) continue;
      closure.add(sku);
      const product = this.products.get(sku);
      for (const line of product?.bom ?? []) stack.push(line.sku);
      for (const step of product?.routing ?? []) centers.add(step.workCenter);
    }
    const versions = new Map<string, number>();
    const products = new Map<string, Product>();
    const onHand = new Map<string, number>();
    const receipts: ScheduledReceipt[] = [];
    const stockReservations: StockReservation[] = [];
    for (const sku of closure) {
      const product = this.products.get(sku);
      if (product) products.set(sku, copy(product));
      const stored = this.partitions.get(skuPartition(sku));
      if (!stored) continue;
      versions.set(skuPartition(sku), stored.version);
      onHand.set(sku, stored.onHand ?? 0);
      receipts.push(...[...(stored.receipts?.values() ?? [])].map(copy));
      for (const [orderId, entries] of stored.holds)
        for (const entry of entries)
          stockReservations.push({ orderId, sku, quantity: entry.amount, date: entry.date });
    }
    const workCenters = new Map<string, WorkCenter>();
    const capacityReservations: CapacityReservation[] = [];
    for (const id of centers) {
      const stored = this.partitions.get(workCenterPartition(id));
      if (!stored) continue;
      versions.set(workCenterPartition(id), stored.version);
      if (stored.center) workCenters.set(id, copy(stored.center));
      for (const [orderId, entries] of stored.holds)
        for (const entry of entries)
          capacityReservations.push({ orderId, workCenter: id, hours: entry.amount, date: entry.date });
    }
    const transitDays = new Map(
      region === undefined
        ? this.transit
        : this.transit.has(region)
          ? [[region, this.transit.get(region) as number]]
          : [],
    );
    receipts.sort((a, b) => (a.date === b.date ? a.ref.localeCompare(b.ref) : a.date < b.date ? -1 : 1));
    return {
      snapshot: {
        plant: copy(this.plant ?? MEMORY_DEFAULT_PLANT),
        products,
        onHand,
        receipts,
        stockReservations,
        workCenters,
        capacityReservations,
        transitDays,
      },
      versions,
    };
  }

  async commitHolds(
    orderId: string,
    holds: readonly Hold[],
    versions: AllocationVersions,
    record?: { readonly next: PromiseRecordContent; readonly read?: { revision: number } },
  ) {
    const read = versions as ReadonlyMap<string, number>;
    // Every condition first, then every write: all or nothing, as one DynamoDB transaction.
    for (const hold of holds)
      if ((this.partitions.get(hold.partition)?.version ?? 0) !== (read.get(hold.partition) ?? 0))
        throw new ConcurrentChangeError('Supply changed while reserving; recompute and try again');
    if (record) {
      try {
        this.records.assertWritable(record.next, record.read);
      } catch {
        throw new ConcurrentChangeError('Supply changed while reserving; recompute and try again');
      }
    }
    for (const hold of holds) {
      const partition = this.partition(hold.partition);
      partition.holds.set(orderId, copy(hold.entries));
      partition.version += 1;
    }
    if (record) this.records.write(record.next, record.read);
  }

  async deleteHolds(orderId: string, holds: readonly Hold[]) {
    for (const name of new Set(holds.map((hold) => hold.partition))) {
      const partition = this.partition(name);
      partition.holds.delete(orderId);
      partition.version += 1;
    }
  }

  async applySupplyUpdate(update: SupplyUpdate): Promise<SupplyChanges> {
    // 1. Last entry wins for repeated keys; a receipt both added and removed is removed.
    const stock = new Map((update.stock ?? []).map((entry) => [entry.sku, entry.onHand]));
    const receipts = new Map((update.receipts ?? []).map((receipt) => [receiptId(receipt), receipt]));
    const removals = new Map((update.removeReceipts ?? []).map((receipt) => [receiptId(receipt), receipt]));
    for (const id of removals.keys()) receipts.delete(id);
    const centers = new Map((update.workCenters ?? []).map((center) => [center.id, center]));
    const transit = new Map((update.transit ?? []).map((entry) => [entry.region, entry.days]));

    // 2. Refuse unknown SKUs before writing anything.
    const skus = [
      ...new Set([...stock.keys(), ...[...receipts.values(), ...removals.values()].map((r) => r.sku)]),
    ];
    const unknown = skus.filter((sku) => !this.products.has(sku));
    if (unknown.length) throw new SupplyDataError(`Unknown SKU: ${unknown.join(', ')}`, { skus: unknown });

    // 3. Write only the differences, bumping the version of each partition that changed.
    const changedSkus = new Set<string>();
    for (const [sku, onHand] of stock) {
      const partition = this.partition(skuPartition(sku));
      if (partition.onHand === onHand) continue;
      partition.onHand = onHand;
      changedSkus.add(sku);
    }
    for (const [id, receipt] of receipts) {
      const partition = this.partition(skuPartition(receipt.sku));
      partition.receipts ??= new Map();
      if (partition.receipts.get(id)?.quantity === receipt.quantity) continue;
      partition.receipts.set(id, {
        sku: receipt.sku,
        date: receipt.date,
        ref: receipt.ref,
        quantity: receipt.quantity,
      });
      changedSkus.add(receipt.sku);
    }
    for (const [id, receipt] of removals) {
      const partition = this.partitions.get(skuPartition(receipt.sku));
      if (!partition?.receipts?.delete(id)) continue;
      changedSkus.add(receipt.sku);
    }
    for (const sku of changedSkus) this.partition(skuPartition(sku)).version += 1;
    const changedCenters: string[] = [];
    for (const center of centers.values()) {
      const partition = this.partition(workCenterPartition(center.id));
      if (partition.center && canonical(partition.center) === canonical(center)) continue;
      partition.center = copy(center);
      partition.version += 1;
      changedCenters.push(center.id);
    }
    const regions = [...transit].filter(([region, days]) => this.transit.get(region) !== days);
    for (const [region, days] of regions) this.transit.set(region, days);
    const plantChanged =
      update.plant !== undefined && (!this.plant || canonical(this.plant) !== canonical(update.plant));
    if (plantChanged) this.plant = copy(update.plant);
    return {
      skus: [...changedSkus],
      workCenters: changedCenters,
      regions: regions.map(([region]) => region),
      plant: plantChanged,
    };
  }

  /** Stock and capacity held per partition, for checks (`SKU#..` or `WC#..` -> order -> total). */
  heldBy(partition: string): Map<string, number> {
    const held = new Map<string, number>();
    for (const [orderId, entries] of this.partitions.get(partition)?.holds ?? [])
      held.set(
        orderId,
        entries.reduce((sum, entry) => sum + entry.amount, 0),
      );
    return held;
  }
}
