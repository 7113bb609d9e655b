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

/** A fresh table, with the DynamoDB adapters pointed at it through their environment. */
export async function adaptersOnFreshTable(): Promise<Awaited<ReturnType<typeof freshTable>>> {
  const table = await freshTable();
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  return table;
}
