import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { DEMO_CUSTOMERS } from '../../infra/local/seed.ts';
import { mails, untilStatus, type OutboxMail } from '../../infra/local/scenario.ts';
import type { RunningRuntime } from '../support/local-runtime.ts';
import {
  type Browser,
  startConsoleSession,
  bannerLoginUrl,
  expectAccessible as expectPageAccessible,
} from './browser.ts';

let runtime: RunningRuntime;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  ({ runtime, browser, page } = await startConsoleSession());
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const tag = randomUUID().slice(0, 6);
const customerId = `cust-${tag}`;
const buyer = `buyer-${tag}@example.com`;
const planner = `planner-${tag}@example.com`;

type CustomerJson = {
  tier: string;
  version: number;
  contacts: { id: string; name: string; preferences?: { optOut?: { email?: boolean } } }[];
};
const customerJson = async () =>
  (await runtime.api.sales<CustomerJson>('GET', `/v1/customers/${customerId}`)).body;

const expectAccessible = (name: string) => expectPageAccessible(page, name);

/** A new order of the customer, quoted; tier B and C quotes go out without sales confirmation. */
async function quotedOrder(): Promise<string> {
  const { body } = await runtime.api.sales<{ orderId: string }>(
    'POST',
    '/v1/inquiries',
    { customerId, lines: [{ sku: 'VALVE-10', quantity: 3 }] },
    { 'idempotency-key': randomUUID() },
  );
  await untilStatus(runtime.api, body.orderId, 'QUOTED');
  return body.orderId;
}

const quoteMails = async (orderId: string): Promise<OutboxMail[]> =>
  (await mails(runtime.session)).filter(
    (mail) => mail.subject.includes(orderId) && mail.subject.includes('quote'),
  );

describe('customers in the sales console, in a real browser', { timeout: 300_000 }, () => {
  let firstOrder: string;

  it('sets up a customer whose buyer unsubscribed with the one-click button of a quote email', async () => {
    const put = await runtime.api.sales('PUT', `/v1/customers/${customerId}`, {
      ...DEMO_CUSTOMERS.acme,
      name: `Initech ${tag} Pumps`,
      contacts: [
        { id: 'buyer', name: 'Ada Buyer', email: buyer },
        { id: 'planner', name: 'Pat Planner', email: planner },
      ],
    });
    expect(put.status).toBe(200);
    firstOrder = await quotedOrder();
    const mail = await waitFor('the buyer’s quote email', async () =>
      (await quoteMails(firstOrder)).find((candidate) => candidate.destination.to.includes(buyer)),
    );
    const inbox = await browser.context.newPage();
    await inbox.setContent(mail.body.html ?? '');
    await Promise.all([
      inbox.waitForURL(/\/unsubscribe/),
      inbox.getByRole('link', { name: 'Unsubscribe' }).click(),
    ]);
    await inbox.getByRole('button', { name: 'Unsubscribe' }).click();
    expect(await inbox.getByRole('status').textContent()).toContain('Ada Buyer is unsubscribed');
    await inbox.close();
    expect((await customerJson()).contacts[0]?.preferences?.optOut?.email).toBe(true);
  });

  it('lists and finds the customer, and shows the opt-out on its page as the contact’s own', async () => {
    await page.goto(bannerLoginUrl(runtime));
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.waitForURL(/\/console\/customers/);
    expect(await page.locator('h1').textContent()).toBe('Customers');
    await expectAccessible('console-customers-en');

    await page.getByLabel('Customer id or name').fill(tag.toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=/);
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(customerId);
    await expectAccessible('console-customers-search-en');

    await rows.first().getByRole('link').click();
    await page.waitForURL(new RegExp(`/console/customers/${customerId}`));
    const buyerCard = page.locator('section.card', { hasText: 'Ada Buyer' });
    expect(await buyerCard.textContent()).toContain('Unsubscribed from email');
    expect(await buyerCard.textContent()).toContain('sales see it and cannot change it');
    expect(await page.locator('section.card', { hasText: 'Pat Planner' }).textContent()).toContain(
      'not opted out',
    );
    expect(await page.getByRole('link', { name: firstOrder }).getAttribute('href')).toBe(
      `/console/orders/${firstOrder}?lang=en`,
    );
    await expectAccessible('console-customer-en');
  });

  it("edits the tier and a contact's name, and the buyer's opt-out stays, on the page and in JSON", async () => {
    await page.getByRole('link', { name: 'Edit customer' }).click();
    await page.waitForURL(/\/edit/);
    await expectAccessible('console-customer-edit-en');
    await page.getByLabel('Tier').selectOption('C');
    await page.locator('input[name="name.planner"]').fill('Pat Planner-Smith');
    await page.getByRole('button', { name: 'Save customer' }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.getByRole('status').textContent()).toContain('The customer is saved');
    expect(await page.locator('section.card', { hasText: 'Ada Buyer' }).textContent()).toContain(
      'Unsubscribed from email',
    );
    expect(await page.locator('section.card', { hasText: 'Pat Planner-Smith' }).count()).toBe(1);
    await expectAccessible('console-customer-saved-en');

    const stored = await customerJson();
    expect(stored.tier).toBe('C');
    expect(stored.contacts.map((contact) => [contact.name, !!contact.preferences?.optOut?.email])).toEqual([
      ['Ada Buyer', true],
      ['Pat Planner-Smith', false],
    ]);
  });

  it('sends the next quote to the planner only', async () => {
    const orderId = await quotedOrder();
    await waitFor('the planner’s quote email', async () =>
      (await quoteMails(orderId)).some((mail) => mail.destination.to.includes(planner)),
    );
    expect((await quoteMails(orderId)).filter((mail) => mail.destination.to.includes(buyer))).toEqual([]);
  });

  it('refuses a region without transit time on an error page naming the field, and changes nothing', async () => {
    const before = await customerJson();
    await page.goto(`${runtime.session.apiUrl}/console/customers/${customerId}/edit?lang=en`);
    await page.getByLabel('Region').fill('ATLANTIS');
    await page.getByRole('button', { name: 'Save customer' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('region');
    await expectAccessible('console-customer-refused-en');
    expect((await customerJson()).version).toBe(before.version);
  });

  it('refuses a form opened before another edit (412) instead of writing over it', async () => {
    await page.goto(`${runtime.session.apiUrl}/console/customers/${customerId}/edit?lang=en`);
    const patched = await runtime.api.sales(
      'PATCH',
      `/v1/customers/${customerId}`,
      { name: `Initech ${tag} Pumps AG` },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(patched.status).toBe(200);
    await page.getByLabel('Tier').selectOption('B');
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save customer' }).click(),
    ]);
    expect(response.status()).toBe(412);
    const stored = await customerJson();
    expect(stored.tier).toBe('C');
  });

  it('shows the customer page and the list in Simplified Chinese', async () => {
    await page.goto(`${runtime.session.apiUrl}/console/customers/${customerId}?lang=zh-CN`);
    expect(await page.locator('section.card', { hasText: 'Ada Buyer' }).textContent()).toContain(
      '已退订电子邮件',
    );
    await expectAccessible('console-customer-zh');
    await page.goto(`${runtime.session.apiUrl}/console/customers/${customerId}/edit?lang=zh-CN`);
    await expectAccessible('console-customer-edit-zh');
    await page.goto(`${runtime.session.apiUrl}/console/customers?lang=zh-CN`);
    expect(await page.locator('h1').textContent()).toBe('客户');
    await expectAccessible('console-customers-zh');
  });
});
