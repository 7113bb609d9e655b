import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { TABLE_INDEXES } from '../../infra/table-schema.ts';
import { freshTable } from '../support/dynamo.ts';

describe('DynamoDB Local started by the test run', () => {
  it('creates the product table with the same keys and indexes the stack declares', async () => {
    const { client, tableName } = await freshTable();
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema?.map((key) => key.AttributeName)).toEqual(['PK', 'SK']);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      TABLE_INDEXES.map((index) => index.indexName),
    );
  });
});
