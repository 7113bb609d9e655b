import { describe, expect, it } from 'vitest';
import { buildOrderPage, type OrderPageFacts } from '../../../functions/domain/customer/order-page.ts';
import { renderOrderPage } from '../../../functions/web/order-page.ts';
import type { Locale } from '../../../functions/web/i18n.ts';

/** The most likely date beside the promise on the customer's order page (issue 14). */
const facts: OrderPageFacts = {
  order: {
    orderId: 'ord_likely',
    status: 'ORDER_CONFIRMED',
    lines: [{ sku: 'PUMP-100', quantity: 2 }],
    promisedDate: '2026-12-10',
    promiseVersion: 1,
    completedStages: [],
  },
  promise: { version: 1, date: '2026-12-10', likelyDate: '2026-12-07' },
  timeline: [],
  products: new Map([['PUMP-100', { name: 'Centrifugal pump P100', unitPrice: 1800 }]]),
  customer: {
    locale: 'en',
    timeZone: 'Europe/Berlin',
    salesOwner: { name: 'Sam Sales', email: 'sam@plant.example' },
    contacts: [{ id: 'buyer', name: 'Ada' }],
  },
  currency: 'EUR',
  now: new Date('2026-12-02T10:00:00Z'),
};
const withOrder = (order: Partial<OrderPageFacts['order']>): OrderPageFacts => ({
  ...facts,
  order: { ...facts.order, ...order },
});
const withPromise = (promise: Partial<NonNullable<OrderPageFacts['promise']>>): OrderPageFacts => ({
  ...facts,
  promise: { ...facts.promise!, ...promise },
});
const render = (input: OrderPageFacts, locale: Locale) =>
  renderOrderPage(buildOrderPage(input), {
    locale,
    basePath: '/v1/track/TOKEN',
    formTokens: { decision: 'F1', requote: 'F2' },
  });
/** The section at the top of the page: the status, the promised date and what stands beside it. */
const headline = (html: string) => /<section aria-label="[^"]*">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';

describe('the order page model’s likely date', () => {
  it('carries the stored promise’s likely date when it is earlier than the promised date', () => {
    expect(buildOrderPage(facts)).toMatchObject({ promisedDate: '2026-12-10', likelyDate: '2026-12-07' });
  });

  it('has none when the promise has none', () => {
    const { likelyDate: _none, ...promise } = facts.promise!;
    expect(buildOrderPage({ ...facts, promise }).likelyDate).toBeUndefined();
  });

  it('has none when the likely date is not earlier than the promise, which would read as a slip', () => {
    expect(buildOrderPage(withPromise({ likelyDate: '2026-12-10' })).likelyDate).toBeUndefined();
    expect(buildOrderPage(withPromise({ likelyDate: '2026-12-12' })).likelyDate).toBeUndefined();
  });

  it('has none when the stored promise is not the date the order shows', () => {
    expect(buildOrderPage(withOrder({ promisedDate: '2026-12-14' })).likelyDate).toBeUndefined();
  });

  it('has none once nothing is promised any more: delivered, cancelled, declined or expired', () => {
    const delivered = withOrder({
      status: 'DELIVERED',
      outcome: { deliveredOn: '2026-12-08', daysLate: 0 },
    });
    expect(buildOrderPage(delivered).likelyDate).toBeUndefined();
    for (const status of ['CANCELLED', 'QUOTE_REJECTED', 'QUOTE_EXPIRED'] as const)
      expect(buildOrderPage(withOrder({ status })).likelyDate, status).toBeUndefined();
  });

  it('is shown on a quote, where the customer decides with both dates in view', () => {
    const quoted = withOrder({ status: 'QUOTED', quoteValidUntil: '2026-12-09T10:00:00Z' });
    expect(buildOrderPage(quoted).likelyDate).toBe('2026-12-07');
  });
});

describe('the order page shows the likely date beside the promise', () => {
  it('in English: the promise in large type, then “Most likely” and why in smaller type', () => {
    const top = headline(render(facts, 'en'));
    expect(top).toMatch(
      /<p class="date">Thursday, 10 December 2026<\/p><p class="likely">Most likely Monday, 7 December 2026<\/p>/,
    );
    expect(top).toContain(
      'We promise the date we are confident of; your order will most likely be ready sooner.',
    );
  });

  it('in Simplified Chinese', () => {
    const top = headline(render(facts, 'zh-CN'));
    expect(top).toContain('<p class="date">2026年12月10日星期四</p>');
    expect(top).toContain('<p class="likely">最可能 2026年12月7日星期一</p>');
    expect(top).toContain('我们承诺的是有把握的日期；您的订单很可能会更早备好。');
  });

  it('says nothing of it when the promise has no likely date', () => {
    const { likelyDate: _none, ...promise } = facts.promise!;
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = render({ ...facts, promise }, locale);
      expect(html).not.toContain('class="likely"');
      expect(html).not.toMatch(/Most likely|最可能/);
    }
  });
});
