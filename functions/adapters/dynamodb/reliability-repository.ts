/**
 * Lateness observations per risk key in DynamoDB (entities/reliability.ts). Each key is one item,
 * changed only by conditional updates, so two ERP events observed at once both count.
 */
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RELIABILITY, type RiskKey } from '../../domain/promise/reliability.ts';
import type { ReliabilityStore } from '../../usecases/promise/ports.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keyOfReliabilityItem, reliabilityKey } from './entities/reliability.ts';

/**
 * Appends one observation to a key in one conditional update: DynamoDB applies concurrent appends
 * one after another, so none is lost, and the condition on the event id refuses a second copy.
 * Then the oldest are dropped one conditional update at a time while the key holds more than
 * `window` (a crash between the two leaves one extra, which the next append trims).
 */
async function addOnce(key: string, observationId: string, days: number, window: number): Promise<void> {
  let size: number;
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: reliabilityKey(key),
        UpdateExpression:
          'SET entity = :entity, ids = list_append(if_not_exists(ids, :none), :id), #days = list_append(if_not_exists(#days, :none), :days) ADD version :one',
        ConditionExpression: 'attribute_not_exists(ids) OR NOT contains(ids, :observation)',
        ExpressionAttributeNames: { '#days': 'days' },
        ExpressionAttributeValues: {
          ':entity': 'RELIABILITY',
          ':none': [],
          ':id': [observationId],
          ':observation': observationId,
          ':days': [days],
          ':one': 1,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    size = (Attributes?.ids as unknown[] | undefined)?.length ?? 0;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Seen before: a redelivered event, or the retry of one whose trim did not finish.
    size = window + 1;
  }
  while (size > window) {
    try {
      const { Attributes } = await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: reliabilityKey(key),
          UpdateExpression: 'REMOVE ids[0], #days[0] ADD version :one',
          ConditionExpression: 'size(ids) > :window',
          ExpressionAttributeNames: { '#days': 'days' },
          ExpressionAttributeValues: { ':window': window, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      size = (Attributes?.ids as unknown[] | undefined)?.length ?? 0;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return;
    }
  }
}

export function dynamoReliability(window = DEFAULT_RELIABILITY.window): ReliabilityStore {
  return {
    async record(risk: RiskKey, observationId: string, businessDaysLate: number) {
      // Each key on its own: a failure between the two leaves the event unapplied, and its retry
      // adds only what is missing.
      for (const key of new Set([risk.key, risk.pool]))
        await addOnce(key, observationId, businessDaysLate, window);
    },
    async histories(keys: readonly string[]) {
      const found = new Map<string, number[]>();
      let pending = [...new Set(keys)].map(reliabilityKey);
      for (let attempt = 0; pending.length; attempt += 1) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
        const result = await dynamo().send(
          new BatchGetCommand({
            RequestItems: {
              [tableName()]: {
                Keys: pending,
                ConsistentRead: true,
                ProjectionExpression: 'PK, #days',
                ExpressionAttributeNames: { '#days': 'days' },
              },
            },
          }),
        );
        for (const item of result.Responses?.[tableName()] ?? [])
          found.set(keyOfReliabilityItem(String(item.PK)), (item.days as number[]) ?? []);
        pending = (result.UnprocessedKeys?.[tableName()]?.Keys ?? []) as typeof pending;
      }
      return found;
    },
  };
}
