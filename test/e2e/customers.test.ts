import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { DEMO_CUSTOMERS } from '../../infra/local/seed.ts';
import { mails, untilStatus, type OutboxMail } from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';

let runtime: RunningRuntime;
beforeAll(async () => {
  runtime = await startRuntimeProcess();
}, 200_000);
afterAll(async () => {
  await runtime?.stop();
});

type CustomerJson = {
  version: number;
  tier: string;
  contacts: { id: string; name: string; preferences?: { optOut?: { email?: boolean } } }[];
};

async function quotedOrder(customerId: string): Promise<string> {
  const { body } = await runtime.api.sales<{ orderId: string }>(
    'POST',
    '/v1/inquiries',
    { customerId, lines: [{ sku: 'VALVE-10', quantity: 2 }] },
    { 'idempotency-key': randomUUID() },
  );
  await untilStatus(runtime.api, body.orderId, 'QUOTED');
  return body.orderId;
}

const quoteMailsOf = async (orderId: string): Promise<OutboxMail[]> =>
  (await mails(runtime.session)).filter(
    (mail) => mail.subject.includes(orderId) && mail.subject.includes('quote'),
  );

describe('customers through the local runtime', { timeout: 180_000 }, () => {
  it("keeps a contact's unsubscribe through a sales PUT and PATCH, so the next quote is not emailed to them", async () => {
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    const [buyer, planner] = [`buyer-${customerId}@example.com`, `planner-${customerId}@example.com`];
    const contacts = [
      { id: 'buyer', name: 'Ada Buyer', email: buyer },
      { id: 'planner', name: 'Pat Planner', email: planner },
    ];
    expect(
      (await runtime.api.sales('PUT', `/v1/customers/${customerId}`, { ...DEMO_CUSTOMERS.acme, contacts }))
        .status,
    ).toBe(200);
    const first = await quotedOrder(customerId);
    const mail = await waitFor('the buyer’s quote email', async () =>
      (await quoteMailsOf(first)).find((candidate) => candidate.destination.to.includes(buyer)),
    );
    const unsubscribeUrl = /Unsubscribe: (\S+)/.exec(mail.body.text ?? '')?.[1];
    expect(unsubscribeUrl).toBeDefined();
    const unsubscribed = await fetch(unsubscribeUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);

    // The case: a PUT whose contacts carry no preferences, then a PATCH of tier and a name
    // (tier C, not A: a tier A quote waits for sales to confirm it).
    const replaced = await runtime.api.sales('PUT', `/v1/customers/${customerId}`, {
      ...DEMO_CUSTOMERS.acme,
      contacts,
    });
    const patched = await runtime.api.sales<CustomerJson>(
      'PATCH',
      `/v1/customers/${customerId}`,
      { tier: 'C', contacts: { planner: { name: 'Pat Planner-Smith' } } },
      { 'content-type': 'application/merge-patch+json', 'if-match': String(replaced.headers.get('etag')) },
    );
    expect([replaced.status, patched.status]).toEqual([200, 200]);
    expect(patched.headers.get('etag')).toBe(`"${patched.body.version}"`);
    const read = await runtime.api.sales<CustomerJson>('GET', `/v1/customers/${customerId}`);
    expect(read.body.tier).toBe('C');
    expect(read.body.contacts.map((contact) => [contact.name, !!contact.preferences?.optOut?.email])).toEqual(
      [
        ['Ada Buyer', true],
        ['Pat Planner-Smith', false],
      ],
    );
    // GET's body goes back as it is.
    expect((await runtime.api.sales('PUT', `/v1/customers/${customerId}`, read.body)).status).toBe(200);

    const second = await quotedOrder(customerId);
    await waitFor('the planner’s quote email', async () =>
      (await quoteMailsOf(second)).some((candidate) => candidate.destination.to.includes(planner)),
    );
    expect(
      (await quoteMailsOf(second)).filter((candidate) => candidate.destination.to.includes(buyer)),
    ).toEqual([]);

    const listed = await runtime.api.sales<{ customers: { customerId: string; optedOut: number }[] }>(
      'GET',
      `/v1/customers?q=${customerId}`,
    );
    expect(listed.body.customers).toMatchObject([{ customerId, optedOut: 1 }]);
  });

  it('documents the new operations in the OpenAPI document', async () => {
    const { body } = await runtime.api.sales<{
      paths: Record<string, Record<string, { operationId: string }>>;
    }>('GET', '/v1/openapi.json');
    expect(body.paths['/v1/customers']?.get?.operationId).toBe('listCustomers');
    expect(body.paths['/v1/customers/{id}']?.patch?.operationId).toBe('patchCustomer');
  });
});
