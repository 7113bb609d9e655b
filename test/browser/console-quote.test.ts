import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Every stored order's id, page by page through the sales API. */
async function orderIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
    const { body } = await runtime.api.sales<{ orders: { orderId: string }[]; nextCursor?: string | null }>(
      'GET',
      `/v1/orders?${query.toString()}`,
    );
    ids.push(...body.orders.map((order) => order.orderId));
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return ids.sort();
}

const expectAccessible = (name: string) => expectPageAccessible(page, name);

const quoteUrl = (query: Record<string, string>) =>
  `${runtime.session.apiUrl}/console/quote?${new URLSearchParams({ lang: 'en', ...query }).toString()}`;

describe('quick quote in a real browser', { timeout: 240_000 }, () => {
  let ordersBefore: string[];
  let quotePage: string;

  it('quotes a seeded customer: date, basis in words and prices, with nothing stored', async () => {
    await page.goto(bannerLoginUrl(runtime));
    ordersBefore = await orderIds();
    await page.getByRole('link', { name: 'Quick quote' }).click();
    await page.waitForURL(/\/console\/quote/);
    expect(await page.locator('input[name^="sku"]').count()).toBe(5);
    await expectAccessible('console-quote-form-en');

    await page.getByLabel('Customer id').fill('acme');
    // Today: nothing can be delivered today (transit alone takes days), so the request is not met.
    await page.getByLabel('Requested date (optional)').fill(plusDays(0));
    await page.locator('input[name="sku1"]').fill('VALVE-10');
    await page.locator('input[name="qty1"]').fill('20');
    await page.locator('input[name="sku2"]').fill('PUMP-100');
    await page.locator('input[name="qty2"]').fill('2');
    await page.getByRole('button', { name: 'Quote', exact: true }).click();
    await page.waitForSelector('#quote-result');
    quotePage = page.url();

    const result = await page.locator('section[aria-labelledby="quote-result"]').textContent();
    expect(result).toContain('For acme, tier B, region EU');
    expect(result).toMatch(/Requested .*: not met/);
    expect(await page.locator('section[aria-labelledby="quote-result"] .date').textContent()).toMatch(
      /\d{4}/,
    );
    const why = await page.locator('section[aria-labelledby="why"]').textContent();
    expect(why).toMatch(/transit \d+ business day\(s\) to EU/);
    expect(await page.locator('.binding').count()).toBe(1);
    const lines = await page.locator('section[aria-labelledby="lines"]').textContent();
    expect(lines).toContain('VALVE-10');
    expect(lines).toContain('made to order');
    expect(lines).toMatch(/Total.*€/);
    expect(await orderIds()).toEqual(ordersBefore);
    await expectAccessible('console-quote-result-en');
  });

  it('keeps the what-if when switching to Simplified Chinese', async () => {
    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForSelector('#quote-result');
    expect(await page.locator('h1').textContent()).toBe('快速报价');
    expect(await page.locator('section[aria-labelledby="why"]').textContent()).toContain('运往 EU');
    expect(await page.getByRole('button', { name: '创建询价' }).count()).toBe(1);
    await expectAccessible('console-quote-result-zh-CN');
    expect(await orderIds()).toEqual(ordersBefore);
  });

  it('adds a line without quoting', async () => {
    await page.goto(quoteUrl({ customerId: 'acme', sku1: 'VALVE-10', qty1: '1' }));
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.waitForURL(/add=1/);
    expect(await page.locator('input[name^="sku"]').count()).toBe(6);
    expect(await page.locator('input[name="sku1"]').inputValue()).toBe('VALVE-10');
    expect(await page.locator('#quote-result').count()).toBe(0);
  });

  it.each([
    [
      'an unknown SKU',
      { customerId: 'acme', sku1: 'VALVE-10', qty1: '1', sku2: 'NOPE-1', qty2: '1' },
      400,
      'Line 2 · SKU',
    ],
    ['an unknown customer', { customerId: 'nobody', sku1: 'VALVE-10', qty1: '1' }, 422, 'Customer id'],
    ['a quantity of 0', { customerId: 'acme', sku3: 'VALVE-10', qty3: '0' }, 400, 'Line 3 · quantity'],
  ])(
    'refuses %s with the error page naming the field, storing nothing',
    async (_case, query, status, field) => {
      const response = await page.goto(quoteUrl(query));
      expect(response?.status()).toBe(status);
      expect(await page.locator('[role="alert"]').textContent()).toContain(field);
      expect(await orderIds()).toEqual(ordersBefore);
      await expectAccessible(`console-quote-refused-${status}-${field.replace(/\W+/g, '-')}`);
    },
  );

  it('creates exactly the quoted inquiry and lands on its order page; a double click and a replay make one order', async () => {
    await page.goto(quotePage);
    const form = page.locator('form[method="post"][action^="/console/quote"]');
    const fields = await form
      .locator('input[type="hidden"]')
      .evaluateAll((inputs) =>
        inputs.map((input) => [
          (input as unknown as { name: string }).name,
          (input as unknown as { value: string }).value,
        ]),
      );
    await page.getByRole('button', { name: 'Create inquiry' }).dblclick();
    // The second click's post aborts the first one's navigation (the browser's doing, not the
    // product's), and waitForURL fails on an aborted navigation: wait for where the page lands.
    await expect.poll(() => page.url(), { timeout: 60_000 }).toMatch(/\/console\/orders\/ord_/);
    await page.waitForLoadState('load');
    const orderId = /\/console\/orders\/(ord_\w+)/.exec(page.url())?.[1];
    expect(await page.locator('h1').textContent()).toBe(`Order ${orderId}`);
    await expectAccessible('console-quote-created-order-en');

    // The same form sent again (a reload of the post, a second tab): the same order, not a new one.
    const replays = await Promise.all(
      [1, 2].map(() =>
        fetch(new URL('/console/quote?lang=en', runtime.session.apiUrl), {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `pk_console=${runtime.session.salesToken}`,
          },
          body: new URLSearchParams(fields as [string, string][]).toString(),
        }),
      ),
    );
    expect(replays.map((reply) => reply.status)).toEqual([303, 303]);
    expect(replays.map((reply) => reply.headers.get('location'))).toEqual([
      `/console/orders/${orderId}?lang=en`,
      `/console/orders/${orderId}?lang=en`,
    ]);
    await page.reload();
    expect(await orderIds()).toEqual([...ordersBefore, orderId].sort());
    const { body: order } = await runtime.api.sales<{
      customerId: string;
      lines: unknown[];
      requestedDate?: string;
    }>('GET', `/v1/orders/${orderId}`);
    expect(order).toMatchObject({
      customerId: 'acme',
      lines: [
        { sku: 'VALVE-10', quantity: 20 },
        { sku: 'PUMP-100', quantity: 2 },
      ],
      requestedDate: plusDays(0),
    });
  });

  it('refuses a create form whose lines were changed after the quote (its token no longer fits), storing nothing', async () => {
    await page.goto(quotePage);
    const fields = await page
      .locator('form[method="post"][action^="/console/quote"] input[type="hidden"]')
      .evaluateAll((inputs) =>
        inputs.map((input) => [
          (input as unknown as { name: string }).name,
          (input as unknown as { value: string }).value,
        ]),
      );
    const before = await orderIds();
    const changed = fields.map(([name, value]) => [name, name === 'qty1' ? '999' : value]);
    const reply = await fetch(new URL('/console/quote?lang=en', runtime.session.apiUrl), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `pk_console=${runtime.session.salesToken}`,
        accept: 'text/html',
      },
      body: new URLSearchParams(changed as [string, string][]).toString(),
    });
    expect(reply.status).toBe(400);
    expect(await reply.text()).toContain('csrf');
    expect(await orderIds()).toEqual(before);
  });
});
