import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { untilStatus } from '../../infra/local/scenario.ts';
import type { RunningRuntime } from '../support/local-runtime.ts';
import {
  type Browser,
  startConsoleSession,
  bannerLoginUrl,
  expectAccessible as expectPageAccessible,
} from './browser.ts';

/**
 * The board's live refresh, the queue's keyboard shortcuts and the statuses in words, in Chromium
 * against the running local runtime. Every page is checked with axe and saved as a screenshot.
 */
let runtime: RunningRuntime;
let browser: Browser;
let page: Page;
/** What the browser refused under the pages' Content-Security-Policy (must stay empty). */
const refusals: string[] = [];

beforeAll(async () => {
  ({ runtime, browser, page } = await startConsoleSession());
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refusals.push(message.text());
  });
  await page.goto(bannerLoginUrl(runtime));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function awaitingOrder(): Promise<string> {
  const { body } = await runtime.api.sales<{ orderId: string }>(
    'POST',
    '/v1/inquiries',
    { customerId: 'acme', lines: [{ sku: 'PUMP-100', quantity: 1 }] },
    { 'idempotency-key': randomUUID() },
  );
  await untilStatus(runtime.api, body.orderId, 'AWAITING_SALES_CONFIRMATION');
  return body.orderId;
}

const expectAccessible = (name: string) => expectPageAccessible(page, name);

const focusedOrder = () =>
  page.evaluate<string | null>("document.activeElement?.closest('tr')?.getAttribute('data-order') ?? null");

describe('the console board, live and by keyboard', { timeout: 240_000 }, () => {
  it('picks up a new order without a reload, says so politely, and leaves the focus where it was', async () => {
    const first = await awaitingOrder();
    await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    expect(await page.locator('#needs-you').count()).toBe(1);
    await expect.poll(() => page.locator(`tr[data-order="${first}"]`).count()).toBeGreaterThan(0);
    await page.evaluate('window.sameDocument = true');
    const search = page.getByLabel('Order number or customer');
    await search.focus();

    const added = await awaitingOrder();
    expect(await page.locator(`tr[data-order="${added}"]`).count()).toBe(0);
    // Coming back to the tab refreshes at once (the 30 s timer does the same in the background).
    await page.evaluate("window.dispatchEvent(new Event('focus'))");
    await page.waitForSelector(`section[aria-labelledby="needs-you"] tr[data-order="${added}"]`);

    // The section says how many orders need sales, over all its pages; both new orders await them.
    const counts = await page.locator('#needs-you-counts').textContent();
    expect(counts).toMatch(/^\d+ need attention · \d+ at risk · \d+ awaiting confirmation$/);
    expect(Number(/(\d+) awaiting/.exec(counts ?? '')?.[1])).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe('q');
    const status = page.locator('#board-status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.textContent()).toMatch(/^Board updated at .+: 1 order\(s\) new here\.$/);
    expect(refusals).toEqual([]);
    await expectAccessible('console-board-live-en');
  });

  it('serves the lists alone (part=tables) for the refresh, without the page or the script', async () => {
    const response = await fetch(new URL('/console?lang=en&part=tables', runtime.session.apiUrl), {
      headers: { cookie: `pk_console=${runtime.session.salesToken}` },
    });
    const fragment = await response.text();
    expect(response.status).toBe(200);
    expect(fragment).toContain('id="needs-you"');
    expect(fragment).not.toMatch(/<html|<script/);
  });

  it('moves through the queue with j and k, ticks with x, previews with p and confirms with c', async () => {
    await awaitingOrder();
    await page.goto(`${runtime.session.apiUrl}/console/queue?lang=en`);
    const rows = await page
      .locator('tbody tr[data-order]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order')));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#shortcuts').textContent()).toBe('Keyboard shortcuts');

    await page.keyboard.press('j');
    expect(await focusedOrder()).toBe(rows[0]);
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    expect(await focusedOrder()).toBe(rows[1]);
    await page.keyboard.press('ArrowDown');
    expect(await focusedOrder()).toBe(rows[2]);
    await page.keyboard.press('k');
    expect(await focusedOrder()).toBe(rows[1]);
    await page.keyboard.press('x');
    const ticked = await page
      .locator('tbody input[type=checkbox]:checked')
      .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('value')));
    expect(ticked).toEqual([rows[0], rows[1]]);
    await expectAccessible('console-queue-keyboard-en');

    await page.keyboard.press('p');
    await page.waitForSelector('#preview');
    const preview = await page.locator('section[aria-labelledby="preview"]').textContent();
    expect(preview).toContain('Confirming these 2 order(s) will:');
    await page.keyboard.press('c');
    await page.waitForSelector('text=Confirmed 2 of 2 order(s).');
    for (const orderId of [rows[0]!, rows[1]!]) await untilStatus(runtime.api, orderId, 'QUOTED');
    expect((await runtime.api.sales<{ status: string }>('GET', `/v1/orders/${rows[2]}`)).body.status).toBe(
      'AWAITING_SALES_CONFIRMATION',
    );
  });

  it('does not act on a shortcut while typing in a field', async () => {
    await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    const search = page.getByLabel('Order number or customer');
    await search.focus();
    await page.keyboard.type('jkxp');
    expect(await search.inputValue()).toBe('jkxp');
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe('q');
    await page.keyboard.press('Escape');
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('/');
    expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe('q');
  });

  it('shows the statuses translated after switching to Simplified Chinese', async () => {
    await page.goto(`${runtime.session.apiUrl}/console?lang=en`);
    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/lang=zh-CN/);
    const statuses = await page.locator('tbody td:nth-child(4)').allTextContents();
    expect(statuses).toContain('等待确认');
    expect(statuses.join(' ')).not.toMatch(/[A-Z]{2,}_[A-Z]+|awaiting|quoted/);
    expect(await page.locator('#shortcuts').textContent()).toBe('键盘快捷键');
    await expectAccessible('console-board-zh-CN-statuses');
  });

  it('shows an order page with version 1 in its history and a timeline in words and plant time', async () => {
    const orderId = await awaitingOrder();
    await waitFor('the promise to be stored', async () => {
      const { body } = await runtime.api.sales<{ promisedDate?: string }>('GET', `/v1/orders/${orderId}`);
      return Boolean(body.promisedDate);
    });
    await page.goto(`${runtime.session.apiUrl}/console/orders/${orderId}?lang=en`);
    const history = await page.locator('section[aria-labelledby="history"] tbody tr').allTextContents();
    expect(history[0]).toMatch(/^1.*first promise, computed by the engine/);
    const timeline = await page.locator('section[aria-labelledby="timeline"]').textContent();
    expect(timeline).toContain('Now: awaiting confirmation');
    expect(timeline).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(timeline).toMatch(/Times are the plant’s \([A-Za-z_/]+\)/);
    await expectAccessible('console-order-history-en');
  });
});
