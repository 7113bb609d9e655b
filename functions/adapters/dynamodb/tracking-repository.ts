import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, dynamo, tableName } from './client.ts';
import { freshLinkKey, trackKey, type TrackRecord } from './entities/tracking.ts';

export async function getTrack(tokenHash: string): Promise<TrackRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: trackKey(tokenHash) }));
  if (!Item) return undefined;
  return {
    orderId: String(Item.orderId),
    ...(Item.issuedAt ? { issuedAt: String(Item.issuedAt) } : {}),
    ...(Item.generation ? { generation: Number(Item.generation) } : {}),
  };
}

export async function putTrack(tokenHash: string, record: TrackRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...trackKey(tokenHash), entity: 'TRACK', ...record } }),
  );
}

/** Claims the one fresh link an order may get on `day`; false when it was already claimed. */
export async function claimFreshLink(orderId: string, day: string, expiresAt: number): Promise<boolean> {
  return conditionally(
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...freshLinkKey(orderId, day), entity: 'FRESHLINK', expiresAt },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}
