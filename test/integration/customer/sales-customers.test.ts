import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCustomer } from '../../../functions/adapters/dynamodb/customer-repository.ts';
import { createOrder } from '../../../functions/adapters/dynamodb/order-repository.ts';
import type { Order } from '../../../functions/adapters/dynamodb/entities/order.ts';
import { handler as customerApi } from '../../../functions/handlers/api/customer.ts';
import { handler as erpApi } from '../../../functions/handlers/api/erp.ts';
import { handler as salesApi } from '../../../functions/handlers/api/sales.ts';
import { contactSignature } from '../../../functions/shared/auth/form-token.ts';
import { trackingLink } from '../../../functions/shared/auth/tracking-token.ts';
import { DEMO_CUSTOMERS } from '../../../infra/local/seed.ts';
import { apiEvent, invoke, lambdaContext, SALES_CLAIMS, type ApiLambda } from '../../support/api-events.ts';
import { useNotificationOutboxes } from '../../support/notify-outboxes.ts';

/** The sales customer API (GET, PUT, PATCH, list) on DynamoDB Local, with contacts' choices made for real. */
useNotificationOutboxes();
const ERP_SECRET = 'customers-test-secret';

type ContactJson = {
  id: string;
  name: string;
  email?: string;
  preferences?: { optOut?: { email?: boolean }; locale?: string };
};
type CustomerJson = {
  customerId: string;
  name: string;
  tier: string;
  version: number;
  contacts: ContactJson[];
};

const sales = (routeKey: string, options: Parameters<typeof apiEvent>[1] = {}) =>
  invoke(salesApi as ApiLambda, apiEvent(routeKey, { claims: SALES_CLAIMS, ...options }));
const getJson = async (id: string) => {
  const response = await sales('GET /v1/customers/{id}', { params: { id } });
  return response.body as unknown as CustomerJson;
};
const put = (id: string, body: unknown, headers?: Record<string, string>) =>
  sales('PUT /v1/customers/{id}', { params: { id }, body, ...(headers ? { headers } : {}) });
const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  sales('PATCH /v1/customers/{id}', {
    params: { id },
    body,
    headers: { 'content-type': 'application/merge-patch+json', ...headers },
  });
const fieldsOf = (body: Record<string, unknown>) =>
  ((body.errors ?? []) as { path: string }[]).map((issue) => issue.path);

beforeAll(async () => {
  process.env.ERP_SECRET = ERP_SECRET;
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
  const transit = await invoke(
    erpApi as ApiLambda,
    apiEvent('PUT /v1/erp/supply', { body: { transit: [{ region: 'EU', days: 2 }] }, erpSecret: ERP_SECRET }),
  );
  expect(transit.status).toBe(200);
});

/** A customer with two contacts, created through PUT. */
async function newCustomer(name = 'Initech Pumps'): Promise<string> {
  const id = `cust-${randomUUID().slice(0, 8)}`;
  const created = await put(id, {
    ...DEMO_CUSTOMERS.acme,
    name,
    contacts: [
      { id: 'buyer', name: 'Ada Buyer', email: `buyer-${id}@example.com` },
      { id: 'planner', name: 'Pat Planner', email: `planner-${id}@example.com` },
    ],
  });
  expect(created.status).toBe(200);
  return id;
}

/** The buyer unsubscribes through the one-click POST of an email's link, as a mail provider sends it. */
async function buyerUnsubscribes(customerId: string): Promise<void> {
  const orderId = `ord-${randomUUID().slice(0, 8)}`;
  const now = new Date().toISOString();
  const order: Order = {
    orderId,
    customerId,
    status: 'QUOTED',
    lines: [{ sku: 'VALVE-10', quantity: 2 }],
    createdAt: now,
    updatedAt: now,
    createdBy: 'test',
    requestHash: 'x',
    executionName: orderId,
    atRisk: false,
    completedStages: [],
  };
  const link = await trackingLink(orderId);
  await createOrder(order, [{ PK: `TRACK#${link.tokenHash}`, SK: 'TRACK', entity: 'TRACK', orderId }]);
  const response = (await (customerApi as ApiLambda)(
    apiEvent('POST /v1/track/{token}/unsubscribe', {
      params: { token: link.token },
      query: { contact: 'buyer', sig: await contactSignature(orderId, 'buyer') },
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    lambdaContext,
  )) as { statusCode: number };
  expect(response.statusCode).toBe(200);
  const stored = await getCustomer(customerId, true);
  expect(stored?.contacts.find((contact) => contact.id === 'buyer')?.preferences?.optOut?.email).toBe(true);
}

describe('GET, then PUT of the same body', () => {
  it('is accepted as it is and answers the next version with its ETag', async () => {
    const id = await newCustomer();
    const read = await sales('GET /v1/customers/{id}', { params: { id } });

    const written = await put(id, read.body);

    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ customerId: id, version: (read.body.version as number) + 1 });
  });

  it("keeps a contact's unsubscribe when the PUT's contacts carry no preferences", async () => {
    const id = await newCustomer();
    await buyerUnsubscribes(id);
    const read = await getJson(id);

    const written = await put(id, {
      ...DEMO_CUSTOMERS.acme,
      tier: 'A',
      contacts: read.contacts.map(({ preferences: _dropped, ...contact }) => contact),
    });

    expect(written.status).toBe(200);
    const after = await getJson(id);
    expect(after.tier).toBe('A');
    expect(after.contacts.find((contact) => contact.id === 'buyer')?.preferences?.optOut?.email).toBe(true);
  });

  it("refuses with 422 naming the field a PUT that turns a contact's opt-out off, and writes nothing", async () => {
    const id = await newCustomer();
    await buyerUnsubscribes(id);
    const read = await getJson(id);
    const undone = structuredClone(read);
    undone.contacts[0]!.preferences = { optOut: { email: false } };
    undone.tier = 'C';

    const written = await put(id, undone);

    expect(written.status).toBe(422);
    expect(fieldsOf(written.body)).toEqual(['contacts.0.preferences']);
    expect(await getJson(id)).toMatchObject({ version: read.version, tier: read.tier });
  });

  it('refuses a changed customerId as read-only, naming it', async () => {
    const id = await newCustomer();
    const read = await getJson(id);

    const written = await put(id, { ...read, customerId: 'someone-else' });

    expect(written.status).toBe(422);
    expect(fieldsOf(written.body)).toEqual(['customerId']);
  });

  it('answers 412 to a PUT of a body read before the contact unsubscribed, and the opt-out stays', async () => {
    const id = await newCustomer();
    const stale = await getJson(id);
    await buyerUnsubscribes(id);

    const written = await put(id, { ...stale, tier: 'C' });

    expect(written.status).toBe(412);
    const after = await getJson(id);
    expect(after.tier).toBe('B');
    expect(after.contacts[0]?.preferences?.optOut?.email).toBe(true);
  });
});

describe('PATCH with a JSON merge patch', () => {
  it("changes the tier and one contact's name by id, and keeps the other contact's opt-out", async () => {
    const id = await newCustomer();
    await buyerUnsubscribes(id);

    const patched = await patch(id, { tier: 'A', contacts: { planner: { name: 'Pat Planner-Smith' } } });

    expect(patched.status).toBe(200);
    const after = await getJson(id);
    expect(after.tier).toBe('A');
    expect(after.contacts.map((contact) => [contact.id, contact.name])).toEqual([
      ['buyer', 'Ada Buyer'],
      ['planner', 'Pat Planner-Smith'],
    ]);
    expect(after.contacts[0]?.preferences?.optOut?.email).toBe(true);
  });

  it('adds a contact under a new id and takes plain application/json too', async () => {
    const id = await newCustomer();

    const patched = await patch(
      id,
      { contacts: { logistics: { name: 'Lou Logistics', phone: '+4915198765432' } } },
      { 'content-type': 'application/json' },
    );

    expect(patched.status).toBe(200);
    expect((await getJson(id)).contacts.map((contact) => contact.id)).toEqual([
      'buyer',
      'planner',
      'logistics',
    ]);
  });

  it('adds a contact who shares a phone number with another', async () => {
    const id = await newCustomer();
    const phone = '+4930123456';
    expect((await patch(id, { contacts: { buyer: { phone } } })).status).toBe(200);

    const patched = await patch(id, { contacts: { desk: { name: 'Front Desk', phone } } });

    expect(patched.status).toBe(200);
    expect((await getJson(id)).contacts.map((contact) => contact.id)).toEqual(['buyer', 'planner', 'desk']);
  });

  it.each([
    ['deleting', { contacts: { buyer: { preferences: null } } }, 'contacts.buyer.preferences'],
    [
      'changing',
      { contacts: { buyer: { preferences: { optOut: { email: false } } } } },
      'contacts.0.preferences',
    ],
    ['removing the contact with', { contacts: { buyer: null } }, 'contacts'],
  ])('refuses %s an opt-out with 422 naming the field, and writes nothing', async (_what, body, field) => {
    const id = await newCustomer();
    await buyerUnsubscribes(id);
    const before = await getJson(id);

    const patched = await patch(id, body);

    expect(patched.status).toBe(422);
    expect(fieldsOf(patched.body)).toEqual([field]);
    expect((await getJson(id)).version).toBe(before.version);
  });

  it('refuses a new contact with the address of a contact who opted out', async () => {
    const id = await newCustomer();
    await buyerUnsubscribes(id);

    const patched = await patch(id, {
      contacts: { again: { name: 'Ada Again', email: `BUYER-${id}@example.com` } },
    });

    expect(patched.status).toBe(422);
    expect(fieldsOf(patched.body)).toEqual(['contacts.2.email']);
  });

  it('validates the merged customer as a PUT: a malformed email is 400 naming it, nothing written', async () => {
    const id = await newCustomer();
    const before = await getJson(id);

    const patched = await patch(id, { contacts: { planner: { email: 'not-an-address' } } });

    expect(patched.status).toBe(400);
    expect(fieldsOf(patched.body)).toEqual(['contacts.1.email']);
    expect(await getJson(id)).toEqual(before);
  });

  it('refuses a region without transit time with 422 naming region', async () => {
    const id = await newCustomer();

    const patched = await patch(id, { region: 'ATLANTIS' });

    expect(patched.status).toBe(422);
    expect(fieldsOf(patched.body)).toEqual(['region']);
  });

  it('answers 415 to a body that is not a merge patch or JSON, and 404 for an unknown customer', async () => {
    const id = await newCustomer();

    expect((await patch(id, { tier: 'A' }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await patch('nobody-here', { tier: 'A' })).status).toBe(404);
    expect((await getJson(id)).tier).toBe('B');
  });
});

describe('two edits of the same customer', () => {
  it('with If-Match of the same version: one is saved, the other gets 412 and changes nothing', async () => {
    const id = await newCustomer();
    const read = await sales('GET /v1/customers/{id}', { params: { id } });
    const etag = String(read.body.version);

    const [first, second] = await Promise.all([
      patch(id, { tier: 'A' }, { 'if-match': `"${etag}"` }),
      patch(id, { name: 'Renamed Pumps' }, { 'if-match': `"${etag}"` }),
    ]);

    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const after = await getJson(id);
    expect(after.version).toBe(Number(etag) + 1);
    expect(after.tier === 'A').not.toBe(after.name === 'Renamed Pumps');
  });

  it('without a precondition: both land, neither writes over the other', async () => {
    const id = await newCustomer();

    const results = await Promise.all([
      patch(id, { tier: 'C' }),
      patch(id, { contacts: { planner: { name: 'Pat P.' } } }),
      patch(id, { name: 'Initech Pumps AG' }),
    ]);

    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    const after = await getJson(id);
    expect([after.tier, after.name, after.contacts[1]?.name]).toEqual(['C', 'Initech Pumps AG', 'Pat P.']);
  });
});

describe('GET /v1/customers', () => {
  it('finds customers by part of the name or id, in name order, page by page with a cursor', async () => {
    const tag = randomUUID().slice(0, 6);
    const ids = [];
    for (const name of [`Zeta ${tag} Tools`, `alpha ${tag} Metal`, `Mid ${tag} Works`])
      ids.push(await newCustomer(name));
    await newCustomer('Unrelated Co');

    const first = await sales('GET /v1/customers', { query: { q: tag.toUpperCase(), limit: '2' } });
    const second = await sales('GET /v1/customers', {
      query: { q: tag, limit: '2', cursor: String(first.body.nextCursor) },
    });
    const byId = await sales('GET /v1/customers', { query: { q: ids[0]!.slice(5) } });

    const names = (body: Record<string, unknown>) =>
      (body.customers as { name: string }[]).map((c) => c.name);
    expect(first.status).toBe(200);
    expect(names(first.body)).toEqual([`alpha ${tag} Metal`, `Mid ${tag} Works`]);
    expect(names(second.body)).toEqual([`Zeta ${tag} Tools`]);
    expect(second.body.nextCursor).toBeNull();
    expect((byId.body.customers as { customerId: string }[]).map((c) => c.customerId)).toEqual([ids[0]]);
  });

  it('counts the contacts who opted out in each row', async () => {
    const tag = randomUUID().slice(0, 6);
    const id = await newCustomer(`Counted ${tag}`);
    await buyerUnsubscribes(id);

    const listed = await sales('GET /v1/customers', { query: { q: tag } });

    expect(listed.body.customers).toEqual([
      { customerId: id, name: `Counted ${tag}`, tier: 'B', region: 'EU', contacts: 2, optedOut: 1 },
    ]);
  });

  it("refuses another list's cursor with 400 naming it", async () => {
    const orders = Buffer.from(
      JSON.stringify({ PK: 'ORDER#x', SK: 'ORDER', GSI1PK: 'STATUS#QUOTED', GSI1SK: 'x' }),
    ).toString('base64url');

    const listed = await sales('GET /v1/customers', { query: { cursor: orders } });

    expect(listed.status).toBe(400);
    expect(fieldsOf(listed.body)).toEqual(['query.cursor']);
  });
});
