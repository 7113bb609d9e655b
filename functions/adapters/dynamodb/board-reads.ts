/**
 * The reads of the sales console's board, shaped for speed: only the attributes a board row shows
 * (a projection), whole index partitions in few round trips, and orders and customers fetched in
 * batches of 100 (BatchGetItem) instead of one request each.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OrderStatus } from '../../domain/order/status.ts';
import type { BoardOrder, BoardSource, BoardCustomer } from '../../usecases/order/board-source.ts';
import { decodeCursor, dynamo, encodeCursor, tableName } from './client.ts';
import { customerKey } from './entities/customer.ts';
import { orderKey } from './entities/order.ts';
import { promiseKey } from './entities/promise.ts';

/** What a board row needs of an order (several are reserved words, so all go by placeholder). */
const ORDER_ATTRIBUTES = [
  'orderId',
  'customerId',
  'status',
  'lines',
  'createdAt',
  'updatedAt',
  'atRisk',
  'atRiskReasons',
  'needsAttention',
  'promisedDate',
  'firstPromisedDate',
  'salesEscalatesAt',
];
const ORDER_FIELDS = ORDER_ATTRIBUTES.map((_, index) => `#o${index}`).join(', ');
const ORDER_NAMES = Object.fromEntries(ORDER_ATTRIBUTES.map((name, index) => [`#o${index}`, name]));

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;
/** Unprocessed keys (throttling) are asked for again, a few times, before the read fails. */
const BATCH_ATTEMPTS = 5;

async function batchGet(
  keys: readonly Record<string, string>[],
  projection: string,
  names: Record<string, string> | undefined,
): Promise<Record<string, unknown>[]> {
  const chunks: Record<string, string>[][] = [];
  for (let start = 0; start < keys.length; start += BATCH) chunks.push(keys.slice(start, start + BATCH));
  const pages = await Promise.all(
    chunks.map(async (chunk) => {
      const found: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] = chunk;
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt === BATCH_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} key(s) unread`);
        const answer = await dynamo().send(
          new BatchGetCommand({
            RequestItems: {
              [tableName()]: {
                Keys: pending,
                ProjectionExpression: projection,
                ...(names ? { ExpressionAttributeNames: names } : {}),
              },
            },
          }),
        );
        found.push(...(answer.Responses?.[tableName()] ?? []));
        pending = answer.UnprocessedKeys?.[tableName()]?.Keys ?? [];
        if (pending.length) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      }
      return found;
    }),
  );
  return pages.flat();
}

/** Orders by id with the board's attributes, in batches; ids that name no order are left out. */
export async function getBoardOrders(orderIds: readonly string[]): Promise<BoardOrder[]> {
  const unique = [...new Set(orderIds)];
  const items = await batchGet(unique.map(orderKey), ORDER_FIELDS, ORDER_NAMES);
  const byId = new Map(items.map((item) => [String(item.orderId), item as unknown as BoardOrder]));
  return unique.flatMap((orderId) => byId.get(orderId) ?? []);
}

/** Customers' names and tiers, in batches. */
export async function getBoardCustomers(customerIds: readonly string[]): Promise<Map<string, BoardCustomer>> {
  const items = await batchGet([...new Set(customerIds)].map(customerKey), 'customerId, #name, tier', {
    '#name': 'name',
  });
  return new Map(
    items.map((item) => [
      String(item.customerId),
      { name: String(item.name), tier: item.tier as BoardCustomer['tier'] },
    ]),
  );
}

interface IndexPage {
  readonly items: Record<string, unknown>[];
  readonly nextCursor?: string;
}

async function queryIndex(
  indexName: 'GSI1' | 'GSI2' | 'GSI3',
  partition: string,
  options: {
    limit: number;
    cursor?: string;
    newestFirst: boolean;
    projection: string;
    names?: Record<string, string>;
  },
): Promise<IndexPage> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: indexName,
      KeyConditionExpression: `${indexName}PK = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: !options.newestFirst,
      Limit: options.limit,
      ProjectionExpression: options.projection,
      ...(options.names ? { ExpressionAttributeNames: options.names } : {}),
      ExclusiveStartKey: decodeCursor(options.cursor),
    }),
  );
  const nextCursor = encodeCursor(page.LastEvaluatedKey);
  return nextCursor ? { items: page.Items ?? [], nextCursor } : { items: page.Items ?? [] };
}

/** Every item of an index partition up to `cap`, in pages as large as DynamoDB gives (1 MB). */
async function readPartition(
  indexName: 'GSI1' | 'GSI3',
  partition: string,
  cap: number,
  projection: string,
  names?: Record<string, string>,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryIndex(indexName, partition, {
      limit: cap - found.length,
      newestFirst: false,
      projection,
      ...(names ? { names } : {}),
      ...(cursor ? { cursor } : {}),
    });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && found.length < cap);
  return found;
}

/** Each order's promised and likely date from its promise record (only those two attributes), in batches. */
export async function getPromiseDates(
  orderIds: readonly string[],
): Promise<Map<string, { date: string; likelyDate?: string }>> {
  const items = await batchGet(
    [...new Set(orderIds)].map(promiseKey),
    'orderId, #promise.#date, #promise.likelyDate',
    { '#promise': 'promise', '#date': 'date' },
  );
  const dates = new Map<string, { date: string; likelyDate?: string }>();
  for (const item of items) {
    const promise = item.promise as { date?: unknown; likelyDate?: unknown } | undefined;
    if (typeof promise?.date !== 'string') continue;
    dates.set(String(item.orderId), {
      date: promise.date,
      ...(typeof promise.likelyDate === 'string' ? { likelyDate: promise.likelyDate } : {}),
    });
  }
  return dates;
}

/** The board's reads from DynamoDB: status and customer indexes, the sparse at-risk index, batches. */
export const dynamoBoardSource: BoardSource = {
  async ordersInStatus(status: OrderStatus, cap: number) {
    return (await readPartition(
      'GSI1',
      `STATUS#${status}`,
      cap,
      ORDER_FIELDS,
      ORDER_NAMES,
    )) as unknown as BoardOrder[];
  },
  async ordersAtRisk(cap: number) {
    const flags = await readPartition('GSI3', 'ATRISK', cap, 'orderId');
    return getBoardOrders(flags.map((flag) => String(flag.orderId)));
  },
  async orderPage(query) {
    const [indexName, partition] = query.atRisk
      ? (['GSI3', 'ATRISK'] as const)
      : query.status
        ? (['GSI1', `STATUS#${query.status}`] as const)
        : query.customerId
          ? (['GSI2', `CUSTOMER#${query.customerId}`] as const)
          : (['GSI3', 'ORDERS'] as const);
    const page = await queryIndex(indexName, partition, {
      limit: query.limit,
      newestFirst: true,
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.atRisk ? { projection: 'orderId' } : { projection: ORDER_FIELDS, names: ORDER_NAMES }),
    });
    // The at-risk index holds flags, not orders: fetch the orders they point at, in one batch.
    const orders = query.atRisk
      ? await getBoardOrders(page.items.map((item) => String(item.orderId)))
      : (page.items as unknown as BoardOrder[]);
    return page.nextCursor ? { orders, nextCursor: page.nextCursor } : { orders };
  },
  getOrders: getBoardOrders,
  getCustomers: getBoardCustomers,
  promiseDates: getPromiseDates,
};
