import { createHash } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo, tableName } from '../../../functions/adapters/dynamodb/client.ts';
import { stockKey } from '../../../functions/adapters/dynamodb/entities/supply.ts';
import { handler as erpApi } from '../../../functions/handlers/api/erp.ts';
import { handler as salesApi } from '../../../functions/handlers/api/sales.ts';
import { SIGNATURE_WINDOW_SECONDS } from '../../../functions/shared/auth/hmac.ts';
import { apiEvent, invoke, SALES_CLAIMS, type ApiLambda } from '../../support/api-events.ts';
import { unique, useFreshTable } from '../promise/fixtures.ts';

const ERP_SECRET = 'replay-test-secret';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const onHandOf = async (sku: string) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: stockKey(sku), ConsistentRead: true })))
    .Item?.onHand;

beforeAll(async () => {
  await useFreshTable();
  Object.assign(process.env, { ERP_SECRET, POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
});

describe('signed ERP requests are single-use', () => {
  it('refuses a captured supply update replayed inside the window, so stale stock is not restored', async () => {
    const sku = unique('PART');
    const product = apiEvent('PUT /v1/erp/products/{sku}', {
      params: { sku },
      body: { name: sku, kind: 'stock', unitPrice: 1 },
      erpSecret: ERP_SECRET,
    });
    expect((await invoke(erpApi as ApiLambda, product)).status).toBe(200);
    const captured = apiEvent('PUT /v1/erp/supply', {
      body: { stock: [{ sku, onHand: 50 }] },
      erpSecret: ERP_SECRET,
    });
    expect((await invoke(erpApi as ApiLambda, captured)).status).toBe(200);
    const sold = apiEvent('PUT /v1/erp/supply', {
      body: { stock: [{ sku, onHand: 3 }] },
      erpSecret: ERP_SECRET,
      timestamp: Math.floor(Date.now() / 1000) + 1,
    });
    expect((await invoke(erpApi as ApiLambda, sold)).status).toBe(200);

    const replay = await invoke(erpApi as ApiLambda, captured);

    expect(replay.status).toBe(409);
    expect(replay.body).toMatchObject({ code: 'replayed-request' });
    expect(await onHandOf(sku)).toBe(3);
  });

  it('stores only a hash of the signature, with an expiry for the table TTL', async () => {
    const event = apiEvent('PUT /v1/erp/supply', {
      body: { transit: [{ region: 'US', days: 4 }] },
      erpSecret: ERP_SECRET,
    });
    const signature = event.headers['x-signature'] ?? '';
    const timestamp = Number(/t=(\d+)/.exec(signature)?.[1]);

    expect((await invoke(erpApi as ApiLambda, event)).status).toBe(200);

    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: {
          ':pk': `SIGNATURE#${sha256(/v1=([0-9a-f]+)/.exec(signature)?.[1] ?? '')}`,
        },
      }),
    );
    expect(Items).toHaveLength(1);
    expect(JSON.stringify(Items)).not.toContain(/v1=([0-9a-f]+)/.exec(signature)?.[1]);
    expect(Items[0]?.expiresAt).toBeGreaterThan(timestamp + SIGNATURE_WINDOW_SECONDS);
  });

  it('accepts the same update twice in one second when each is signed with its own nonce', async () => {
    const sign = () =>
      apiEvent('PUT /v1/erp/supply', {
        body: { transit: [{ region: 'CA', days: 3 }] },
        erpSecret: ERP_SECRET,
      });

    const statuses = [
      (await invoke(erpApi as ApiLambda, sign())).status,
      (await invoke(erpApi as ApiLambda, sign())).status,
    ];

    expect(statuses).toEqual([200, 200]);
  });

  it('does not spend the signature of a request refused as invalid, so the ERP can fix and resend', async () => {
    const invalid = apiEvent('PUT /v1/erp/supply', { body: {}, erpSecret: ERP_SECRET });

    const first = await invoke(erpApi as ApiLambda, invalid);
    const again = await invoke(erpApi as ApiLambda, invalid);

    expect([first.status, again.status]).toEqual([400, 400]);
  });

  it('refuses an inquiry signed by the ERP when its signature is replayed', async () => {
    const body = { customerId: unique('nobody'), lines: [{ sku: 'X', quantity: 1 }] };
    const event = apiEvent('POST /v1/promise-check', {
      body: { region: 'EU', lines: body.lines },
      erpSecret: ERP_SECRET,
    });

    await invoke(salesApi as ApiLambda, event);
    const replay = await invoke(salesApi as ApiLambda, event);

    expect(replay.status).toBe(409);
  });
});

describe('sales tokens need the sales group and an expiry', () => {
  it.each([
    ['without the sales group', { ...SALES_CLAIMS, 'cognito:groups': '[warehouse]' }, 403],
    ['without any group', { sub: 'x', exp: SALES_CLAIMS.exp }, 403],
    ['without an expiry', { sub: 'x', 'cognito:groups': '[sales]' }, 401],
  ])('refuses a token %s', async (_name, claims, status) => {
    const response = await invoke(salesApi as ApiLambda, apiEvent('GET /v1/orders', { claims }));

    expect(response.status).toBe(status);
  });

  it('lets a sales group member with an expiry list orders', async () => {
    const response = await invoke(
      salesApi as ApiLambda,
      apiEvent('GET /v1/orders', { claims: { ...SALES_CLAIMS, 'cognito:groups': '[admins sales]' } }),
    );

    expect(response.status).toBe(200);
  });
});
