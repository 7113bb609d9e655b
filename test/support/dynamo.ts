import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable, localDynamoClient } from '../../infra/local/dynamodb-local.ts';

/** A fresh table in the run's DynamoDB Local, so test files never see each other's data. */
export async function freshTable(): Promise<{
  endpoint: string;
  tableName: string;
  client: ReturnType<typeof localDynamoClient>;
}> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `test-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  return { endpoint, tableName, client: localDynamoClient(endpoint) };
}
