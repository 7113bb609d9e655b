/**
 * Lateness observations per risk key in DynamoDB (entities/reliability.ts). Each key is one item
 * written by compare-and-swap on its `version`, so two ERP events observed at once both count.
 */
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RELIABILITY, type RiskKey } from '../../domain/promise/reliability.ts';
import type { ReliabilityStore } from '../../usecases/promise/ports.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keyOfReliabilityItem, reliabilityKey } from './entities/reliability.ts';

interface Stored {
  readonly ids: string[];
  readonly days: number[];
  readonly version: number;
}

/** Writers of one key that keep colliding give up after this many tries (the event is retried). */
const ATTEMPTS = 8;

async function addOnce(key: string, observationId: string, days: number, window: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: reliabilityKey(key), ConsistentRead: true }),
    );
    const stored = Item as Stored | undefined;
    if (stored?.ids.includes(observationId)) return;
    const ids = [...(stored?.ids ?? []), observationId].slice(-window);
    const kept = [...(stored?.days ?? []), days].slice(-window);
    try {
      await dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...reliabilityKey(key),
            entity: 'RELIABILITY',
            ids,
            days: kept,
            version: (stored?.version ?? 0) + 1,
          },
          ...(stored
            ? {
                ConditionExpression: 'version = :read',
                ExpressionAttributeValues: { ':read': stored.version },
              }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        }),
      );
      return;
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= ATTEMPTS) throw error;
      // Spread the retries of colliding writers.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
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
