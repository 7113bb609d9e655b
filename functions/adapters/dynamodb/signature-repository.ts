import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, dynamo, tableName } from './client.ts';
import { signatureKey } from './entities/signature.ts';

/**
 * Records a signature hash as used, once: true the first time, false when it was used before.
 * `expiresAt` (unix seconds) lets the table's TTL drop it when it can no longer be replayed.
 */
export async function useSignatureOnce(signatureHash: string, expiresAt: number): Promise<boolean> {
  return conditionally(
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...signatureKey(signatureHash), entity: 'SIGNATURE', expiresAt },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}
