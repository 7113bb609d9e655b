import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { allowedPredecessors } from '../../domain/order/status.ts';
import type { StageEvent, WaitStage } from '../../domain/order/stages.ts';
import type {
  ErpEventRecord,
  OrderListQuery,
  OrderView,
  ResumeFromAttention,
  Transition,
} from '../../domain/order/types.ts';
import type { OrderRepository } from '../../usecases/order/ports.ts';
import {
  conditionally,
  decodeCursor,
  dynamo,
  encodeCursor,
  isConditionFailure,
  queryPartition,
  setExpression,
  tableName,
} from './client.ts';
import {
  arrivedKey,
  atRiskKey,
  erpEventKey,
  orderIndexKeys,
  orderKey,
  orderPartition,
  timelineSk,
  waitKey,
  type Order,
  type TimelineEntry,
  type WaitRecord,
} from './entities/order.ts';

export type { ErpEventRecord, OrderListQuery, Transition };

const timelineItem = (orderId: string, entry: TimelineEntry) => ({
  PK: orderPartition(orderId),
  SK: timelineSk(entry.at, entry.kind),
  entity: 'TIMELINE',
  ...entry,
});

/** Stores a new order with its first timeline entry; false when an order with that id exists already. */
export async function createOrder(
  order: Order,
  extraItems: Record<string, unknown>[] = [],
): Promise<boolean> {
  return conditionally(
    dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...orderKey(order.orderId), ...orderIndexKeys(order), entity: 'ORDER', ...order },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: timelineItem(order.orderId, {
                at: order.createdAt,
                kind: 'INQUIRY_RECEIVED',
                status: order.status,
                summary: `Inquiry received for ${order.lines.length} line(s)`,
              }),
            },
          },
          ...extraItems.map((Item) => ({ Put: { TableName: tableName(), Item } })),
        ],
      }),
    ),
  );
}

export async function getOrder(orderId: string): Promise<Order | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: orderKey(orderId), ConsistentRead: true }),
  );
  return Item ? stripKeys<Order>(Item) : undefined;
}

/** Every item of the order's partition, grouped: one query for the whole order view. */
export async function getOrderPartition(orderId: string): Promise<Record<string, unknown>[]> {
  return queryPartition(orderPartition(orderId));
}

/**
 * Moves the order to a new status, only from a status that may precede it, and records the move
 * in the timeline in the same transaction. Returns false when the order is not in a predecessor
 * status (a retried step that already applied, or an order that moved on): nothing is written.
 */
export async function transitionOrder(orderId: string, transition: Transition): Promise<boolean> {
  const from = allowedPredecessors(transition.to);
  const patch: Record<string, unknown> = {
    ...transition.patch,
    status: transition.to,
    updatedAt: transition.at,
    GSI1PK: `STATUS#${transition.to}`,
    lastTransitionId: transition.id ?? transition.to,
  };
  const update = setExpression(patch);
  const names: Record<string, string> = { ...update.names, '#status': 'status' };
  const values: Record<string, unknown> = { ...update.values };
  from.forEach((status, index) => (values[`:from${index}`] = status));
  names['#last'] = 'lastTransitionId';
  values[':id'] = transition.id ?? transition.to;
  return conditionally(
    dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: orderKey(orderId),
              UpdateExpression: update.expression,
              ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')}) AND (attribute_not_exists(#last) OR #last <> :id)`,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: timelineItem(orderId, {
                at: transition.at,
                kind: `STATUS_${transition.id ?? transition.to}`,
                status: transition.to,
                summary: transition.summary,
                ...(transition.data ? { data: transition.data } : {}),
              }),
            },
          },
        ],
      }),
    ),
  );
}

/**
 * Takes an order out of NEEDS_ATTENTION back to the status it had (a retry), with the execution
 * that carries it on, and records it in the timeline. Only the incident it was asked for is
 * resumed: false when the order is no longer in that incident (resumed already, or cancelled).
 */
export async function leaveNeedsAttention(orderId: string, resume: ResumeFromAttention): Promise<boolean> {
  const update = setExpression({
    status: resume.to,
    GSI1PK: `STATUS#${resume.to}`,
    updatedAt: resume.at,
    executionName: resume.executionName,
    executionNamedAt: resume.at,
    lastRetry: resume.lastRetry,
    // The step that runs again recognises its own earlier move by this id and does not repeat it.
    ...(resume.previousTransitionId ? { lastTransitionId: resume.previousTransitionId } : {}),
  });
  return conditionally(
    dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: orderKey(orderId),
              UpdateExpression: `${update.expression} REMOVE needsAttention${resume.previousTransitionId ? '' : ', lastTransitionId'}`,
              ConditionExpression: '#status = :attention AND attentionCount = :incident',
              ExpressionAttributeNames: { ...update.names, '#status': 'status' },
              ExpressionAttributeValues: {
                ...update.values,
                ':attention': 'NEEDS_ATTENTION',
                ':incident': resume.incident,
              },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: timelineItem(orderId, {
                at: resume.at,
                kind: `RETRIED#${resume.incident}`,
                status: resume.to,
                summary: resume.summary,
              }),
            },
          },
        ],
      }),
    ),
  );
}

/** Updates order attributes that do not change its status (promise summary, flags, shipment). */
export async function patchOrder(
  orderId: string,
  patch: Partial<Order>,
  condition?: { unlessTerminal: boolean },
): Promise<boolean> {
  const update = setExpression(patch);
  const names: Record<string, string> = { ...update.names };
  const values: Record<string, unknown> = { ...update.values };
  let conditionExpression = 'attribute_exists(PK)';
  if (condition?.unlessTerminal) {
    names['#status'] = 'status';
    ['DELIVERED', 'QUOTE_REJECTED', 'QUOTE_EXPIRED', 'CANCELLED'].forEach(
      (status, index) => (values[`:t${index}`] = status),
    );
    conditionExpression += ' AND NOT (#status IN (:t0, :t1, :t2, :t3))';
  }
  return conditionally(
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: orderKey(orderId),
        UpdateExpression: update.expression,
        ConditionExpression: conditionExpression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

/** Adds a timeline entry; the same (at, kind) written twice stays one entry. */
export async function appendTimeline(orderId: string, entry: TimelineEntry): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: timelineItem(orderId, entry) }));
}

/** Flags the order at risk (sparse GSI3 entry for the at-risk list) with the reason. */
export async function setAtRisk(orderId: string, reason: string, at: string): Promise<void> {
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: orderKey(orderId),
            UpdateExpression:
              'SET atRisk = :true, atRiskReasons = list_append(if_not_exists(atRiskReasons, :empty), :reason)',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':true': true, ':empty': [], ':reason': [reason] },
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...atRiskKey(orderId),
              entity: 'ATRISK',
              GSI3PK: 'ATRISK',
              GSI3SK: `${at}#${orderId}`,
              orderId,
              since: at,
            },
          },
        },
      ],
    }),
  );
}

export async function clearAtRisk(orderId: string): Promise<void> {
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: orderKey(orderId),
            UpdateExpression: 'SET atRisk = :false REMOVE atRiskReasons',
            ExpressionAttributeValues: { ':false': false },
          },
        },
        { Delete: { TableName: tableName(), Key: atRiskKey(orderId) } },
      ],
    }),
  );
}

export async function saveWait(record: WaitRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...waitKey(record.orderId, record.stage), entity: 'WAIT', ...record },
    }),
  );
}

export async function getWait(orderId: string, stage: WaitStage): Promise<WaitRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: waitKey(orderId, stage), ConsistentRead: true }),
  );
  return Item ? stripKeys<WaitRecord>(Item) : undefined;
}

/** Removes a wait, only if it still holds the given token (a newer wait is left alone). */
export async function deleteWait(orderId: string, stage: WaitStage, taskToken?: string): Promise<void> {
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: waitKey(orderId, stage),
        ...(taskToken
          ? { ConditionExpression: 'taskToken = :token', ExpressionAttributeValues: { ':token': taskToken } }
          : {}),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * Records an ERP event once: the dedupe item (state RECEIVED until it is applied), its timeline
 * entry and, for a stage event, the "arrived" marker the workflow looks for, all in one
 * transaction. Returns false when an event with this id was recorded before.
 */
export async function recordErpEvent(
  event: ErpEventRecord,
  stage: StageEvent | undefined,
  summary: string,
): Promise<boolean> {
  return conditionally(
    dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...erpEventKey(event.eventId), entity: 'ERPEVENT', ...event, state: 'RECEIVED' },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: timelineItem(event.orderId, {
                at: event.receivedAt,
                kind: `ERP_${event.type}#${event.eventId}`,
                summary,
                data: {
                  eventId: event.eventId,
                  type: event.type,
                  occurredAt: event.occurredAt,
                  ...event.data,
                },
              }),
            },
          },
          ...(stage
            ? [
                {
                  Put: {
                    TableName: tableName(),
                    Item: { ...arrivedKey(event.orderId, stage), entity: 'ARRIVED', ...event },
                  },
                },
              ]
            : []),
        ],
      }),
    ),
  );
}

/** The dedupe record of an ERP event id, if that id was ever recorded. */
export async function getErpEvent(eventId: string): Promise<ErpEventRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: erpEventKey(eventId), ConsistentRead: true }),
  );
  return Item ? stripKeys<ErpEventRecord>(Item) : undefined;
}

/** Marks an ERP event done: from now on a repeat of it is a duplicate. */
export async function markErpEventApplied(eventId: string, at: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: erpEventKey(eventId),
      UpdateExpression: 'SET #state = :applied, appliedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':applied': 'APPLIED', ':at': at },
    }),
  );
}

export async function getArrivedEvent(
  orderId: string,
  stage: StageEvent,
): Promise<ErpEventRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: arrivedKey(orderId, stage), ConsistentRead: true }),
  );
  return Item ? stripKeys<ErpEventRecord>(Item) : undefined;
}

/** Lists orders newest first through an index (never a scan); `nextCursor` pages on. */
export async function listOrders(query: OrderListQuery): Promise<{ orders: Order[]; nextCursor?: string }> {
  const [indexName, partition] = query.atRisk
    ? ['GSI3', 'ATRISK']
    : query.status
      ? ['GSI1', `STATUS#${query.status}`]
      : query.customerId
        ? ['GSI2', `CUSTOMER#${query.customerId}`]
        : ['GSI3', 'ORDERS'];
  const page = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: indexName,
      KeyConditionExpression: `${indexName}PK = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor),
    }),
  );
  const items = page.Items ?? [];
  // The at-risk index holds flags, not orders: fetch the orders they point at.
  const orders = query.atRisk
    ? (await Promise.all(items.map((item) => getOrder(String(item.orderId))))).filter(
        (order): order is Order => Boolean(order),
      )
    : items.map((item) => stripKeys<Order>(item));
  const filtered = orders.filter(
    (order) =>
      (!query.status || order.status === query.status) &&
      (!query.customerId || order.customerId === query.customerId),
  );
  const nextCursor = encodeCursor(page.LastEvaluatedKey);
  return nextCursor ? { orders: filtered, nextCursor } : { orders: filtered };
}

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'entity'];

export function stripKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !KEY_ATTRIBUTES.includes(key))) as T;
}

/** The whole order view from one partition query; undefined when the order does not exist. */
export async function getOrderView(orderId: string): Promise<OrderView | undefined> {
  const items = await getOrderPartition(orderId);
  const orderItem = items.find((item) => item.SK === 'ORDER');
  if (!orderItem) return undefined;
  const promiseItem = items.find((item) => item.SK === 'PROMISE');
  return {
    order: stripKeys<Order>(orderItem),
    promise: promiseItem ? stripKeys<Record<string, unknown>>(promiseItem) : undefined,
    timeline: items
      .filter((item) => item.entity === 'TIMELINE')
      .map((item) => stripKeys<TimelineEntry>(item)),
    notifications: items
      .filter((item) => String(item.SK).startsWith('NOTIFICATION#'))
      .map((item) => stripKeys<Record<string, unknown>>(item)),
    waits: items.filter((item) => item.entity === 'WAIT').map((item) => stripKeys<WaitRecord>(item)),
  };
}

/** The order repository port bound to DynamoDB (a tracking link is stored with its order, in one transaction). */
export const dynamoOrderRepository: OrderRepository = {
  createOrder: (order, trackingTokenHash) =>
    createOrder(order, [
      { PK: `TRACK#${trackingTokenHash}`, SK: 'TRACK', entity: 'TRACK', orderId: order.orderId },
    ]),
  getOrder,
  getOrderView,
  transitionOrder,
  leaveNeedsAttention,
  patchOrder,
  appendTimeline,
  setAtRisk,
  clearAtRisk,
  saveWait,
  getWait,
  deleteWait,
  recordErpEvent,
  getErpEvent,
  markErpEventApplied,
  getArrivedEvent,
  listOrders,
};

/**
 * Orders still `INQUIRY_RECEIVED` that were created before `createdBefore` (ISO instant), oldest
 * first, through GSI1 (`STATUS#INQUIRY_RECEIVED`, sorted by `<createdAt>#<id>`): never a scan.
 */
export async function listInquiriesReceivedBefore(createdBefore: string, limit: number): Promise<Order[]> {
  const page = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
      ExpressionAttributeValues: { ':pk': 'STATUS#INQUIRY_RECEIVED', ':before': createdBefore },
      Limit: limit,
    }),
  );
  return (page.Items ?? [])
    .map((item) => stripKeys<Order>(item))
    .filter((order) => order.status === 'INQUIRY_RECEIVED');
}
