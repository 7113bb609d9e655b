/**
 * Promise records of orders and their dependency items (entities/promise.ts). Every write of a
 * record is conditional on the revision that was read, so concurrent re-checks, reservations and
 * releases cannot lose each other's changes: the loser gets ConcurrentChangeError and re-reads.
 */
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConcurrentChangeError } from '../../shared/errors.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import {
  DEPENDS_PREFIX,
  dependsIndexKey,
  dependsKey,
  PLANT_DEPENDENCY_ID,
  type DependencyKind,
  promiseKey,
  type PromiseRecord,
} from './entities/promise.ts';
import { mapWithLimit, TRANSACTION_LIMIT, type TransactItem } from './supply-repository.ts';
import type { Dependencies, PromiseRecordContent } from '../../usecases/promise/ports.ts';

type Item = Record<string, unknown>;

const toRecord = (item: Item): PromiseRecord => {
  const { PK: _pk, SK: _sk, entity: _e, ...record } = item;
  return record as unknown as PromiseRecord;
};

export async function getPromiseRecord(orderId: string): Promise<PromiseRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: promiseKey(orderId), ConsistentRead: true }),
  );
  return Item ? toRecord(Item) : undefined;
}

/** Several orders' promise records (BatchGetItem, consistent); missing orders are left out. */
export async function getPromiseRecords(orderIds: readonly string[]): Promise<PromiseRecord[]> {
  const chunks: string[][] = [];
  for (let start = 0; start < orderIds.length; start += 100) chunks.push(orderIds.slice(start, start + 100));
  const pages = await mapWithLimit(chunks, 8, async (chunk) => {
    const found: PromiseRecord[] = [];
    let keys: Item[] = chunk.map(promiseKey);
    for (let attempt = 0; keys.length; attempt += 1) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
      const result = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }),
      );
      found.push(...(result.Responses?.[tableName()] ?? []).map(toRecord));
      keys = (result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Item[];
    }
    return found;
  });
  return pages.flat();
}

export type { PromiseRecordContent } from '../../usecases/promise/ports.ts';

/**
 * The write of `next` over `read` as a transaction item: it applies only while the stored record
 * is still at `read.revision` (or, with no `read`, only if there is no record yet).
 */
export function promiseRecordWrite(
  next: PromiseRecordContent,
  read?: Pick<PromiseRecord, 'revision'>,
): TransactItem & { Put: NonNullable<TransactItem['Put']> } {
  // Dropping optional fields the new content lacks (pendingHolds after a reservation) needs a full Put.
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...promiseKey(next.orderId),
        entity: 'PROMISE',
        ...next,
        revision: (read?.revision ?? 0) + 1,
      },
      ...(read === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#revision = :revision',
            ExpressionAttributeNames: { '#revision': 'revision' },
            ExpressionAttributeValues: { ':revision': read.revision },
          }),
    },
  };
}

/**
 * Writes a promise record: the first one only if none exists, a later one only if the stored
 * record is still the one read. Otherwise ConcurrentChangeError, and the caller re-reads.
 * Returns the record as stored.
 */
export async function putPromiseRecord(
  next: PromiseRecordContent,
  read?: Pick<PromiseRecord, 'revision'>,
): Promise<PromiseRecord> {
  const { Put } = promiseRecordWrite(next, read);
  try {
    await dynamo().send(new PutCommand(Put));
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConcurrentChangeError(`The promise of ${next.orderId} changed meanwhile`);
    throw error;
  }
  return { ...next, revision: (read?.revision ?? 0) + 1 };
}

export type { Dependencies } from '../../usecases/promise/ports.ts';

/** The GSI3 keys of a set of dependencies. */
const dependencyKeys = (on: Dependencies): [DependencyKind, string][] => [
  ...on.skus.map((sku): [DependencyKind, string] => ['SKU', sku]),
  ...on.workCenters.map((id): [DependencyKind, string] => ['WC', id]),
  ...(on.regions ?? []).map((region): [DependencyKind, string] => ['REGION', region]),
  ...(on.plant ? [['PLANT', PLANT_DEPENDENCY_ID] as [DependencyKind, string]] : []),
];

/** Dependency items of an open order, so supply changes find it through GSI3. Idempotent. */
export async function writeDependencies(orderId: string, dependsOn: Dependencies): Promise<void> {
  const puts: TransactItem[] = dependencyKeys(dependsOn)
    .map(([kind, id]) => dependsKey(orderId, kind, id))
    .map((key) => ({ Put: { TableName: tableName(), Item: { ...key, entity: 'DEPENDS', orderId } } }));
  const chunks: TransactItem[][] = [];
  for (let start = 0; start < puts.length; start += TRANSACTION_LIMIT)
    chunks.push(puts.slice(start, start + TRANSACTION_LIMIT));
  await mapWithLimit(chunks, 8, (items) => dynamo().send(new TransactWriteCommand({ TransactItems: items })));
}

/** Deletes all dependency items of an order (it is released). Safe to repeat. */
export async function deleteDependencies(orderId: string): Promise<void> {
  const keys: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': promiseKey(orderId).PK, ':prefix': DEPENDS_PREFIX },
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    keys.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const chunks: Item[][] = [];
  for (let start = 0; start < keys.length; start += TRANSACTION_LIMIT)
    chunks.push(keys.slice(start, start + TRANSACTION_LIMIT));
  await mapWithLimit(chunks, 8, (batch) =>
    dynamo().send(
      new TransactWriteCommand({
        TransactItems: batch.map((key) => ({ Delete: { TableName: tableName(), Key: key } })),
      }),
    ),
  );
}

/** Open orders that depend on anything a change touched, through GSI3 (no scan). */
export async function findDependents(changed: Dependencies): Promise<string[]> {
  const keys = [...new Set(dependencyKeys(changed).map(([kind, id]) => dependsIndexKey(kind, id)))];
  const orders = new Set<string>();
  await mapWithLimit(keys, 16, async (key) => {
    let startKey: Item | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk',
          ExpressionAttributeValues: { ':pk': key },
          ProjectionExpression: 'orderId',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) orders.add(String(item.orderId));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  });
  return [...orders].sort();
}
