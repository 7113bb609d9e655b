import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/api-client.ts';
import { mails, untilStatus } from '../../infra/local/scenario.ts';
import { startRuntimeProcess, type RunningRuntime } from '../support/local-runtime.ts';
import { fitsWidth, launchBrowser, screenshot, seriousA11yViolations, type Browser } from './browser.ts';

/** Quotes here are valid for 3 seconds, so the test sees one expire. */
let runtime: RunningRuntime;
let browser: Browser;
beforeAll(async () => {
  [runtime, browser] = await Promise.all([
    startRuntimeProcess({ env: { QUOTE_VALIDITY_SECONDS: '3' } }),
    launchBrowser(),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function expectAccessible(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousA11yViolations(page), name).toEqual([]);
  expect(await fitsWidth(page), `${name} fits 360 px`).toBe(true);
}

describe('an expired quote in a real browser', { timeout: 180_000 }, () => {
  it('says the quote expired, offers a new one, and tells sales once however often it is asked', async () => {
    const { body } = await runtime.api.sales<{ orderId: string }>('POST', '/v1/inquiries', {
      customerId: 'globex',
      lines: [{ sku: 'VALVE-10', quantity: 5 }],
    });
    const orderId = body.orderId;
    // A tier A customer's promise waits for sales first.
    await untilStatus(runtime.api, orderId, 'AWAITING_SALES_CONFIRMATION');
    await runtime.api.sales('POST', `/v1/orders/${orderId}/promise`, { action: 'confirm' });
    await untilStatus(runtime.api, orderId, 'QUOTE_EXPIRED');
    const expiredMail = await waitFor('the expiry email', async () =>
      (await mails(runtime.session)).find(
        (mail) => mail.subject.includes(orderId) && mail.subject.includes('过期'),
      ),
    );
    // The expiry email says when, in words: the old text read "expired on  without a decision".
    expect(expiredMail.body.text).toMatch(/已于 \d{4}年\d{1,2}月\d{1,2}日/);

    const page = await browser.context.newPage();
    await page.setContent(expiredMail.body.html ?? '');
    await Promise.all([
      page.waitForURL(/\/v1\/track\//),
      page.getByRole('link', { name: '打开您的订单' }).click(),
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('main').textContent()).toContain('该报价已过期');
    expect(await page.getByRole('button', { name: '接受报价' }).count()).toBe(0);
    await expectAccessible(page, 'quote-expired-zh');

    const askForm = page.locator('form', { has: page.getByRole('button', { name: '申请新报价' }) });
    const action = new URL((await askForm.getAttribute('action'))!, page.url()).toString();
    const csrf = (await askForm.locator('input[name=csrf]').getAttribute('value'))!;
    await Promise.all([
      page.waitForURL(/done=requote-asked/),
      page.getByRole('button', { name: '申请新报价' }).click(),
    ]);
    expect(await page.getByRole('status').first().textContent()).toContain('我们已通知 Sam Sales');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('main').textContent()).toContain('This quote has expired');
    await expectAccessible(page, 'quote-expired-asked-en');

    // Asked again with the same form: sales still hear only once.
    const again = await page.request.post(action, { form: { csrf }, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    await waitFor('the request to reach sales', async () =>
      (await mails(runtime.session)).some(
        (mail) => mail.subject === `Order ${orderId}: 环球机械有限公司 asks for a new quote`,
      ),
    );
    const toSales = (await mails(runtime.session)).filter(
      (mail) => mail.subject.includes(`Order ${orderId}:`) && mail.subject.includes('asks for a new quote'),
    );
    expect(toSales).toHaveLength(1);
    expect(toSales[0]?.destination.to).toEqual(['sam.sales@plant.example']);
    await page.close();
  });
});
