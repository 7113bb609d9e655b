/**
 * The most likely date beside the promise (issue 14), in Chromium, on the customer's order page and
 * on the sales console's order page and board.
 *
 * The likely date comes from the product itself: the ERP sets the plant's promise policy (P97) with
 * a signed PUT /v1/erp/supply, a SHIPPED event teaches that the carrier to the EU runs 3 business
 * days late, and the next quote promises the engine's date plus that buffer, with the engine's
 * date as the most likely one.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPromiseRecord } from '../../functions/adapters/dynamodb/promise-repository.ts';
import { addBusinessDays, localDateTime } from '../../functions/domain/promise/calendar.ts';
import { ApiClient } from '../../infra/local/api-client.ts';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.ts';
import { erpEvent, trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
import { fitsWidth, launchBrowser, screenshot, seriousA11yViolations, type Browser } from './browser.ts';

let runtime: LocalRuntime;
let api: ApiClient;
let browser: Browser;
let page: Page;
const environment = { ...process.env };

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startLocalRuntime({ port: 0, log: () => {} }), launchBrowser()]);
  api = new ApiClient(runtime);
  page = await browser.context.newPage();
}, 200_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  // The runtime set the handlers' settings in this process; later test files must not see them.
  for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
  Object.assign(process.env, environment);
});

const inWords = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

const weekdays = { workingWeekdays: [1, 2, 3, 4, 5], holidays: [] as string[] };

/** Quotes 20 valves for ACME (EU) through the sales API and waits for the quote. */
async function quotedValves(): Promise<string> {
  const { body } = await api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
    customerId: 'acme',
    lines: [{ sku: 'VALVE-10', quantity: 20 }],
  });
  await untilStatus(api, body.orderId, 'QUOTED');
  return body.orderId;
}

async function expectAccessible(name: string, phone = false) {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page), name).toEqual([]);
  if (phone) expect(await fitsWidth(page), `${name} fits 360 px`).toBe(true);
}

let orderId: string;
let promisedDate: string;
let likelyDate: string;
let trackingPath: string;

describe('the most likely date beside the promise, in a real browser', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    // The seeded plant, with a P97 policy that buffers from the first observation.
    const plant = {
      timeZone: 'Europe/Berlin',
      dailyCutoff: '16:00',
      horizonDays: 365,
      plantCalendar: weekdays,
      shippingCalendar: weekdays,
      supplierCalendar: weekdays,
      promisePolicy: { confidence: 0.97, minimumObservations: 1 },
    };
    expect((await api.erp('PUT', '/v1/erp/supply', { plant })).status).toBe(200);
    // A first order ships today, and the carrier says 3 business days later than the 2 to the EU.
    const first = await quotedValves();
    const today = localDateTime(new Date(), 'Europe/Berlin').date;
    const shipped = await api.erp(
      'POST',
      '/v1/erp/events',
      erpEvent(first, 'SHIPPED', {
        carrier: 'DHL',
        trackingNumber: 'JD0001',
        estimatedDelivery: addBusinessDays(weekdays, today, 2 + 3),
      }),
    );
    expect(shipped.status).toBeLessThan(300);

    orderId = await quotedValves();
    trackingPath = await trackingPathFromMail(runtime, orderId);
    const { promise } = (await getPromiseRecord(orderId))!;
    promisedDate = promise.date;
    likelyDate = promise.likelyDate!;
    expect(likelyDate).toBeDefined();
    expect(promisedDate).toBe(addBusinessDays(weekdays, likelyDate, 3));
  }, 200_000);

  it('shows the customer “Most likely” under the promised date, with why, on a phone, in English', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${runtime.apiUrl}${trackingPath}?lang=en`);
    expect(await page.locator('.date').textContent()).toBe(inWords(promisedDate, 'en-GB'));
    expect(await page.locator('.likely').textContent()).toBe(`Most likely ${inWords(likelyDate, 'en-GB')}`);
    expect(await page.locator('main').textContent()).toContain(
      'We promise the date we are confident of; your order will most likely be ready sooner.',
    );
    // Smaller type than the promise it stands beside.
    const size = (selector: string) =>
      page.locator(selector).evaluate((element) => {
        const view = globalThis as unknown as { getComputedStyle(node: unknown): { fontSize: string } };
        return parseFloat(view.getComputedStyle(element).fontSize);
      });
    expect(await size('.likely')).toBeLessThan(await size('.date'));
    await expectAccessible('likely-date-order-page-en', true);
  });

  it('and in Simplified Chinese', async () => {
    await page.goto(`${runtime.apiUrl}${trackingPath}?lang=zh-CN`);
    expect(await page.locator('.likely').textContent()).toBe(`最可能 ${inWords(likelyDate, 'zh-Hans-CN')}`);
    expect(await page.locator('main').textContent()).toContain('我们承诺的是有把握的日期');
    await expectAccessible('likely-date-order-page-zh-CN', true);
  });

  it('returns it in the tracking link’s JSON view', async () => {
    const answer = await api.customer<{ promisedDate: string; likelyDate: string | null }>(
      'GET',
      trackingPath,
    );
    expect(answer.body).toMatchObject({ promisedDate, likelyDate });
  });

  it('shows sales the likely date and the working days of margin on the order page, and on the board', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${runtime.apiUrl}/console/login?token=${runtime.salesToken}`);
    await page.goto(`${runtime.apiUrl}/console/orders/${orderId}?lang=en`);
    const promise = page.locator('section[aria-labelledby="promise"]');
    // The buffer the carrier's lateness taught: 3 working days between the likely and promised dates.
    expect(await promise.locator('.likely').textContent()).toBe(
      `Most likely ${inWords(likelyDate, 'en-GB')} · 3 working days of margin`,
    );
    await expectAccessible('likely-date-console-order-en');

    await page.goto(`${runtime.apiUrl}/console/orders/${orderId}?lang=zh-CN`);
    expect(await promise.locator('.likely').textContent()).toMatch(/^最可能 .+ · 余量/);
    await expectAccessible('likely-date-console-order-zh-CN');

    await page.goto(`${runtime.apiUrl}/console?lang=en&q=${orderId}`);
    const row = page.locator(`tr[data-order="${orderId}"]`).first();
    const short = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${likelyDate}T00:00:00Z`),
    );
    expect(await row.locator('small').textContent()).toBe(`likely ${short}`);
    await expectAccessible('likely-date-console-board-en');
  });
});
