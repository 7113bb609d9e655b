/**
 * The most likely date beside the promise (issue 14), in Chromium, on the customer's order page and
 * on the sales console's order page and board.
 *
 * No API sets a likely date yet (the promise policy computes it), so the test quotes an order
 * through the local runtime's HTTP API as usual, then writes `likelyDate` onto the stored promise
 * through the promise repository adapter, on the runtime's own DynamoDB Local (the runtime runs in
 * this process, so the adapter is configured for its table), by compare-and-swap like any writer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPromiseRecord, putPromiseRecord } from '../../functions/adapters/dynamodb/promise-repository.ts';
import { ApiClient, waitFor } from '../../infra/local/api-client.ts';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime.ts';
import { trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
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

const DAY = 86_400_000;
const minusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
const inWords = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** Sets the stored promise's likely date, re-reading when another writer came first. */
async function setLikelyDate(orderId: string, likelyDate: string): Promise<void> {
  await waitFor(`the likely date of ${orderId} to be stored`, async () => {
    const record = await getPromiseRecord(orderId);
    if (!record) return undefined;
    try {
      await putPromiseRecord({ ...record, promise: { ...record.promise, likelyDate } }, record);
      return true;
    } catch {
      return undefined;
    }
  });
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
    const { body } = await api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'acme',
      lines: [{ sku: 'VALVE-10', quantity: 20 }],
    });
    orderId = body.orderId;
    await untilStatus(api, orderId, 'QUOTED');
    trackingPath = await trackingPathFromMail(runtime, orderId);
    promisedDate = (await getPromiseRecord(orderId))!.promise.date;
    // The day before the promise: never in the past, since the quote counts transit days from today.
    likelyDate = minusDays(promisedDate, 1);
    await setLikelyDate(orderId, likelyDate);
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
    expect(await promise.locator('.likely').textContent()).toMatch(
      new RegExp(
        `^Most likely ${inWords(likelyDate, 'en-GB')} · (\\d+ working days|1 working day|less than one working day) of margin$`,
      ),
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
