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
import {
  calendarKey,
  dependsKey,
  holdKey,
  PLANT_KEY,
  productKey,
  promiseKey,
  receiptKey,
  skuPartition,
  stockKey,
  transitKey,
  workCenterPartition,
  type Hold,
  type PromiseRecord,
} from './entities/supply.ts';

type Item = Record<string, unknown>;
const strip = <T>(item: Item): T => {
  const { PK: _pk, SK: _sk, GSI3PK: _g, GSI3SK: _s, entity: _e, ...rest } = item;
  return rest as T;
};

export const DEFAULT_PLANT: PlantSettings = {
  timeZone: 'UTC',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
  shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
  supplierCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] },
};

async function batchGet(keys: Item[]): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let request: Record<string, { Keys: Item[] }> | undefined = {
      [tableName()]: { Keys: keys.slice(start, start + 100) },
    };
    while (request && Object.keys(request).length) {
      const result = await dynamo().send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(result.Responses?.[tableName()] ?? []));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return items;
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

export async function putProduct(product: Product): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...productKey(product.sku), entity: 'PRODUCT', ...product },
    }),
  );
}

export async function getProducts(skus: readonly string[]): Promise<Map<string, Product>> {
  const unique = [...new Set(skus)];
  const items = await batchGet(unique.map(productKey));
  return new Map(items.map((item) => strip<Product>(item)).map((product) => [product.sku, product]));
}

export async function getPlant(): Promise<PlantSettings> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: PLANT_KEY }));
  return Item ? strip<PlantSettings>(Item) : DEFAULT_PLANT;
}

/** Versions read with the snapshot: a reservation commits only if none of them moved since. */
export type AllocationVersions = Map<string, number>;

/**
 * Loads the supply a request needs and nothing else: the BOM closure's products (one BatchGet per
 * BOM level), then each SKU and work center partition in parallel (stock, receipts and
 * reservations come back together), plant settings and transit times.
 */
export async function loadSnapshot(
  skus: readonly string[],
): Promise<{ snapshot: SupplySnapshot; versions: AllocationVersions }> {
  const products = new Map<string, Product>();
  let frontier = [...new Set(skus)];
  while (frontier.length) {
    const found = await getProducts(frontier);
    for (const [sku, product] of found) products.set(sku, product);
    frontier = [
      ...new Set([...found.values()].flatMap((product) => product.bom.map((line) => line.sku))),
    ].filter((sku) => !products.has(sku));
  }
  const workCenterIds = [
    ...new Set([...products.values()].flatMap((product) => product.routing.map((step) => step.workCenter))),
  ];
  const [skuPartitions, centerPartitions, plant, transit] = await Promise.all([
    Promise.all([...products.keys()].map((sku) => queryPartition(skuPartition(sku)))),
    Promise.all(workCenterIds.map((id) => queryPartition(workCenterPartition(id)))),
    getPlant(),
    queryPartition('TRANSIT'),
  ]);
  const versions: AllocationVersions = new Map();
  const onHand = new Map<string, number>();
  const receipts: ScheduledReceipt[] = [];
  const stockReservations: StockReservation[] = [];
  for (const items of skuPartitions) {
    for (const item of items) {
      const sku = String(item.PK).slice(4);
      const sk = String(item.SK);
      if (sk === 'STOCK') {
        onHand.set(sku, Number(item.onHand ?? 0));
        versions.set(String(item.PK), Number(item.allocVersion ?? 0));
      } else if (sk.startsWith('RECEIPT#')) receipts.push(strip<ScheduledReceipt>(item));
      else if (sk.startsWith('RES#')) {
        for (const entry of (item.entries as Hold['entries']) ?? []) {
          stockReservations.push({ orderId: sk.slice(4), sku, quantity: entry.amount, date: entry.date });
        }
      }
    }
  }
  const workCenters = new Map<string, WorkCenter>();
  const capacityReservations: CapacityReservation[] = [];
  for (const items of centerPartitions) {
    for (const item of items) {
      const id = String(item.PK).slice(3);
      const sk = String(item.SK);
      if (sk === 'CALENDAR') {
        workCenters.set(id, {
          id,
          hoursByWeekday: item.hoursByWeekday as WorkCenter['hoursByWeekday'],
          exceptions: (item.exceptions ?? {}) as WorkCenter['exceptions'],
        });
        versions.set(String(item.PK), Number(item.allocVersion ?? 0));
      } else if (sk.startsWith('RES#')) {
        for (const entry of (item.entries as Hold['entries']) ?? []) {
          capacityReservations.push({
            orderId: sk.slice(4),
            workCenter: id,
            hours: entry.amount,
            date: entry.date,
          });
        }
      }
    }
  }
  const transitDays = new Map(transit.map((item) => [String(item.region), Number(item.days)]));
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
  };
}

/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_LIMIT = 100;

/**
 * Writes an order's holds of stock and capacity, all or nothing, so that two orders can never hold
 * the same unit or hour. Each touched SKU and work center has an `allocVersion`; the write requires
 * the version read with the snapshot and bumps it, so a concurrent reservation makes one of the two
 * fail (ConcurrentChangeError) and recompute.
 *
 * An order touching more partitions than one transaction takes (100 items, two per partition) is
 * written in several transactions, each with the same version conditions; if a later one fails,
 * the earlier ones are undone before the error is raised. While that happens, other orders see the
 * partial hold: that can only make their dates later, never promise a unit twice.
 */
export async function writeHolds(
  orderId: string,
  holds: readonly Hold[],
  versions: AllocationVersions,
  extra: TransactWriteCommandInput['TransactItems'] = [],
): Promise<void> {
  const perPartition = holds.flatMap((hold) => {
    const versionKey = hold.partition.startsWith('WC#')
      ? calendarKey(hold.partition.slice(3))
      : stockKey(hold.partition.slice(4));
    const read = versions.get(hold.partition) ?? 0;
    return [
      [
        {
          Update: {
            TableName: tableName(),
            Key: versionKey,
            UpdateExpression: 'SET allocVersion = :next',
            ConditionExpression:
              read === 0
                ? 'attribute_not_exists(allocVersion) OR allocVersion = :read'
                : 'allocVersion = :read',
            ExpressionAttributeValues: { ':read': read, ':next': read + 1 },
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: { ...holdKey(hold.partition, orderId), entity: 'HOLD', orderId, entries: hold.entries },
          },
        },
      ],
    ];
  });
  const chunks: NonNullable<TransactWriteCommandInput['TransactItems']>[] = [];
  let current: NonNullable<TransactWriteCommandInput['TransactItems']> = [...(extra ?? [])];
  for (const pair of perPartition) {
    if (current.length + pair.length > TRANSACTION_LIMIT) {
      chunks.push(current);
      current = [];
    }
    current.push(...pair);
  }
  if (current.length) chunks.push(current);
  const written: Hold[] = [];
  for (const [index, chunk] of chunks.entries()) {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: chunk }));
      written.push(...holdsIn(chunk, holds));
    } catch (error) {
      if (index > 0) await deleteHolds(orderId, written);
      if (isConditionFailure(error))
        throw new ConcurrentChangeError('Supply changed while reserving; recompute and try again');
      throw error;
    }
  }
}

function holdsIn(
  chunk: NonNullable<TransactWriteCommandInput['TransactItems']>,
  holds: readonly Hold[],
): Hold[] {
  const partitions = new Set(
    chunk.flatMap((item) => (item.Put?.Item?.entity === 'HOLD' ? [String(item.Put.Item.PK)] : [])),
  );
  return holds.filter((hold) => partitions.has(hold.partition));
}

/** Removes an order's holds; bumps the versions so concurrent computations see the change. Safe to repeat. */
export async function deleteHolds(orderId: string, holds: readonly Hold[]): Promise<void> {
  for (let start = 0; start < holds.length; start += TRANSACTION_LIMIT / 2) {
    const items = holds.slice(start, start + TRANSACTION_LIMIT / 2).flatMap((hold) => [
      { Delete: { TableName: tableName(), Key: holdKey(hold.partition, orderId) } },
      {
        Update: {
          TableName: tableName(),
          Key: hold.partition.startsWith('WC#')
            ? calendarKey(hold.partition.slice(3))
            : stockKey(hold.partition.slice(4)),
          UpdateExpression: 'ADD allocVersion :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ]);
    if (items.length) await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  }
}

export async function getPromiseRecord(orderId: string): Promise<PromiseRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: promiseKey(orderId), ConsistentRead: true }),
  );
  return Item ? strip<PromiseRecord>(Item) : undefined;
}

/** Stores a promise record; with `expectedVersion`, only if the stored promise still has that version. */
export async function putPromiseRecord(record: PromiseRecord, expectedVersion?: number): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...promiseKey(record.orderId), entity: 'PROMISE', ...record },
        ...(expectedVersion === undefined
          ? {}
          : {
              ConditionExpression: 'promise.version = :version',
              ExpressionAttributeValues: { ':version': expectedVersion },
            }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConcurrentChangeError(`The promise of ${record.orderId} changed meanwhile`);
    throw error;
  }
}

/** Dependency items of an open order, so supply changes find it through GSI3. */
export function dependencyPuts(
  orderId: string,
  dependsOn: { skus: readonly string[]; workCenters: readonly string[] },
) {
  return [
    ...dependsOn.skus.map((sku) => dependsKey(orderId, 'SKU', sku)),
    ...dependsOn.workCenters.map((id) => dependsKey(orderId, 'WC', id)),
  ].map((Item) => ({ Put: { TableName: tableName(), Item: { ...Item, entity: 'DEPENDS', orderId } } }));
}

export async function writeDependencies(
  orderId: string,
  dependsOn: { skus: readonly string[]; workCenters: readonly string[] },
) {
  const puts = dependencyPuts(orderId, dependsOn);
  for (let start = 0; start < puts.length; start += TRANSACTION_LIMIT) {
    await dynamo().send(
      new TransactWriteCommand({ TransactItems: puts.slice(start, start + TRANSACTION_LIMIT) }),
    );
  }
}

export async function deleteDependencies(orderId: string): Promise<void> {
  const items = (await queryPartition(`ORDER#${orderId}`)).filter((item) =>
    String(item.SK).startsWith('DEPENDS#'),
  );
  for (let start = 0; start < items.length; start += TRANSACTION_LIMIT) {
    const batch = items
      .slice(start, start + TRANSACTION_LIMIT)
      .map((item) => ({ Delete: { TableName: tableName(), Key: { PK: item.PK, SK: item.SK } } }));
    await dynamo().send(new TransactWriteCommand({ TransactItems: batch }));
  }
}

/** Open orders that depend on any of these SKUs or work centers, through GSI3 (no scan). */
export async function findDependents(
  skus: readonly string[],
  workCenters: readonly string[],
): Promise<string[]> {
  const keys = [...skus.map((sku) => `DEPENDS#SKU#${sku}`), ...workCenters.map((id) => `DEPENDS#WC#${id}`)];
  const orders = new Set<string>();
  await Promise.all(
    keys.map(async (key) => {
      let startKey: Item | undefined;
      do {
        const page = await dynamo().send(
          new QueryCommand({
            TableName: tableName(),
            IndexName: 'GSI3',
            KeyConditionExpression: 'GSI3PK = :pk',
            ExpressionAttributeValues: { ':pk': key },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) orders.add(String(item.orderId));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
  return [...orders];
}

export interface SupplyUpdate {
  readonly plant?: PlantSettings;
  readonly stock?: readonly { sku: string; onHand: number }[];
  readonly receipts?: readonly ScheduledReceipt[];
  readonly removeReceipts?: readonly { sku: string; date: string; ref: string }[];
  readonly workCenters?: readonly WorkCenter[];
  readonly transit?: readonly { region: string; days: number }[];
}

/** Applies a supply update; returns the SKUs and work centers it touched. Stock levels keep their allocVersion. */
export async function applySupplyUpdate(
  update: SupplyUpdate,
): Promise<{ skus: string[]; workCenters: string[] }> {
  const known = await getProducts([
    ...(update.stock ?? []).map((s) => s.sku),
    ...(update.receipts ?? []).map((r) => r.sku),
  ]);
  const unknown = [
    ...(update.stock ?? []).map((s) => s.sku),
    ...(update.receipts ?? []).map((r) => r.sku),
  ].filter((sku) => !known.has(sku));
  if (unknown.length)
    throw new SupplyDataError(`Unknown SKU: ${[...new Set(unknown)].join(', ')}`, {
      skus: [...new Set(unknown)],
    });
  const writes: Promise<unknown>[] = [];
  const put = (Item: Item) => writes.push(dynamo().send(new PutCommand({ TableName: tableName(), Item })));
  if (update.plant) put({ ...PLANT_KEY, entity: 'PLANT', ...update.plant });
  for (const { sku, onHand } of update.stock ?? []) {
    writes.push(
      dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: stockKey(sku),
                UpdateExpression: 'SET onHand = :onHand, entity = :entity',
                ExpressionAttributeValues: { ':onHand': onHand, ':entity': 'STOCK' },
              },
            },
          ],
        }),
      ),
    );
  }
  for (const receipt of update.receipts ?? [])
    put({ ...receiptKey(receipt.sku, receipt.date, receipt.ref), entity: 'RECEIPT', ...receipt });
  for (const receipt of update.removeReceipts ?? []) {
    writes.push(
      dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: tableName(), Key: receiptKey(receipt.sku, receipt.date, receipt.ref) } },
          ],
        }),
      ),
    );
  }
  for (const center of update.workCenters ?? []) {
    writes.push(
      dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: calendarKey(center.id),
                UpdateExpression: 'SET hoursByWeekday = :hours, #exceptions = :exceptions, entity = :entity',
                ExpressionAttributeNames: { '#exceptions': 'exceptions' },
                ExpressionAttributeValues: {
                  ':hours': center.hoursByWeekday,
                  ':exceptions': center.exceptions,
                  ':entity': 'CALENDAR',
                },
              },
            },
          ],
        }),
      ),
    );
  }
  for (const { region, days } of update.transit ?? [])
    put({ ...transitKey(region), entity: 'TRANSIT', region, days });
  await Promise.all(writes);
  return {
    skus: [
      ...new Set([
        ...(update.stock ?? []).map((s) => s.sku),
        ...(update.receipts ?? []).map((r) => r.sku),
        ...(update.removeReceipts ?? []).map((r) => r.sku),
      ]),
    ],
    workCenters: (update.workCenters ?? []).map((center) => center.id),
  };
}
