import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamo, tableName } from './client.ts';

/** A dead or hanging endpoint must not hold a health check until API Gateway's timeout. */
const HEALTH_TIMEOUT_MS = 2_000;

/**
 * The table's status (`ACTIVE` when it can serve), or `UNREACHABLE` with the SDK's error name. One
 * DescribeTable: no item is read, and the function needs no more than `dynamodb:DescribeTable`.
 */
export async function tableStatus(): Promise<{ status: string; error?: string }> {
  try {
    const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: tableName() }), {
      abortSignal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
    return { status: Table?.TableStatus ?? 'UNKNOWN' };
  } catch (error) {
    const { name, code } = error as { name: string; code?: string };
    return { status: 'UNREACHABLE', error: code ?? name };
  }
}
