import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { endpointFor, requiredEnv } from '../../shared/config.ts';

let documentClient: DynamoDBDocumentClient | undefined;

/** The one DynamoDB client of a function, created on first use (after the environment is set). */
export function dynamo(): DynamoDBDocumentClient {
  if (!documentClient) {
    const client = new DynamoDBClient({ endpoint: endpointFor('DYNAMODB') });
    // The SDK's logger middleware builds a redacted copy of every request and response even when
    // nothing logs them (its default logger is a no-op with an `info` method): for a snapshot read
    // that copy cost about as much CPU as parsing the response. We log through Powertools instead.
    client.middlewareStack.remove('loggerMiddleware');
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
    });
  }
  return documentClient;
}

/** The table every entity lives in (infra/table-schema.ts). */
export const tableName = (): string => requiredEnv('TABLE_NAME');

/** True when a write failed only because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** Runs a conditional write: true when it was written, false when only its condition failed. */
export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Opaque paging cursor from a LastEvaluatedKey, and back. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Every item of one partition, following pages; strongly consistent. */
export async function queryPartition(partitionKey: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': partitionKey },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** `SET #k0 = :v0, ...` with its names and values, for an update of the given attributes. */
export function setExpression(patch: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(patch).map(([key, value], index) => {
    names[`#k${index}`] = key;
    values[`:v${index}`] = value;
    return `#k${index} = :v${index}`;
  });
  return { expression: `SET ${sets.join(', ')}`, names, values };
}
