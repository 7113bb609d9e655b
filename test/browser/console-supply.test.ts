import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_COLOURS } from '../../functions/web/console/charts.ts';
import { erpEvent, orderStatus, trackingPathFromMail, untilStatus } from '../../infra/local/scenario.ts';
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
/** A confirmed order for 12 pumps: it holds housings, motors and hours on both work centers. */
let orderId: string;

beforeAll(async () => {
  ({ runtime, browser, page } = await startConsoleSession());
  const { body } = await runtime.api.sales<{ orderId: string }>(
    'POST',
    '/v1/inquiries',
    { customerId: 'acme', lines: [{ sku: 'PUMP-100', quantity: 12 }] },
    { 'idempotency-key': randomUUID() },
  );
  orderId = body.orderId;
  // A made-to-order (CTP) promise needs a person before the customer sees it.
  await untilStatus(runtime.api, orderId, 'AWAITING_SALES_CONFIRMATION');
  await runtime.api.sales('POST', `/v1/orders/${orderId}/promise`, { action: 'confirm' });
  await untilStatus(runtime.api, orderId, 'QUOTED');
  const trackingPath = await trackingPathFromMail(runtime.session, orderId);
  await runtime.api.customer('POST', `${trackingPath}/decision`, { decision: 'accept' });
  await untilStatus(runtime.api, orderId, 'MATERIAL_PREP');
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const expectAccessible = (name: string) => expectPageAccessible(page, name);

/** Shapes of a colour in a chart: what it draws, not only that an <svg> exists. */
const shapes = (chart: string, colour: string) => page.locator(`${chart} g.plot [fill="${colour}"]`).count();

describe('supply in the sales console, in a real browser', { timeout: 240_000 }, () => {
  it('lists products and work centers from the Supply link, and opens a product with its BOM and routing', async () => {
    await page.goto(bannerLoginUrl(runtime));
    await page.getByRole('link', { name: 'Supply' }).click();
    await page.waitForURL(/\/console\/supply/);
    expect(await page.locator('h1').textContent()).toBe('Supply');
    expect(await page.locator('section[aria-labelledby="work-centers"]').textContent()).toContain('ASSEMBLY');
    await expectAccessible('console-supply-index-en');

    await page.getByRole('link', { name: 'PUMP-100' }).click();
    await page.waitForURL(/\/console\/products\/PUMP-100/);
    const bom = await page.locator('section[aria-labelledby="bom"]').textContent();
    expect(bom).toContain('MOTOR-5');
    expect(bom).toContain('Pump housing');
    const routing = await page.locator('section[aria-labelledby="routing"]').textContent();
    expect(routing).toMatch(/MACHINING[\s\S]*ASSEMBLY/);
    await expectAccessible('console-product-pump-en');
  });

  it("draws a component's availability: stock, the PO-1002 receipt, the order's hold and the ATP line", async () => {
    await page.goto(`${runtime.session.apiUrl}/console/products/HOUSING-7?lang=en`);
    const chart = 'svg[aria-labelledby^="availability-chart"]';
    expect(await page.locator(`${chart} title`).textContent()).toBe('Availability of HOUSING-7 per day');
    expect(await shapes(chart, CHART_COLOURS.receipts)).toBeGreaterThan(0);
    expect(await shapes(chart, CHART_COLOURS.holds)).toBeGreaterThan(0);
    expect(await page.locator(`${chart} path[stroke="${CHART_COLOURS.atp}"]`).count()).toBe(1);
    // The table alternative carries the same figures: the 300 housings of PO-1002 arrive.
    await page.locator('summary', { hasText: 'as a table' }).click();
    expect(await page.locator('section[aria-labelledby="availability"] table').textContent()).toContain(
      '300',
    );
    await expectAccessible('console-availability-housing-en');
  });

  it('links the orders that depend on a SKU to their page, where the supply path is a Gantt chart', async () => {
    await page.goto(`${runtime.session.apiUrl}/console/products/HOUSING-7?lang=en`);
    await page.locator('section[aria-labelledby="dependents"]').getByRole('link', { name: orderId }).click();
    await page.waitForURL(new RegExp(`/console/orders/${orderId}`));

    const gantt = 'section[aria-labelledby="supply-path"] svg';
    expect(await page.locator(`${gantt} title`).first().textContent()).toBe('Supply path of PUMP-100');
    expect(await shapes(gantt, CHART_COLOURS.production)).toBe(2);
    // Motors and housings come from stock: 40 motors and 100 housings are on hand.
    expect(await shapes(gantt, CHART_COLOURS.stock)).toBe(2);
    await page.locator('section[aria-labelledby="supply-path"] summary').click();
    const table = await page.locator('section[aria-labelledby="supply-path"] table').textContent();
    expect(table).toContain('production on MACHINING');
    expect(table).toContain('production on ASSEMBLY');
    await expectAccessible('console-order-gantt-en');
  });

  it("draws a work center's capacity against held hours, reached from the order's supply path", async () => {
    await page.goto(`${runtime.session.apiUrl}/console/orders/${orderId}?lang=en`);
    const path = page.locator('section[aria-labelledby="supply-path"]');
    await path.locator('summary').click();
    await path.getByRole('link', { name: /production on ASSEMBLY/ }).click();
    await page.waitForURL(/\/console\/work-centers\/ASSEMBLY/);

    const chart = 'svg[aria-labelledby^="load-chart"]';
    expect(await page.locator(`${chart} title`).textContent()).toBe('Load of work center ASSEMBLY per day');
    expect(
      await page.locator(`${chart} g.plot rect[stroke="${CHART_COLOURS.capacity}"]`).count(),
    ).toBeGreaterThan(0);
    expect(await shapes(chart, CHART_COLOURS.held)).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="dependents"]').textContent()).toContain(orderId);
    await expectAccessible('console-work-center-assembly-en');
  });

  it('shows the same pages in Simplified Chinese', async () => {
    await page.goto(`${runtime.session.apiUrl}/console/products/PUMP-100?lang=zh-CN`);
    expect(await page.locator('section[aria-labelledby="bom"] h2').textContent()).toBe('物料清单');
    expect(await page.locator('svg[aria-labelledby^="availability-chart"] title').textContent()).toBe(
      'PUMP-100 每日可用量',
    );
    await expectAccessible('console-product-pump-zh');
    await page.goto(`${runtime.session.apiUrl}/console/orders/${orderId}?lang=zh-CN`);
    expect(await page.locator('#supply-path').textContent()).toBe('供应路径');
    await expectAccessible('console-order-gantt-zh');
  });

  it('says, above the supply path, when a reported delay has moved the promise past the plan it shows', async () => {
    const before = (await orderStatus(runtime.api, orderId)).promisedDate as string;
    const later = new Date(Date.parse(`${before}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    const reported = await runtime.api.erp(
      'POST',
      '/v1/erp/events',
      erpEvent(orderId, 'DELAY_REPORTED', {
        stage: 'DELIVERED',
        reason: 'Housing castings failed inspection',
        newEstimatedDate: later,
      }),
    );
    expect(reported.status).toBe(200);
    expect((await orderStatus(runtime.api, orderId)).promisedDate).toBe(later);

    await page.goto(`${runtime.session.apiUrl}/console/orders/${orderId}?lang=en`);
    const note = await page.locator('#supply-path-moved').textContent();
    expect(note).toContain('The chart shows the plan the engine made.');
    expect(note).toContain('Housing castings failed inspection');
    expect(note).toContain(later.slice(0, 4));
    // The plan's chart stays, under the note.
    expect(await page.locator('section[aria-labelledby="supply-path"] svg').count()).toBeGreaterThan(0);
    await expectAccessible('console-order-moved-by-report-en');

    await page.goto(`${runtime.session.apiUrl}/console/orders/${orderId}?lang=zh-CN`);
    expect(await page.locator('#supply-path-moved').textContent()).toContain('图表显示的是引擎制定的计划');
    await expectAccessible('console-order-moved-by-report-zh');
  });
});
