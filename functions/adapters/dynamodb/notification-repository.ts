/**
 * Notification records live in their order's partition: `ORDER#<id> / NOTIFICATION#<key>`, where
 * the key is kind#occurrence#recipient#channel (no address: recipients are contact ids). While a
 * record waits (held for quiet hours, or claimed but not yet sent) it is on GSI1 `NOTIFY#DUE` by
 * due time, which the sweeper reads; the provider's message id is on GSI2 for bounce events.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationRecord } from '../../domain/notify/record.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';

export type { NotificationRecord, NotificationStatus } from '../../domain/notify/record.ts';

const itemKey = (orderId: string, key: string) => ({ PK: `ORDER#${orderId}`, SK: `NOTIFICATION#${key}` });
const due = (record: Pick<NotificationRecord, 'dueAt' | 'orderId' | 'key'>) => ({
  GSI1PK: 'NOTIFY#DUE',
  GSI1SK: `${record.dueAt}#${record.orderId}#${record.key}`,
});

/** Claims a message before sending: false when it was claimed before (so it is never sent twice). */
export async function claim(record: NotificationRecord): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...itemKey(record.orderId, record.key), entity: 'NOTIFICATION', ...record, ...due(record) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Records the outcome; a message no longer waiting leaves the due index. */
export async function settle(
  record: NotificationRecord,
  patch: Partial<NotificationRecord>,
): Promise<NotificationRecord> {
  const next = { ...record, ...patch };
  const waiting = next.status === 'CLAIMED' || next.status === 'HELD';
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...itemKey(record.orderId, record.key),
        entity: 'NOTIFICATION',
        ...next,
        ...(waiting ? due(next) : {}),
        ...(next.providerMessageId
          ? { GSI2PK: `PROVIDER#${next.providerMessageId}`, GSI2SK: 'NOTIFICATION' }
          : {}),
      },
    }),
  );
  return next;
}

/**
 * Records a send from the provider's own event, only while the claim is still unsettled: false when
 * the sender (or an earlier event) settled it first, or the record does not exist.
 */
export async function settleIfClaimed(
  record: NotificationRecord,
  patch: Pick<NotificationRecord, 'providerMessageId' | 'sentAt' | 'detail'>,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: itemKey(record.orderId, record.key),
        UpdateExpression:
          'SET #status = :sent, providerMessageId = :id, sentAt = :at, detail = :detail, GSI2PK = :g2, GSI2SK = :g2sk REMOVE GSI1PK, GSI1SK, sendingAt',
        ConditionExpression: '#status = :claimed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sent': 'SENT',
          ':claimed': 'CLAIMED',
          ':id': patch.providerMessageId,
          ':at': patch.sentAt,
          ':detail': patch.detail,
          ':g2': `PROVIDER#${patch.providerMessageId}`,
          ':g2sk': 'NOTIFICATION',
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Notes that a send is being handed to the provider (see `sendingAt`). */
export async function markSending(record: NotificationRecord, at: string): Promise<NotificationRecord> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: itemKey(record.orderId, record.key),
      UpdateExpression: 'SET sendingAt = :at',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
  return { ...record, sendingAt: at };
}

/**
 * A stored item as a record: without the table's keys and index keys, so a record copied into a
 * new one (a fallback on the other channel) is written under its own key, not over the original.
 */
function recordOf(item: Record<string, unknown>): NotificationRecord {
  const {
    PK: _pk,
    SK: _sk,
    GSI1PK: _g1,
    GSI1SK: _s1,
    GSI2PK: _g2,
    GSI2SK: _s2,
    entity: _entity,
    ...record
  } = item;
  return record as unknown as NotificationRecord;
}

export async function getNotification(orderId: string, key: string): Promise<NotificationRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: itemKey(orderId, key), ConsistentRead: true }),
  );
  return Item && recordOf(Item);
}

/** Messages whose time has come: held until now, or claimed and never settled (a crash between claim and send). */
export async function dueNotifications(now: string, limit = 100): Promise<NotificationRecord[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
      ExpressionAttributeValues: { ':pk': 'NOTIFY#DUE', ':now': `${now}#~` },
      Limit: limit,
    }),
  );
  return Items.map(recordOf);
}

export async function notificationByProviderId(messageId: string): Promise<NotificationRecord | undefined> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': `PROVIDER#${messageId}` },
    }),
  );
  return Items[0] && recordOf(Items[0]);
}

/**
 * Moves a claimed record's due time forward and records how many sends were tried, so the sweeper
 * waits longer each time (exponential backoff) and can tell when to give up.
 */
export async function postpone(
  record: NotificationRecord,
  dueAt: string,
  attempts: number,
  detail: string,
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: itemKey(record.orderId, record.key),
      // The send failed, so no send event will come: the sweeper may retry once it is due.
      UpdateExpression:
        'SET dueAt = :due, GSI1SK = :sk, attempts = :attempts, detail = :detail REMOVE sendingAt',
      ExpressionAttributeValues: {
        ':due': dueAt,
        ':sk': `${dueAt}#${record.orderId}#${record.key}`,
        ':attempts': attempts,
        ':detail': detail,
      },
    }),
  );
}
