/**
 * GET /v1/health through the PublicApi handler against DynamoDB Local: ok only while the table
 * answers. Each case loads the handler afresh, since a function keeps one SDK client per instance.
 */
import net from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { freshTable } from '../support/dynamo.ts';

let table: { endpoint: string; tableName: string };
beforeAll(async () => {
  table = await freshTable();
});
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const healthEvent = {
  version: '2.0',
  routeKey: 'GET /v1/health',
  rawPath: '/v1/health',
  rawQueryString: '',
  headers: {},
  requestContext: { http: { method: 'GET', path: '/v1/health' }, requestId: 'health-test' },
  isBase64Encoded: false,
} as unknown as APIGatewayProxyEventV2;

async function askHealth(environment: Record<string, string>) {
  vi.resetModules();
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...environment,
  });
  const { handler } = await import('../../functions/handlers/api/public.ts');
  const response = (await handler(healthEvent, {} as Context)) as APIGatewayProxyStructuredResultV2;
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') as Record<string, unknown> };
}

describe('GET /v1/health', () => {
  it('answers 200 with the table status while the table serves', async () => {
    const response = await askHealth({ DYNAMODB_ENDPOINT: table.endpoint, TABLE_NAME: table.tableName });

    expect(response).toMatchObject({ status: 200, body: { status: 'ok', checks: { table: 'ACTIVE' } } });
  });

  it('answers 503 problem+json when the table does not exist', async () => {
    const response = await askHealth({ DYNAMODB_ENDPOINT: table.endpoint, TABLE_NAME: 'no-such-table' });

    expect(response).toMatchObject({ status: 503, body: { status: 503, title: 'ServiceUnavailableError' } });
    expect(response.body.detail).toContain('ResourceNotFoundException');
  });

  it('answers 503 when nothing listens at the DynamoDB endpoint (DynamoDB Local died)', async () => {
    const closedPort = await freePort();

    const response = await askHealth({
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${closedPort}`,
      TABLE_NAME: table.tableName,
    });

    expect(response.status).toBe(503);
    expect(response.body.detail).toContain('UNREACHABLE');
  });

  it('answers 503 within its time limit when the endpoint accepts but never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port } = silent.address() as net.AddressInfo;
    const started = Date.now();

    const response = await askHealth({
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`,
      TABLE_NAME: table.tableName,
    });
    silent.close();

    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
