/**
 * Supply data in DynamoDB: products, stock, receipts, work-center calendars, plant settings,
 * transit times, and the holds of stock and capacity that confirmed orders own.
 * Keys and access patterns: entities/product.ts, supply.ts, work-center.ts, transit.ts.
 *
 * Holding supply without ever promising a unit or an hour twice: every SKU (its STOCK item) and
 * every work center (its CALENDAR item) carries an `allocVersion`, in the same item as the stock,
 * receipts, capacity and holds it guards. Everything that changes what is free there (a hold, a
 * release, a stock, receipt or calendar change) bumps it in the same write. A reservation is computed on a snapshot that records the versions it
 * read, and its transaction requires each touched partition to still have that version. Of two
 * orders that both computed against the last units, the first commit bumps the version and the
 * second fails its condition, recomputes on fresh data and sees the units gone.
 */
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type {
  CapacityReservation,
  PlantSettings,
  Product,
  ScheduledReceipt,
  StockReservation,
  SupplySnapshot,
  WorkCenter,
} from '../../domain/promise/types.ts';
import { ConcurrentChangeError, SupplyDataError } from '../../shared/errors.ts';
import { conditionally, dynamo, isConditionFailure, queryPartition, tableName } from './client.ts';
import { CATALOGUE_VERSION_KEY, productKey, type ClosureHint } from './entities/product.ts';
import { getProducts } from './product-repository.ts';
import { batchGet, canonical, FAN_OUT, mapWithLimit, strip, type Item } from './supply-items.ts';
import {
  decodeHolds,
  decodeLegacyHold,
  encodeHolds,
  HOLD_PREFIX,
  holdAttribute,
  HOLDS_ATTRIBUTE,
  RECEIPT_PREFIX,
  receiptAttribute,
  receiptOfAttribute,
  skuOfPartition,
  skuPartition,
  stockKey,
  type Hold,
  type HoldEntry,
  type HoldsByOrder,
} from './entities/supply.ts';
import { TRANSIT_PARTITION, transitKey } from './entities/transit.ts';
import {
  calendarKey,
  isWorkCenterPartition,
  PLANT_KEY,
  workCenterOfPartition,
  workCenterIndexKey,
  workCenterPartition,
} from './entities/work-center.ts';
import type { SupplyChanges, SupplyUpdate } from '../../usecases/promise/ports.ts';

// Products have their own repository now; these stay importable from here for existing callers.
export { getProducts, putProduct } from './product-repository.ts';
export { mapWithLimit } from './supply-items.ts';
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit of items in one transaction. */
export const TRANSACTION_LIMIT = 100;
/** Keys per BatchGetItem in a snapshot round: a round's requests run in parallel. */
const SNAPSHOT_KEYS_PER_REQUEST = 25;

/** The work centers among `ids` that have a capacity calendar, i.e. that the ERP has defined. */
export async function definedWorkCenters(ids: readonly string[]): Promise<Set<string>> {
  const items = await batchGet([...new Set(ids)].map(calendarKey), true);
  return new Set(
    items.filter((item) => item.hoursByWeekday).map((item) => workCenterOfPartition(String(item.PK))),
  );
}

/** The transit time to a region in business days, or undefined when the ERP never gave one. */
export async function transitDaysTo(region: string): Promise<number | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: transitKey(region), ConsistentRead: true }),
  );
  return Item ? Number(Item.days) : undefined;
}

export const DEFAULT_PLANT: PlantSettings = {
  timeZone: 'UTC',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
  shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
  supplierCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
};

export async function getPlant(): Promise<PlantSettings> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: PLANT_KEY }));
  return Item ? strip<PlantSettings>(Item) : DEFAULT_PLANT;
}

/**
 * What a snapshot read of each partition (`SKU#..`, `WC#..`) a hold write builds on: its allocation
 * version (absent means 0) and the holds stored with it, which the write rewrites with its own.
 */
export type AllocationVersions = Map<
  string,
  { version: number; holds: ReadonlyMap<string, readonly HoldEntry[]> }
>;

/**
 * The holds of a STOCK or CALENDAR item, each order's entries once: the `holds` attribute and any
 * `H#<orderId>` attribute written before it existed. Records in `versions` what a hold write on
 * this partition builds on (the version and the `holds` attribute as read).
 */
function readHolds(item: Item, versions: AllocationVersions): [string, HoldEntry[]][] {
  const holds = decodeHolds(item[HOLDS_ATTRIBUTE]);
  versions.set(String(item.PK), { version: Number(item.allocVersion ?? 0), holds });
  const legacy = [...prefixed(item, HOLD_PREFIX)].map(([orderId, value]): [string, HoldEntry[]] => [
    orderId,
    decodeLegacyHold(value),
  ]);
  return [...holds, ...legacy];
}

export interface LoadedSnapshot {
  readonly snapshot: SupplySnapshot;
  readonly versions: AllocationVersions;
  /** The SKU and work-center partitions that were read: exactly the BOM closure and its routings. */
  readonly partitions: readonly string[];
  /** Sequential BatchGetItem rounds: the BOM depth, plus one when the deepest level has routings. */
  readonly rounds: number;
}

interface CachedProduct {
  readonly product: Product;
  readonly hint: ClosureHint | undefined;
}

/**
 * Products of this table as last read, valid while the catalogue version is unchanged (every
 * product write bumps it in the same transaction). Lives as long as the Lambda container.
 */
let catalogueCache:
  | { readonly table: string; readonly version: number; readonly products: Map<string, CachedProduct> }
  | undefined;

/** Attributes of a STOCK or CALENDAR item with a prefix (receipts or holds), by the rest of their name. */
function* prefixed(item: Item, prefix: string): Generator<[string, unknown]> {
  // A plain key loop: Object.entries on items with hundreds of attributes showed up in the profile.
  for (const name in item) if (name.startsWith(prefix)) yield [name.slice(prefix.length), item[name]];
}

/**
 * Loads the supply a request needs and nothing else, in BatchGetItem rounds: each round fetches
 * products and STOCK items (stock, receipts, holds, version in one item) of the SKUs found so far,
 * and the CALENDAR items of their work centers; the first also brings the plant settings and the
 * region's transit time. The ordered products' closure hints (entities/product.ts) bring their
 * whole BOM into the second round; without fresh hints it is one round per BOM level.
 * Without `region`, all transit times are read.
 */
export async function loadSnapshot(skus: readonly string[], region?: string): Promise<LoadedSnapshot> {
  const products = new Map<string, Product>();
  const stockItems: Item[] = [];
  const calendarItems: Item[] = [];
  const askedProducts = new Set<string>();
  const askedSkus = new Set<string>();
  const askedCenters = new Set<string>();
  const needProducts = new Set<string>();
  const needStock = new Set<string>();
  const needCenters = new Set<string>();
  let plant = DEFAULT_PLANT;
  const transitDays = new Map<string, number>();
  const allTransit = region === undefined ? queryPartition(TRANSIT_PARTITION) : undefined;
  const want = (sku: string) => {
    if (!products.has(sku) && !askedProducts.has(sku)) needProducts.add(sku);
    if (!askedSkus.has(sku)) needStock.add(sku);
  };
  const wantCenter = (id: string) => {
    if (!askedCenters.has(id)) needCenters.add(id);
  };
  const expand = ({ product, hint }: CachedProduct) => {
    for (const sku of [...product.bom.map((line) => line.sku), ...(hint?.skus ?? [])]) want(sku);
    for (const id of [...product.routing.map((step) => step.workCenter), ...(hint?.workCenters ?? [])])
      wantCenter(id);
  };

  // Speculate from the product cache: read the stock and calendars of everything the cached BOMs
  // reach in the first round; the catalogue version read with them says whether the cache holds.
  const table = tableName();
  const cache = catalogueCache?.table === table ? catalogueCache : undefined;
  const speculated: CachedProduct[] = [];
  const stack = [...new Set(skus)];
  for (const seen = new Set<string>(); stack.length;) {
    const sku = stack.pop() as string;
    if (seen.has(sku)) continue;
    seen.add(sku);
    const entry = cache?.products.get(sku);
    if (!entry) {
      want(sku);
      continue;
    }
    speculated.push(entry);
    needStock.add(sku);
    for (const line of entry.product.bom) stack.push(line.sku);
    for (const step of entry.product.routing) wantCenter(step.workCenter);
  }

  let settings: Item[] = [
    PLANT_KEY,
    CATALOGUE_VERSION_KEY,
    ...(region === undefined ? [] : [transitKey(region)]),
  ];
  let rounds = 0;
  while (needProducts.size || needStock.size || needCenters.size || settings.length) {
    rounds += 1;
    const keys = [
      ...[...needProducts].map(productKey),
      ...[...needStock].map(stockKey),
      ...[...needCenters].map(calendarKey),
      ...settings,
    ];
    for (const sku of needProducts) askedProducts.add(sku);
    for (const sku of needStock) askedSkus.add(sku);
    for (const id of needCenters) askedCenters.add(id);
    needProducts.clear();
    needStock.clear();
    needCenters.clear();
    const firstRound = settings.length > 0;
    settings = [];
    // Several smaller requests in parallel: the table answers them side by side (see the bench).
    const found = await batchGet(keys, true, SNAPSHOT_KEYS_PER_REQUEST);
    if (firstRound) {
      const version = Number(found.find((item) => item.PK === CATALOGUE_VERSION_KEY.PK)?.version ?? 0);
      if (cache && cache.version === version) {
        for (const entry of speculated) products.set(entry.product.sku, entry.product);
        for (const entry of speculated) expand(entry);
      } else {
        // A product changed since the cache was filled: forget it, fetch the products for real.
        catalogueCache = { table, version, products: new Map() };
        for (const entry of speculated) want(entry.product.sku);
      }
    }
    for (const item of found) {
      if (item.SK === 'PRODUCT') {
        const entry = { product: strip<Product>(item), hint: item.closure as ClosureHint | undefined };
        products.set(entry.product.sku, entry.product);
        catalogueCache?.products.set(entry.product.sku, entry);
        expand(entry);
      } else if (item.SK === 'STOCK') stockItems.push(item);
      else if (item.SK === 'CALENDAR') calendarItems.push(item);
      else if (item.PK === PLANT_KEY.PK) plant = strip<PlantSettings>(item);
      else if (item.PK === TRANSIT_PARTITION) transitDays.set(String(item.region), Number(item.days));
    }
  }
  for (const item of (await allTransit) ?? []) transitDays.set(String(item.region), Number(item.days));

  const versions: AllocationVersions = new Map();
  const onHand = new Map<string, number>();
  const receipts: ScheduledReceipt[] = [];
  const stockReservations: StockReservation[] = [];
  for (const item of stockItems) {
    const sku = skuOfPartition(String(item.PK));
    onHand.set(sku, Number(item.onHand ?? 0));
    for (const [name, quantity] of prefixed(item, RECEIPT_PREFIX))
      receipts.push({ sku, ...receiptOfAttribute(name), quantity: Number(quantity) });
    for (const [orderId, entries] of readHolds(item, versions))
      for (const entry of entries)
        stockReservations.push({ orderId, sku, quantity: entry.amount, date: entry.date });
  }
  const workCenters = new Map<string, WorkCenter>();
  const capacityReservations: CapacityReservation[] = [];
  for (const item of calendarItems) {
    const id = workCenterOfPartition(String(item.PK));
    if (item.hoursByWeekday)
      workCenters.set(id, {
        id,
        hoursByWeekday: item.hoursByWeekday as WorkCenter['hoursByWeekday'],
        exceptions: (item.exceptions ?? {}) as WorkCenter['exceptions'],
      });
    for (const [orderId, entries] of readHolds(item, versions))
      for (const entry of entries)
        capacityReservations.push({ orderId, workCenter: id, hours: entry.amount, date: entry.date });
  }
  return {
    snapshot: {
      plant,
      products,
      onHand,
      receipts,
      stockReservations,
      workCenters,
      capacityReservations,
      transitDays,
    },
    versions,
    partitions: [...[...askedSkus].map(skuPartition), ...[...askedCenters].map(workCenterPartition)],
    rounds,
  };
}

/** The item whose `allocVersion` guards a SKU or work-center partition, and holds its holds. */
const versionKey = (partition: string) =>
  isWorkCenterPartition(partition)
    ? calendarKey(workCenterOfPartition(partition))
    : stockKey(skuOfPartition(partition));

/**
 * The update that replaces a partition's holds with `holds`: only if the partition still has the
 * version that was read (0: none yet), bumping it. It also drops `orderId`'s attribute from before
 * `holds` existed.
 */
function holdsUpdate(partition: string, orderId: string, version: number, holds: HoldsByOrder) {
  const stored = encodeHolds(holds);
  return {
    TableName: tableName(),
    Key: versionKey(partition),
    UpdateExpression: stored
      ? 'SET allocVersion = :next, #holds = :holds REMOVE #legacy'
      : 'SET allocVersion = :next REMOVE #holds, #legacy',
    ConditionExpression:
      version === 0 ? 'attribute_not_exists(allocVersion) OR allocVersion = :read' : 'allocVersion = :read',
    ExpressionAttributeNames: { '#holds': HOLDS_ATTRIBUTE, '#legacy': holdAttribute(orderId) },
    ExpressionAttributeValues: {
      ':read': version,
      ':next': version + 1,
      ...(stored ? { ':holds': stored } : {}),
    },
  };
}

/** One hold as a transaction item: the partition's holds as read, with the order's replaced. */
export function holdItem(orderId: string, hold: Hold, versions: AllocationVersions): TransactItem {
  const read = versions.get(hold.partition);
  const holds = new Map(read?.holds);
  holds.set(orderId, hold.entries);
  return { Update: holdsUpdate(hold.partition, orderId, read?.version ?? 0, holds) };
}

/**
 * Writes holds in one transaction, with `extra` items (the promise record's update) in the same
 * commit. Fails with ConcurrentChangeError when any partition's version moved since the snapshot
 * or an extra item's condition fails; then nothing is written.
 */
export async function commitHolds(
  orderId: string,
  holds: readonly Hold[],
  versions: AllocationVersions,
  extra: readonly TransactItem[] = [],
): Promise<void> {
  const items = [...holds.map((hold) => holdItem(orderId, hold, versions)), ...extra];
  if (items.length > TRANSACTION_LIMIT)
    throw new RangeError(`${items.length} items do not fit one transaction; use the chunked reservation`);
  if (!items.length) return;
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConcurrentChangeError('Supply changed while reserving; recompute and try again');
    throw error;
  }
}

/** Holds per transaction: one item each, leaving one slot for the promise record. */
export const HOLDS_PER_TRANSACTION = TRANSACTION_LIMIT - 1;

/** Rewrites of one partition's holds tried before a release gives up on a partition that keeps changing. */
const RELEASE_ATTEMPTS = 20;

/**
 * Removes an order's holds and bumps each partition's version, so computations that read the hold
 * retry and see the freed supply. Each partition is read and rewritten on the version read; a
 * concurrent change makes it read again. Removing a hold that is not there still bumps the version
 * (the saga in reserve.ts relies on that) and is otherwise harmless: safe to repeat.
 */
export async function deleteHolds(orderId: string, holds: readonly Hold[]): Promise<void> {
  const partitions = [...new Set(holds.map((hold) => hold.partition))];
  await mapWithLimit(partitions, FAN_OUT, async (partition) => {
    for (let attempt = 1; ; attempt += 1) {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName(), Key: versionKey(partition), ConsistentRead: true }),
      );
      const remaining = decodeHolds(Item?.[HOLDS_ATTRIBUTE]);
      remaining.delete(orderId);
      const released = await conditionally(
        dynamo().send(
          new UpdateCommand(holdsUpdate(partition, orderId, Number(Item?.allocVersion ?? 0), remaining)),
        ),
      );
      if (released) return;
      if (attempt >= RELEASE_ATTEMPTS)
        throw new ConcurrentChangeError(`${partition} kept changing while ${orderId} released its hold`);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  });
}

// The port's types: this adapter implements what the promise use cases ask of it.
export type { SupplyChanges, SupplyUpdate };

/** Receipt and stock changes per UpdateItem: keeps each expression far below DynamoDB's 4 KB limit. */
const CHANGES_PER_UPDATE = 40;

/**
 * Applies a supply update and returns what it really changed. Values equal to what is stored are
 * not written, so a repeated identical update writes nothing, bumps no version and reports no
 * change. Each changed SKU or work center has its allocation version bumped in the same write as
 * the change, so a reservation computed on the old figures fails and recomputes.
 * Unknown SKUs are refused (SupplyDataError) before anything is written.
 */
export async function applySupplyUpdate(update: SupplyUpdate): Promise<SupplyChanges> {
  // 1. Last entry wins for repeated keys; a receipt both added and removed is removed.
  const stock = new Map((update.stock ?? []).map((entry) => [entry.sku, entry.onHand]));
  const receiptId = (receipt: { sku: string; date: string; ref: string }) =>
    `${receipt.sku}|${receiptAttribute(receipt.date, receipt.ref)}`;
  const receipts = new Map((update.receipts ?? []).map((receipt) => [receiptId(receipt), receipt]));
  const removals = new Map((update.removeReceipts ?? []).map((receipt) => [receiptId(receipt), receipt]));
  for (const id of removals.keys()) receipts.delete(id);
  const centers = new Map((update.workCenters ?? []).map((center) => [center.id, center]));
  const transit = new Map((update.transit ?? []).map((entry) => [entry.region, entry.days]));

  // 2. Refuse unknown SKUs before writing anything.
  const skus = [
    ...new Set([...stock.keys(), ...[...receipts.values(), ...removals.values()].map((r) => r.sku)]),
  ];
  const known = await getProducts(skus);
  const unknown = skus.filter((sku) => !known.has(sku));
  if (unknown.length) throw new SupplyDataError(`Unknown SKU: ${unknown.join(', ')}`, { skus: unknown });

  // 3. Read what is stored and keep only the differences.
  const stored = new Map(
    (
      await batchGet(
        [
          ...skus.map(stockKey),
          ...[...centers.keys()].map(calendarKey),
          ...[...transit.keys()].map(transitKey),
          ...(update.plant ? [PLANT_KEY] : []),
        ],
        true,
      )
    ).map((item) => [`${String(item.PK)}|${String(item.SK)}`, item]),
  );
  const storedAt = (key: { PK: string; SK: string }) => stored.get(`${key.PK}|${key.SK}`);
  type Change = { set?: [string, unknown]; remove?: string };
  const bySku = new Map<string, Change[]>();
  const change = (sku: string, item: Change) => bySku.set(sku, [...(bySku.get(sku) ?? []), item]);
  for (const [sku, onHand] of stock)
    if (storedAt(stockKey(sku))?.onHand !== onHand) change(sku, { set: ['onHand', onHand] });
  for (const receipt of receipts.values()) {
    const name = receiptAttribute(receipt.date, receipt.ref);
    if (storedAt(stockKey(receipt.sku))?.[name] !== receipt.quantity)
      change(receipt.sku, { set: [name, receipt.quantity] });
  }
  for (const receipt of removals.values()) {
    const name = receiptAttribute(receipt.date, receipt.ref);
    if (storedAt(stockKey(receipt.sku))?.[name] !== undefined) change(receipt.sku, { remove: name });
  }
  const changedCenters = [...centers.values()].filter((center) => {
    const current = storedAt(calendarKey(center.id));
    return (
      !current?.hoursByWeekday ||
      canonical(current.hoursByWeekday) !== canonical(center.hoursByWeekday) ||
      canonical(current.exceptions ?? {}) !== canonical(center.exceptions)
    );
  });
  // Calendars stored before the work-center list existed: indexed without counting as a change.
  const unindexedCenters = [...centers.keys()].filter((id) => {
    const current = storedAt(calendarKey(id));
    return current?.hoursByWeekday && !current.GSI1PK && !changedCenters.some((center) => center.id === id);
  });
  const changedRegions = [...transit].filter(([region, days]) => storedAt(transitKey(region))?.days !== days);
  const storedPlant = storedAt(PLANT_KEY);
  const plantChanged =
    update.plant !== undefined && (!storedPlant || canonical(strip(storedPlant)) !== canonical(update.plant));

  // 4. Write: each SKU's changes with a version bump in the same UpdateItem (a few, if many changes).
  const writes: (() => Promise<unknown>)[] = [];
  for (const [sku, changes] of bySku) {
    for (let start = 0; start < changes.length; start += CHANGES_PER_UPDATE) {
      const part = changes.slice(start, start + CHANGES_PER_UPDATE);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':one': 1, ':entity': 'STOCK' };
      const sets = ['entity = :entity'];
      const removes: string[] = [];
      for (const [index, { set, remove }] of part.entries()) {
        names[`#a${index}`] = set?.[0] ?? remove ?? '';
        if (set) {
          values[`:v${index}`] = set[1];
          sets.push(`#a${index} = :v${index}`);
        } else removes.push(`#a${index}`);
      }
      const expression = [
        `SET ${sets.join(', ')}`,
        ...(removes.length ? [`REMOVE ${removes.join(', ')}`] : []),
        'ADD allocVersion :one',
      ].join(' ');
      writes.push(() =>
        dynamo().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: stockKey(sku),
            UpdateExpression: expression,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      );
    }
  }
  for (const center of changedCenters)
    writes.push(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: calendarKey(center.id),
          UpdateExpression:
            'SET hoursByWeekday = :hours, #exceptions = :exceptions, entity = :entity, GSI1PK = :listPk, GSI1SK = :listSk ADD allocVersion :one',
          ExpressionAttributeNames: { '#exceptions': 'exceptions' },
          ExpressionAttributeValues: {
            ':hours': center.hoursByWeekday,
            ':exceptions': center.exceptions,
            ':entity': 'CALENDAR',
            ':one': 1,
            ':listPk': workCenterIndexKey(center.id).GSI1PK,
            ':listSk': workCenterIndexKey(center.id).GSI1SK,
          },
        }),
      ),
    );
  for (const id of unindexedCenters)
    writes.push(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: calendarKey(id),
          UpdateExpression: 'SET GSI1PK = :listPk, GSI1SK = :listSk',
          ExpressionAttributeValues: {
            ':listPk': workCenterIndexKey(id).GSI1PK,
            ':listSk': workCenterIndexKey(id).GSI1SK,
          },
        }),
      ),
    );
  for (const [region, days] of changedRegions)
    writes.push(() =>
      dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...transitKey(region), entity: 'TRANSIT', region, days },
        }),
      ),
    );
  if (plantChanged && update.plant) {
    const plant = update.plant;
    writes.push(() =>
      dynamo().send(
        new PutCommand({ TableName: tableName(), Item: { ...PLANT_KEY, entity: 'PLANT', ...plant } }),
      ),
    );
  }
  await mapWithLimit(writes, FAN_OUT, (write) => write());
  return {
    skus: [...bySku.keys()],
    workCenters: changedCenters.map((center) => center.id),
    regions: changedRegions.map(([region]) => region),
    plant: plantChanged,
  };
}
