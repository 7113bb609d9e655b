import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { erpEvent, trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
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

const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function inquiry(sku: string, quantity: number): Promise<string> {
  const { body } = await runtime.api.sales<{ orderId: string }>(
    'POST',
    '/v1/inquiries',
    { customerId: 'acme', lines: [{ sku, quantity }] },
    { 'idempotency-key': randomUUID() },
  );
  return body.orderId;
}

/** An order in production preparation that the ERP then reports late: the board's at-risk case. */
async function delayedOrder(): Promise<string> {
  const orderId = await inquiry('VALVE-10', 20);
  await untilStatus(runtime.api, orderId, 'QUOTED');
  const trackingPath = await trackingPathFromMail(runtime.session, orderId);
  await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
  await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
  const delay = erpEvent(orderId, 'DELAY_REPORTED', {
    stage: 'MATERIALS_READY',
    newEstimatedDate: plusDays(40),
    reason: 'Late steel from the mill',
  });
  expect((await runtime.api.erp('POST', '/v1/erp/events', delay)).status).toBeLessThan(300);
  await waitFor('the order to be at risk', async () => (await orderJson(orderId)).atRisk === true);
  return orderId;
}

const orderJson = async (orderId: string) =>
  (
    await runtime.api.sales<{
      atRisk: boolean;
      status: string;
      promisedDate: string;
      atRiskReasons: string[];
    }>('GET', `/v1/orders/${orderId}`)
  ).body;

const expectAccessible = (name: string) => expectPageAccessible(page, name);

describe('the sales console in a real browser', { timeout: 240_000 }, () => {
  it('signs in from the banner link: an HttpOnly session cookie, the token gone from the address bar', async () => {
    await page.goto(bannerLoginUrl(runtime));
    expect(new URL(page.url()).pathname).toBe('/console');
    expect(page.url()).not.toContain('token=');
    const [cookie] = (await browser.context.cookies()).filter((c) => c.name === 'pk_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/console' });
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000);
    expect(await page.locator('h1').textContent()).toBe('Orders');
    await expectAccessible('console-board-en');
  });

  it('shows the order a DELAY_REPORTED put at risk among those needing sales, and says why its date is what it is', async () => {
    const orderId = await delayedOrder();
    await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    const urgentRow = page.locator('section[aria-labelledby="needs-you"] tr', { hasText: orderId });
    expect(await urgentRow.textContent()).toContain('At risk');
    await expectAccessible('console-board-needs-you-en');
    await urgentRow.getByRole('link', { name: orderId }).click();
    await page.waitForURL(new RegExp(`/console/orders/${orderId}`));
    const why = await page.locator('section[aria-labelledby="why"]').textContent();
    expect(why).toContain('reported delay at MATERIALS_READY: Late steel from the mill');
    expect(why).toMatch(/transit \d+ business day\(s\) to EU/);
    expect(await page.locator('.binding').textContent()).toContain('reported delay');
    expect(await page.locator('section[aria-labelledby="history"]').textContent()).toContain(
      'delay reported by the plant',
    );
    expect(await page.locator('section[aria-labelledby="messages"]').textContent()).toContain('quote sent');
    await expectAccessible('console-order-at-risk-en');

    // Earlier than the plant can make it, and no override reason: refused, naming the field.
    await page.getByLabel('New date').fill(plusDays(5));
    await page.getByLabel('Reason', { exact: true }).fill('Customer escalated');
    await page.getByRole('button', { name: 'Adjust promise' }).click();
    expect(await page.locator('[role="alert"]').textContent()).toContain('overrideReason');
    expect((await orderJson(orderId)).promisedDate).not.toBe(plusDays(5));
    await expectAccessible('console-adjust-refused-en');

    await page.goBack();
    await page.getByLabel('New date').fill(plusDays(5));
    await page.getByLabel('Reason', { exact: true }).fill('Customer escalated');
    await page.getByLabel(/Override reason/).fill('Expediting steel by air freight');
    await page.getByRole('button', { name: 'Adjust promise' }).click();
    await page.waitForURL(/done=adjust/);
    expect(await page.locator('[role="status"]').textContent()).toContain('The promise is adjusted');
    expect(await page.locator('section[aria-labelledby="why"]').textContent()).toContain(
      'sales override: Customer escalated (override: Expediting steel by air freight)',
    );
    const order = await orderJson(orderId);
    expect(order.promisedDate).toBe(plusDays(5));
    expect(order.atRisk).toBe(true);
    expect(order.atRiskReasons.join(' ')).toContain('sales override');
  });

  it('confirms an order awaiting sales from its page, once', async () => {
    const orderId = await inquiry('PUMP-100', 5);
    await untilStatus(runtime.api, orderId, 'AWAITING_SALES_CONFIRMATION');
    await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    const row = page.locator('section[aria-labelledby="needs-you"] tr', { hasText: orderId });
    expect(await row.textContent()).toContain('Awaiting confirmation');
    await row.getByRole('link', { name: orderId }).click();
    await page.getByRole('button', { name: 'Confirm promise' }).click();
    await page.waitForURL(/done=confirm/);
    await untilStatus(runtime.api, orderId, 'QUOTED');
    await expectAccessible('console-order-confirmed-en');
  });

  it('bulk confirms from the queue after a preview of what it changes', async () => {
    const orderIds = [await inquiry('PUMP-100', 1), await inquiry('PUMP-100', 1)];
    for (const orderId of orderIds) await untilStatus(runtime.api, orderId, 'AWAITING_SALES_CONFIRMATION');
    await page.goto(`${runtime.session.apiUrl}/console/queue?lang=en`);
    expect(await page.locator('tbody').textContent()).toMatch(/in \d+ h \d+ min/);
    await expectAccessible('console-queue-en');
    for (const orderId of orderIds) await page.getByLabel(`Select ${orderId}`).check();
    await page.getByRole('button', { name: 'Preview confirmation' }).click();
    await page.waitForSelector('#preview');
    const preview = await page.locator('section[aria-labelledby="preview"]').textContent();
    expect(preview).toContain('Confirming these 2 order(s) will:');
    for (const orderId of orderIds) expect(preview).toContain(orderId);
    await expectAccessible('console-queue-preview-en');
    await page.getByRole('button', { name: 'Confirm 2 order(s)' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Confirmed 2 of 2 order(s).');
    for (const orderId of orderIds) await untilStatus(runtime.api, orderId, 'QUOTED');
  });

  it('cancels an order with a reason', async () => {
    const orderId = await inquiry('VALVE-10', 3);
    await untilStatus(runtime.api, orderId, 'QUOTED');
    await page.goto(`${runtime.session.apiUrl}/console/orders/${orderId}?lang=en`);
    await page.getByLabel('Reason for cancelling').fill('Customer withdrew the inquiry');
    await page.getByRole('button', { name: 'Cancel order' }).click();
    await page.waitForURL(/done=cancel/);
    await untilStatus(runtime.api, orderId, 'CANCELLED');
  });

  it('filters the board by status and keeps the filter when switching to Simplified Chinese', async () => {
    await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    await page.getByLabel('Status').selectOption('QUOTED');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/status=QUOTED/);
    const statuses = await page
      .locator('section[aria-labelledby="all-orders"] tbody td:nth-child(4)')
      .allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['quoted']));
    await page.getByRole('link', { name: '简体中文' }).click();
    expect(await page.locator('h1').textContent()).toBe('订单');
    expect(page.url()).toContain('status=QUOTED');
    await expectAccessible('console-board-zh-CN');
  });

  it('signs out: the cookie is gone and the console asks to sign in again', async () => {
    await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/signedOut=1/);
    expect((await browser.context.cookies()).filter((c) => c.name === 'pk_console')).toEqual([]);
    const again = await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    expect(again?.status()).toBe(401);
    expect(await page.locator('h1').textContent()).toBe('Sign in to the sales console');
    await expectAccessible('console-sign-in-en');
  });
});

describe('the console and the JSON API refuse what must not take effect', { timeout: 120_000 }, () => {
  const cookie = () => `pk_console=${runtime.session.salesToken}`;
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, runtime.session.apiUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(), ...headers },
      body,
    });

  it('refuses a promise in the past through the JSON API with 422 naming the date, and writes nothing', async () => {
    const orderId = await inquiry('PUMP-100', 2);
    await untilStatus(runtime.api, orderId, 'AWAITING_SALES_CONFIRMATION');
    const before = await orderJson(orderId);
    const reply = await runtime.api.sales<{ errors: { path: string }[] }>(
      'POST',
      `/v1/orders/${orderId}/promise`,
      {
        action: 'adjust',
        date: '2020-01-01',
        reason: 'Customer asked',
      },
    );
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((error) => error.path)).toEqual(['date']);
    expect((await orderJson(orderId)).promisedDate).toBe(before.promisedDate);
  });

  it('needs an override reason for a date earlier than the plant can make, then shows a sales override at risk', async () => {
    const orderId = await inquiry('PUMP-100', 2);
    await untilStatus(runtime.api, orderId, 'AWAITING_SALES_CONFIRMATION');
    const capable = (await orderJson(orderId)).promisedDate;
    const earlier = plusDays(0) < capable ? plusDays(0) : capable;
    expect(earlier < capable, 'the pump is made to order, so today is too early').toBe(true);
    const refused = await runtime.api.sales<{ errors: { path: string }[] }>(
      'POST',
      `/v1/orders/${orderId}/promise`,
      {
        action: 'adjust',
        date: earlier,
        reason: 'Customer asked',
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error) => error.path)).toEqual(['overrideReason']);
    expect((await orderJson(orderId)).atRisk).toBe(false);

    const accepted = await runtime.api.sales<{ override: boolean }>('POST', `/v1/orders/${orderId}/promise`, {
      action: 'adjust',
      date: earlier,
      reason: 'Customer asked',
      overrideReason: 'Plant manager agreed to a weekend shift',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.override).toBe(true);
    const order = await runtime.api.sales<{
      atRisk: boolean;
      promise: { promise: { cause: { stage: string }[] } };
    }>('GET', `/v1/orders/${orderId}`);
    expect(order.body.atRisk).toBe(true);
    expect(order.body.promise.promise.cause[0]?.stage).toBe('SALES_OVERRIDE');
    await untilStatus(runtime.api, orderId, 'QUOTED');
  });

  it('refuses a console form from another site or without its token, and acts on nothing', async () => {
    const orderId = await inquiry('VALVE-10', 1);
    await untilStatus(runtime.api, orderId, 'QUOTED');
    const crossSite = await post(`/console/orders/${orderId}/cancel`, 'reason=forged+cancel', {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(400);
    const tokenless = await post(`/console/orders/${orderId}/cancel`, 'reason=forged+cancel');
    expect(tokenless.status).toBe(400);
    expect((await orderJson(orderId)).status).toBe('QUOTED');
  });

  it('answers 401 to a console page whose cookie holds a forged or no token', async () => {
    const forged = `${runtime.session.salesToken.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`;
    for (const headers of [{ cookie: `pk_console=${forged}` }, {}]) {
      const reply = await fetch(new URL('/console', runtime.session.apiUrl), { headers });
      expect(reply.status).toBe(401);
    }
  });
});
