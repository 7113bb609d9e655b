import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { DEMO_CUSTOMERS } from '../../infra/local/seed.ts';
import {
  erpEvent,
  mails,
  orderStatus,
  trackingPathFromMail,
  untilStatus,
  type OutboxMail,
} from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';
import { fitsWidth, launchBrowser, screenshot, seriousA11yViolations, type Browser } from './browser.ts';

let runtime: RunningRuntime;
let browser: Browser;
beforeAll(async () => {
  [runtime, browser] = await Promise.all([startRuntimeProcess(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function newCustomer(contacts: { id: string; name: string; email: string }[]) {
  const customerId = `cust-${randomUUID().slice(0, 8)}`;
  const put = await runtime.api.sales('PUT', `/v1/customers/${customerId}`, {
    ...DEMO_CUSTOMERS.acme,
    contacts,
  });
  expect(put.status).toBe(200);
  return customerId;
}

async function quotedOrder(customerId = 'acme') {
  const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
    customerId,
    lines: [{ sku: 'VALVE-10', quantity: 20 }],
  });
  await untilStatus(runtime.api, body.orderId, 'QUOTED');
  return body.orderId;
}

const quoteMail = (orderId: string, to?: string): Promise<OutboxMail> =>
  waitFor(`the quote email of ${orderId}`, async () =>
    (await mails(runtime.session)).find(
      (mail) =>
        mail.subject.includes(orderId) &&
        mail.subject.includes('quote') &&
        (!to || mail.destination.to.includes(to)),
    ),
  );

/** Opens the email as a person would and follows one of its links. */
async function openFromMail(mail: OutboxMail, linkText: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setContent(mail.body.html ?? '');
  await Promise.all([page.waitForURL(/\/v1\/track\//), page.getByRole('link', { name: linkText }).click()]);
  return page;
}

async function expectAccessible(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page), name).toEqual([]);
  expect(await fitsWidth(page), `${name} fits 360 px`).toBe(true);
}

describe('the customer order page in a real browser', { timeout: 180_000 }, () => {
  it('accepts the quote from the email link with the keyboard alone, confirms once, and shows the confirmed order', async () => {
    const orderId = await quotedOrder();
    const page = await openFromMail(await quoteMail(orderId), 'Open your order');
    await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
    expect(await page.locator('h1').textContent()).toContain(orderId);
    expect(await page.locator('table').textContent()).toContain('Ball valve DN10');
    expect(await page.locator('tfoot').textContent()).toContain('€2,400.00');
    await expectAccessible(page, 'quote-en');

    const acceptForm = page.locator('form', { has: page.getByRole('button', { name: 'Accept quote' }) });
    const formAction = new URL((await acceptForm.getAttribute('action'))!, page.url()).toString();
    const formCsrf = (await acceptForm.locator('input[name=csrf]').getAttribute('value'))!;

    // Keyboard only: tab to the Accept button and press Enter.
    for (let step = 0; step < 30; step += 1) {
      await page.keyboard.press('Tab');
      if (
        (await page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } })
              .document.activeElement?.textContent,
        )) === 'Accept quote'
      )
        break;
    }
    await Promise.all([page.waitForURL(/done=accepted/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('status').textContent()).toContain('you accepted the quote');
    await expectAccessible(page, 'quote-accepted-en');

    // A double click sends the same form twice: the second post acts on nothing and says so.
    const again = await page.request.post(formAction, {
      form: { csrf: formCsrf, decision: 'accept' },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toContain('done=already-decided');
    await page.goBack();
    expect(await page.getByRole('button', { name: 'Accept quote' }).count()).toBe(0);

    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
    await page.goto(page.url().replace(/[?&]done=[^&]*/, ''));
    expect(await page.locator('main').textContent()).toContain('Preparing materials');
    expect(await page.locator('li[aria-current="step"]').textContent()).toContain('Materials ready');
    const confirmations = (await mails(runtime.session)).filter(
      (mail) =>
        mail.subject === `Order ${orderId} confirmed for 4 December 2026` ||
        mail.subject.startsWith(`Order ${orderId} confirmed`),
    );
    expect(confirmations).toHaveLength(1);
    await page.close();
  });

  it('rejects the quote and shows the order as declined', async () => {
    const orderId = await quotedOrder();
    const page = await openFromMail(await quoteMail(orderId), 'Open your order');
    await Promise.all([
      page.waitForURL(/done=rejected/),
      page.getByRole('button', { name: 'Decline quote' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('You declined the quote');
    await untilStatus(runtime.api, orderId, 'QUOTE_REJECTED');
    await page.reload();
    expect(await page.locator('main').textContent()).toContain('Quote declined');
    expect(await page.getByRole('button', { name: 'Accept quote' }).count()).toBe(0);
    await expectAccessible(page, 'quote-rejected-en');
    await page.close();
  });

  it('shows a delay in amber with the plant note, in English and in Chinese', async () => {
    const orderId = await quotedOrder();
    const trackingPath = await trackingPathFromMail(runtime.session, orderId);
    await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
    const delayed = await runtime.api.erp(
      'POST',
      '/v1/erp/events',
      erpEvent(orderId, 'DELAY_REPORTED', {
        stage: 'MATERIALS_READY',
        newEstimatedDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
        reason: 'Paint line breakdown',
        customerNote: 'Our coating line needs a repair; we have moved your order to the next slot',
      }),
    );
    expect(delayed.status).toBe(200);
    await waitFor('the new promise', async () => (await orderStatus(runtime.api, orderId)).atRisk);

    const page = await browser.context.newPage();
    await page.goto(`${runtime.session.apiUrl}${trackingPath}`);
    const slip = page.locator('.slip');
    expect(await slip.textContent()).toContain('Our coating line needs a repair');
    expect(await slip.locator('del').count()).toBe(1);
    expect(
      await slip.evaluate(
        (element) =>
          (
            globalThis as unknown as { getComputedStyle: (node: unknown) => { borderTopColor: string } }
          ).getComputedStyle(element).borderTopColor,
      ),
    ).toBe('rgb(180, 83, 9)');
    expect(await page.locator('main').textContent()).not.toContain('Paint line');
    await expectAccessible(page, 'order-delayed-en');
    await page.setViewportSize({ width: 1000, height: 900 });
    await screenshot(page, 'order-page-desktop-en');
    await page.setViewportSize({ width: 360, height: 780 });

    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/lang=zh-CN/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').textContent()).toContain('订单');
    expect(await page.locator('.slip h2').textContent()).toBe('您的交货日期有变');
    await expectAccessible(page, 'order-delayed-zh');
    await page.close();
  });

  it('keeps a preference change made in the preference centre', async () => {
    const customerId = await newCustomer([
      { id: 'buyer', name: 'Pat Prefs', email: `prefs-${randomUUID().slice(0, 6)}@example.com` },
    ]);
    const orderId = await quotedOrder(customerId);
    const page = await openFromMail(await quoteMail(orderId), 'Notification settings');
    await expectAccessible(page, 'preferences-en');
    await page.getByRole('group', { name: 'Delivered' }).getByLabel('Email').uncheck();
    await page.getByLabel('From').fill('21:30');
    await page.getByLabel('To').fill('06:45');
    await page.getByLabel('简体中文').check();
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.getByRole('button', { name: 'Save settings' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('saved');

    await page.reload();
    expect(await page.getByRole('group', { name: 'Delivered' }).getByLabel('Email').isChecked()).toBe(false);
    expect(await page.getByRole('group', { name: 'New quotes' }).getByLabel('Email').isChecked()).toBe(true);
    expect(await page.getByLabel('From').inputValue()).toBe('21:30');
    const stored = await runtime.api.sales<{ contacts: { preferences?: Record<string, unknown> }[] }>(
      'GET',
      `/v1/customers/${customerId}`,
    );
    expect(stored.body.contacts[0]?.preferences).toMatchObject({
      quietHours: { start: '21:30', end: '06:45' },
      locale: 'zh-CN',
      channels: { DELIVERED: [], QUOTE_READY: ['email'] },
    });
    await page.close();
  });

  it("unsubscribes one contact with one click and leaves the other contact's email on", async () => {
    const tag = randomUUID().slice(0, 6);
    const first = `first-${tag}@example.com`;
    const customerId = await newCustomer([
      { id: 'first', name: 'First Buyer', email: first },
      { id: 'second', name: 'Second Buyer', email: `second-${tag}@example.com` },
    ]);
    const orderId = await quotedOrder(customerId);
    const page = await openFromMail(await quoteMail(orderId, first), 'Unsubscribe');
    // Opening the link (as mail scanners do) changes nothing.
    const before = await runtime.api.sales<{
      contacts: { id: string; preferences?: { optOut?: { email?: boolean } } }[];
    }>('GET', `/v1/customers/${customerId}`);
    expect(before.body.contacts.every((contact) => !contact.preferences?.optOut?.email)).toBe(true);
    await expectAccessible(page, 'unsubscribe-en');

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    expect(await page.getByRole('status').textContent()).toContain('First Buyer is unsubscribed');
    await expectAccessible(page, 'unsubscribed-en');
    const after = await runtime.api.sales<typeof before.body>('GET', `/v1/customers/${customerId}`);
    const optedOut = Object.fromEntries(
      after.body.contacts.map((contact) => [contact.id, !!contact.preferences?.optOut?.email]),
    );
    expect(optedOut).toEqual({ first: true, second: false });

    // A mail provider's RFC 8058 POST to the same URL is answered and changes nothing more.
    const url = page.url();
    const again = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(again.status).toBe(200);
    // The same link with another contact's id is refused: the signature names the first contact only.
    const forged = await fetch(url.replace('contact=first', 'contact=second'), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(404);
    await page.close();
  });

  it('answers an unknown link with the fresh-link page and the same words whatever happens', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${runtime.session.apiUrl}/v1/track/${'A'.repeat(43)}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This link does not work any more');
    await expectAccessible(page, 'link-expired-en');
    await page.getByRole('button', { name: 'Email me a fresh link' }).click();
    expect(await page.getByRole('status').textContent()).toContain('If this link belonged to an order');
    await page.close();
  });

  it('offers the new quote after supply changed and the first acceptance lost the race', async () => {
    const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'MOTOR-5', quantity: 30 }],
    });
    const orderId = body.orderId;
    await untilStatus(runtime.api, orderId, 'QUOTED');
    const page = await openFromMail(await quoteMail(orderId), 'Open your order');
    const firstDate = await page.locator('.date').textContent();
    // Stock taken by someone else before the customer accepts: the reservation finds a later date.
    expect(
      (await runtime.api.erp('PUT', '/v1/erp/supply', { stock: [{ sku: 'MOTOR-5', onHand: 0 }] })).status,
    ).toBe(200);
    await Promise.all([
      page.waitForURL(/done=accepted/),
      page.getByRole('button', { name: 'Accept quote' }).click(),
    ]);
    await waitFor(
      'the second quote',
      async () =>
        (await mails(runtime.session)).filter((mail) =>
          mail.subject.startsWith(`Your quote for order ${orderId}`),
        ).length === 2,
    );
    await page.goto(page.url().replace(/[?&]done=[^&]*/, ''));
    expect(await page.locator('main').textContent()).toContain('here is a new one');
    expect(await page.locator('.date').textContent()).not.toBe(firstDate);
    expect(
      (await runtime.api.customer<{ canDecide: boolean }>('GET', new URL(page.url()).pathname)).body
        .canDecide,
    ).toBe(true);
    await expectAccessible(page, 'requote-en');
    await Promise.all([
      page.waitForURL(/done=accepted/),
      page.getByRole('button', { name: 'Accept quote' }).click(),
    ]);
    await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
    await page.close();
  });
});
