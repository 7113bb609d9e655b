import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erpRequestLine, erpSignature } from '../../infra/local/api-client.ts';
import { trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
import { ROUTES, type Audience, type RouteDefinition } from '../../functions/handlers/api/routes.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

let runtime: RunningRuntime;
const orders: { id: string; trackingToken: string }[] = [];

beforeAll(async () => {
  runtime = await startRuntimeProcess();
  for (let index = 0; index < 2; index += 1) {
    const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'VALVE-10', quantity: 1 }],
    });
    await untilStatus(runtime.api, body.orderId, 'QUOTED');
    const trackingToken = (await trackingPathFromMail(runtime.session, body.orderId)).split('/').pop()!;
    orders.push({ id: body.orderId, trackingToken });
  }
}, 200_000);
afterAll(async () => {
  await runtime?.stop();
});

type Caller = 'nobody' | 'sales' | 'erp' | 'customer' | 'forgedSales' | 'staleErp';
const CALLERS: Caller[] = ['nobody', 'sales', 'erp', 'customer', 'forgedSales', 'staleErp'];

/** A JWT signed with a key the API does not trust. */
const FORGED =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtYWxsb3J5IiwiaXNzIjoiaHR0cHM6Ly9wcm9taXNlLWtlZXBlci5sb2NhbC9hdXRoIiwiYXVkIjoicHJvbWlzZS1rZWVwZXItYXBpIn0.c2lnbmF0dXJl';

function request(route: RouteDefinition, caller: Caller): { path: string; init: RequestInit } {
  const [first] = orders;
  const path = route.path
    .replace('{id}', first!.id)
    .replace('{sku}', 'VALVE-10')
    .replace('{token}', caller === 'customer' ? first!.trackingToken : 'A'.repeat(43));
  const body = route.method === 'GET' ? undefined : '{}';
  // A GET signs its request line, anything else its body.
  const signed =
    route.method === 'GET' ? erpRequestLine('GET', new URL(path, runtime.session.apiUrl)) : (body ?? '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (caller === 'sales') headers.authorization = `Bearer ${runtime.session.salesToken}`;
  if (caller === 'forgedSales') headers.authorization = `Bearer ${FORGED}`;
  if (caller === 'erp') headers['x-signature'] = erpSignature(runtime.session.erpSecret, signed);
  if (caller === 'staleErp')
    headers['x-signature'] = erpSignature(
      runtime.session.erpSecret,
      signed,
      Math.floor(Date.now() / 1000) - 600,
    );
  return { path, init: { method: route.method, headers, ...(body ? { body } : {}) } };
}

/** Who may pass each audience's check. A customer route without the right token is 404: nothing is revealed. */
const ALLOWED: Record<Audience, Caller[]> = {
  public: CALLERS,
  sales: ['sales'],
  erp: ['erp'],
  salesOrErp: ['sales', 'erp'],
  customer: ['customer'],
  console: ['sales'],
};

const matrix = ROUTES.flatMap((route) =>
  CALLERS.map((caller) => [`${route.method} ${route.path}`, caller, route] as const),
);

describe('authorization matrix: every route against every audience', { timeout: 60_000 }, () => {
  it.each(matrix)('%s as %s', async (_name, caller, route) => {
    const { path, init } = request(route, caller);
    const response = await fetch(new URL(path, runtime.session.apiUrl), init);
    const allowed = ALLOWED[route.audience].includes(caller);
    if (allowed) {
      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    } else if (route.audience === 'customer') {
      expect(response.status).toBe(404);
    } else {
      expect(response.status).toBe(401);
    }
  });

  it("shows a customer only the order of their own token, never another one's", async () => {
    const [first, second] = orders;
    const own = await runtime.api.customer<{ orderId: string }>('GET', `/v1/track/${second!.trackingToken}`);
    expect(own.body.orderId).toBe(second!.id);
    expect(JSON.stringify(own.body)).not.toContain(first!.id);
    expect(JSON.stringify(own.body)).not.toMatch(/taskToken|salesOwner|erpSecret|@/);
  });
});
