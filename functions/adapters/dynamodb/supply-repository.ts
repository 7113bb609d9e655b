/**
 * Supply data in DynamoDB: products, stock, receipts, work-center calendars, plant settings,
 * transit times, and the holds of stock and capacity that confirmed orders own.
 * Keys and access patterns: entities/product.ts, supply.ts, work-center.ts, transit.ts.
 *
 * Holding supply without ever promising a unit or an hour twice: every SKU partition (its STOCK
 * item) and every work-center partition (its CALENDAR item) carries an `allocVersion`. Everything
 * that changes what is free there (a hold, a release, a stock, receipt or calendar change) bumps it
 * in the same transaction. A reservation is computed on a snapshot that records the versions it
 * read, and its transaction requires each touched partition to still have that version. Of two
 * orders that both computed against the last units, the first commit bumps the version and the
 * second fails its condition, recomputes on fresh data and sees the units gone.
 */
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
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
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { productItem, productKey } from './entities/product.ts';
import {
  HOLD_PREFIX,
  holdKey,
  RECEIPT_PREFIX,
  receiptKey,
  skuOfPartition,
  skuPartition,
  stockKey,
  type Hold,
} from './entities/supply.ts';
import { TRANSIT_PARTITION, transitKey } from './entities/transit.ts';
import {
  calendarKey,
  isWorkCenterPartition,
  PLANT_KEY,
  workCenterOfPartition,
  workCenterPartition,
} from './entities/work-center.ts';

type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit of items in one transaction. */
export const TRANSACTION_LIMIT = 100;
/** Requests in flight at once for fan-out reads and writes: enough to overlap, not to flood. */
const FAN_OUT = 16;

const strip = <T>(item: Item): T => {
  const { PK: _pk, SK: _sk, GSI3PK: _g, GSI3SK: _s, entity: _e, allocVersion: _v, ...rest } = item;
  return rest as T;
};

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the output. */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Same value, whatever the key order of nested objects: ERP payloads and stored maps differ in order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Item)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Item)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

async function batchGet(keys: readonly Item[], consistent = false): Promise<Item[]> {
  const chunks: Item[][] = [];
  for (let start = 0; start < keys.length; start += 100) chunks.push(keys.slice(start, start + 100));
  const pages = await mapWithLimit(chunks, FAN_OUT, async (chunk) => {
    const items: Item[] = [];
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
      [tableName()]: { Keys: chunk, ConsistentRead: consistent },
    };
    for (let attempt = 0; request && Object.keys(request).length; attempt += 1) {
      // Unprocessed keys mean throttling: back off a little before asking again.
      if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(result.Responses?.[tableName()] ?? []));
      request = result.UnprocessedKeys as typeof request;
    }
    return items;
  });
  return pages.flat();
}

async function queryPartition(partition: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Stores a product unless the stored one is identical, so a repeated PUT changes nothing and
 * re-promises nothing. Returns whether anything changed.
 */
export async function putProduct(product: Product): Promise<boolean> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: productKey(product.sku), ConsistentRead: true }),
  );
  if (Item && canonical(strip<Product>(Item)) === canonical(product)) return false;
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: productItem(product) }));
  return true;
}

export async function getProducts(skus: readonly string[]): Promise<Map<string, Product>> {
  const items = await batchGet([...new Set(skus)].map(productKey));
  return new Map(items.map((item) => strip<Product>(item)).map((product) => [product.sku, product]));
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

/** Allocation versions read with a snapshot, by partition (`SKU#..`, `WC#..`); absent means 0. */
export type AllocationVersions = Map<string, number>;

export interface LoadedSnapshot {
  readonly snapshot: SupplySnapshot;
  readonly versions: AllocationVersions;
  /** The SKU and work-center partitions that were queried: exactly the BOM closure and its routings. */
  readonly partitions: readonly string[];
}

/**
 * Loads the supply a request needs and nothing else. Round trips: one BatchGetItem per BOM level
 * (the first also fetches the plant settings and the region's transit time); each SKU and
 * work-center partition is queried as soon as its product is known, in parallel with the next
 * level, so the critical path is the BOM depth plus one Query.
 *
 * Without `region`, all transit times are read (one small partition).
 */
export async function loadSnapshot(skus: readonly string[], region?: string): Promise<LoadedSnapshot> {
  const products = new Map<string, Product>();
  const partitionReads = new Map<string, Promise<Item[]>>();
  const readPartition = (partition: string) => {
    if (!partitionReads.has(partition)) partitionReads.set(partition, queryPartition(partition));
  };
  let plant = DEFAULT_PLANT;
  const transitDays = new Map<string, number>();
  const keepSettings = (item: Item) => {
    if (item.PK === PLANT_KEY.PK) plant = strip<PlantSettings>(item);
    else if (item.PK === TRANSIT_PARTITION) transitDays.set(String(item.region), Number(item.days));
  };
  const allTransit = region === undefined ? queryPartition(TRANSIT_PARTITION) : undefined;

  let frontier = [...new Set(skus)];
  let settingsKeys: Item[] = [PLANT_KEY, ...(region === undefined ? [] : [transitKey(region)])];
  while (frontier.length || settingsKeys.length) {
    const found = await batchGet([...frontier.map(productKey), ...settingsKeys]);
    settingsKeys = [];
    const next = new Set<string>();
    for (const item of found) {
      if (item.SK !== 'PRODUCT') {
        keepSettings(item);
        continue;
      }
      const product = strip<Product>(item);
      products.set(product.sku, product);
      readPartition(skuPartition(product.sku));
      for (const step of product.routing) readPartition(workCenterPartition(step.workCenter));
      for (const line of product.bom) next.add(line.sku);
    }
    frontier = [...next].filter((sku) => !products.has(sku));
  }
  if (allTransit) for (const item of await allTransit) keepSettings(item);

  const partitions = [...partitionReads.keys()];
  const contents = await Promise.all(partitionReads.values());
  const versions: AllocationVersions = new Map();
  const onHand = new Map<string, number>();
  const receipts: ScheduledReceipt[] = [];
  const stockReservations: StockReservation[] = [];
  const workCenters = new Map<string, WorkCenter>();
  const capacityReservations: CapacityReservation[] = [];
  for (const [index, items] of contents.entries()) {
    const partition = partitions[index] ?? '';
    const isCenter = isWorkCenterPartition(partition);
    const id = isCenter ? workCenterOfPartition(partition) : skuOfPartition(partition);
    for (const item of items) {
      const sk = String(item.SK);
      if (sk === 'STOCK' || sk === 'CALENDAR') versions.set(partition, Number(item.allocVersion ?? 0));
      if (sk === 'STOCK') onHand.set(id, Number(item.onHand ?? 0));
      else if (sk === 'CALENDAR' && item.hoursByWeekday)
        workCenters.set(id, {
          id,
          hoursByWeekday: item.hoursByWeekday as WorkCenter['hoursByWeekday'],
          exceptions: (item.exceptions ?? {}) as WorkCenter['exceptions'],
        });
      else if (sk.startsWith(RECEIPT_PREFIX)) receipts.push(strip<ScheduledReceipt>(item));
      else if (sk.startsWith(HOLD_PREFIX)) {
        const orderId = sk.slice(HOLD_PREFIX.length);
        for (const entry of (item.entries as Hold['entries'] | undefined) ?? []) {
          if (isCenter)
            capacityReservations.push({ orderId, workCenter: id, hours: entry.amount, date: entry.date });
          else stockReservations.push({ orderId, sku: id, quantity: entry.amount, date: entry.date });
        }
      }
    }
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
    partitions,
  };
}

/** The item whose `allocVersion` guards a SKU or work-center partition. */
const versionKey = (partition: string) =>
  isWorkCenterPartition(partition)
    ? calendarKey(workCenterOfPartition(partition))
    : stockKey(skuOfPartition(partition));

/** The two transaction items of one hold: the version check-and-bump, and the hold itself. */
export function holdItems(orderId: string, hold: Hold, versions: AllocationVersions): TransactItem[] {
  const read = versions.get(hold.partition) ?? 0;
  return [
    {
      Update: {
        TableName: tableName(),
        Key: versionKey(hold.partition),
        UpdateExpression: 'SET allocVersion = :next',
        ConditionExpression:
          read === 0 ? 'attribute_not_exists(allocVersion) OR allocVersion = :read' : 'allocVersion = :read',
        ExpressionAttributeValues: { ':read': read, ':next': read + 1 },
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...holdKey(hold.partition, orderId), entity: 'HOLD', orderId, entries: hold.entries },
      },
    },
  ];
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
  const items = [...holds.flatMap((hold) => holdItems(orderId, hold, versions)), ...extra];
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

/** Holds per transaction: two items each (version and hold), leaving one slot for the record. */
export const HOLDS_PER_TRANSACTION = Math.floor((TRANSACTION_LIMIT - 1) / 2);

/**
 * Removes an order's holds and bumps each partition's version, so computations that read the hold
 * retry and see the freed supply. Deleting a hold that is not there is harmless: safe to repeat.
 */
export async function deleteHolds(orderId: string, holds: readonly Hold[]): Promise<void> {
  const chunks: Hold[][] = [];
  for (let start = 0; start < holds.length; start += TRANSACTION_LIMIT / 2)
    chunks.push(holds.slice(start, start + TRANSACTION_LIMIT / 2));
  await mapWithLimit(chunks, FAN_OUT, async (chunk) => {
    const items: TransactItem[] = chunk.flatMap((hold) => [
      { Delete: { TableName: tableName(), Key: holdKey(hold.partition, orderId) } },
      {
        Update: {
          TableName: tableName(),
          Key: versionKey(hold.partition),
          UpdateExpression: 'ADD allocVersion :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ]);
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  });
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

/**
 * Applies a supply update and returns what it really changed. Items equal to what is stored are
 * not written, so a repeated identical update writes nothing, bumps no version and reports no
 * change. Every changed SKU or work center has its allocation version bumped in the same
 * transaction as the change, so a reservation computed on the old figures fails and recomputes.
 * Unknown SKUs are refused (SupplyDataError) before anything is written.
 */
export async function applySupplyUpdate(update: SupplyUpdate): Promise<SupplyChanges> {
  // 1. Last entry wins for repeated keys: one transaction may not touch an item twice.
  const stock = new Map((update.stock ?? []).map((entry) => [entry.sku, entry.onHand]));
  const receipts = new Map(
    (update.receipts ?? []).map((receipt) => [
      canonical(receiptKey(receipt.sku, receipt.date, receipt.ref)),
      receipt,
    ]),
  );
  const removals = new Map(
    (update.removeReceipts ?? []).map((receipt) => [
      canonical(receiptKey(receipt.sku, receipt.date, receipt.ref)),
      receipt,
    ]),
  );
  for (const key of removals.keys()) receipts.delete(key);
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
          ...[...stock.keys()].map(stockKey),
          ...[...receipts.values(), ...removals.values()].map((r) => receiptKey(r.sku, r.date, r.ref)),
          ...[...centers.keys()].map(calendarKey),
          ...[...transit.keys()].map(transitKey),
          ...(update.plant ? [PLANT_KEY] : []),
        ],
        true,
      )
    ).map((item) => [canonical({ PK: item.PK, SK: item.SK }), item]),
  );
  const storedAt = (key: Item) => stored.get(canonical(key));
  const bySku = new Map<string, TransactItem[]>();
  const forSku = (sku: string, item: TransactItem) => bySku.set(sku, [...(bySku.get(sku) ?? []), item]);
  for (const [sku, onHand] of stock) {
    if (storedAt(stockKey(sku))?.onHand === onHand) continue;
    forSku(sku, {
      Update: {
        TableName: tableName(),
        Key: stockKey(sku),
        UpdateExpression: 'SET onHand = :onHand, entity = :entity ADD allocVersion :one',
        ExpressionAttributeValues: { ':onHand': onHand, ':entity': 'STOCK', ':one': 1 },
      },
    });
  }
  for (const receipt of receipts.values()) {
    const key = receiptKey(receipt.sku, receipt.date, receipt.ref);
    const current = storedAt(key);
    if (current && canonical(strip(current)) === canonical(receipt)) continue;
    forSku(receipt.sku, { Put: { TableName: tableName(), Item: { ...key, entity: 'RECEIPT', ...receipt } } });
  }
  for (const receipt of removals.values()) {
    const key = receiptKey(receipt.sku, receipt.date, receipt.ref);
    if (storedAt(key)) forSku(receipt.sku, { Delete: { TableName: tableName(), Key: key } });
  }
  const changedCenters = [...centers.values()].filter((center) => {
    const current = storedAt(calendarKey(center.id));
    return (
      !current?.hoursByWeekday ||
      canonical(current.hoursByWeekday) !== canonical(center.hoursByWeekday) ||
      canonical(current.exceptions ?? {}) !== canonical(center.exceptions)
    );
  });
  const changedRegions = [...transit].filter(([region, days]) => storedAt(transitKey(region))?.days !== days);
  const plantChanged =
    update.plant !== undefined &&
    (!storedAt(PLANT_KEY) || canonical(strip(storedAt(PLANT_KEY) ?? {})) !== canonical(update.plant));

  // 4. Write: per SKU, its changes and one version bump in one transaction (more if it has many).
  const transactions: TransactItem[][] = [];
  for (const [sku, items] of bySku) {
    const bump: TransactItem = {
      Update: {
        TableName: tableName(),
        Key: stockKey(sku),
        UpdateExpression: 'ADD allocVersion :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    };
    const stockUpdate = items.find((item) => item.Update);
    const others = items.filter((item) => !item.Update);
    for (let start = 0; start < Math.max(1, others.length); start += TRANSACTION_LIMIT - 1)
      transactions.push([
        start === 0 && stockUpdate ? stockUpdate : bump,
        ...others.slice(start, start + TRANSACTION_LIMIT - 1),
      ]);
  }
  for (const center of changedCenters)
    transactions.push([
      {
        Update: {
          TableName: tableName(),
          Key: calendarKey(center.id),
          UpdateExpression:
            'SET hoursByWeekday = :hours, #exceptions = :exceptions, entity = :entity ADD allocVersion :one',
          ExpressionAttributeNames: { '#exceptions': 'exceptions' },
          ExpressionAttributeValues: {
            ':hours': center.hoursByWeekday,
            ':exceptions': center.exceptions,
            ':entity': 'CALENDAR',
            ':one': 1,
          },
        },
      },
    ]);
  for (const [region, days] of changedRegions)
    transactions.push([
      { Put: { TableName: tableName(), Item: { ...transitKey(region), entity: 'TRANSIT', region, days } } },
    ]);
  if (plantChanged && update.plant)
    transactions.push([
      { Put: { TableName: tableName(), Item: { ...PLANT_KEY, entity: 'PLANT', ...update.plant } } },
    ]);
  await mapWithLimit(transactions, FAN_OUT, (items) =>
    dynamo().send(new TransactWriteCommand({ TransactItems: items })),
  );
  return {
    skus: [...bySku.keys()],
    workCenters: changedCenters.map((center) => center.id),
    regions: changedRegions.map(([region]) => region),
    plant: plantChanged,
  };
}
