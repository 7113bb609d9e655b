import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrderPage, type OrderPageFacts } from '../../../functions/domain/customer/order-page.ts';
import { MESSAGES, LOCALES, type Locale } from '../../../functions/web/i18n.ts';
import { renderOrderPage } from '../../../functions/web/order-page.ts';
import { renderPreferencesPage } from '../../../functions/web/preferences-page.ts';
import {
  renderErrorPage,
  renderLinkPage,
  renderUnsubscribePage,
} from '../../../functions/web/simple-pages.ts';
import { preferencesFromForm } from '../../../functions/web/preferences-form.ts';
import { ValidationError } from '../../../functions/shared/errors.ts';
import {
  contactSignature,
  contactSignatureValid,
  formToken,
  formTokenValid,
} from '../../../functions/shared/auth/form-token.ts';

const facts: OrderPageFacts = {
  order: {
    orderId: 'ord_1',
    status: 'SHIPPED',
    lines: [{ sku: 'VALVE-10', quantity: 20 }],
    promisedDate: '2026-12-10',
    promiseVersion: 2,
    completedStages: ['MATERIALS_READY', 'PRODUCTION_STARTED', 'PRODUCTION_COMPLETED', 'SHIPPED'],
    shipment: { carrier: 'DHL <b>', trackingNumber: 'DHL-1', estimatedDelivery: '2026-12-09' },
  },
  promise: {
    version: 2,
    date: '2026-12-10',
    previousDate: '2026-12-04',
    cause: [{ kind: 'reported-delay', stage: 'SHIPPED', reason: 'internal', date: '2026-12-10' }],
    shipments: [
      { quantity: 8, date: '2026-12-04' },
      { quantity: 12, date: '2026-12-10' },
    ],
  },
  timeline: [
    { at: '2026-12-01T08:00:00Z', kind: 'INQUIRY_RECEIVED' },
    { at: '2026-12-03T08:00:00Z', kind: 'ERP_SHIPPED#e9' },
  ],
  products: new Map([['VALVE-10', { name: 'Ball valve DN10', unitPrice: 120 }]]),
  customer: {
    locale: 'en',
    timeZone: 'Europe/Berlin',
    salesOwner: { name: 'Sam Sales', email: 'sam@plant.example' },
    contacts: [{ id: 'buyer', name: 'Ada' }],
  },
  currency: 'EUR',
  now: new Date('2026-12-05T00:00:00Z'),
};
const contact = { id: 'buyer', name: 'Ada <Buyer>', email: 'ada@acme.example', phone: '+4915112345678' };

function everyPage(locale: Locale): Record<string, string> {
  const basePath = '/v1/track/TOKEN';
  const forms = { decision: 'F1', requote: 'F2' };
  return {
    order: renderOrderPage(buildOrderPage(facts), { locale, basePath, formTokens: forms }),
    quote: renderOrderPage(
      buildOrderPage({
        ...facts,
        order: {
          ...facts.order,
          status: 'QUOTED',
          quoteValidUntil: '2026-12-09T00:00:00Z',
          completedStages: [],
        },
      }),
      {
        locale,
        basePath,
        formTokens: forms,
        notice: 'accepted',
      },
    ),
    expired: renderOrderPage(
      buildOrderPage({
        ...facts,
        order: {
          ...facts.order,
          status: 'QUOTE_EXPIRED',
          quoteValidUntil: '2026-12-01T00:00:00Z',
          completedStages: [],
        },
      }),
      {
        locale,
        basePath,
        formTokens: forms,
      },
    ),
    reviewing: renderOrderPage(
      buildOrderPage({
        ...facts,
        order: {
          ...facts.order,
          status: 'NEEDS_ATTENTION',
          needsAttention: { previousStatus: 'QUOTED' },
          quoteValidUntil: '2026-12-09T00:00:00Z',
          completedStages: [],
        },
      }),
      { locale, basePath, formTokens: forms },
    ),
    preferences: renderPreferencesPage(
      { ...contact, preferences: { optOut: { sms: true }, quietHours: { start: '22:00', end: '07:00' } } },
      {
        locale,
        basePath,
        contactQuery: 'contact=buyer&sig=S',
        formToken: 'F3',
        saved: true,
        companyLocale: 'en',
        salesOwnerName: 'Sam',
      },
    ),
    unsubscribe: renderUnsubscribePage({
      locale,
      basePath,
      contactQuery: 'contact=buyer&sig=S',
      contactName: 'Ada',
      done: false,
    }),
    unsubscribed: renderUnsubscribePage({
      locale,
      basePath,
      contactQuery: 'contact=buyer&sig=S',
      contactName: 'Ada',
      done: true,
    }),
    link: renderLinkPage({ locale, basePath, sent: false, days: 90 }),
    linkSent: renderLinkPage({ locale, basePath, sent: true, days: 90 }),
    error: renderErrorPage({ locale, selfPath: basePath, formExpired: true }),
  };
}

describe('translations', () => {
  it('has every page string in both languages, none empty', () => {
    const english = Object.keys(MESSAGES.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual(english);
      for (const [key, value] of Object.entries(MESSAGES[locale]))
        expect(value.trim(), `${locale}/${key}`).not.toBe('');
    }
  });
});

describe.each(LOCALES)('every page in %s', (locale) => {
  const pages = everyPage(locale);
  it.each(Object.keys(pages))('%s is complete, escaped, self-contained and under 50 KB', (name) => {
    const page = pages[name]!;
    expect(page).toContain(`<html lang="${locale}"`);
    expect(page).not.toMatch(/\{\w+\}|undefined|NaN|\[object/);
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('Ada <Buyer>');
    expect(Buffer.byteLength(page)).toBeLessThan(50 * 1024);
  });

  it('shows the slip, the deliveries and the shipment card', () => {
    expect(pages.order).toContain('class="slip"');
    expect(pages.order).toContain('<del>');
    expect(pages.order).toContain(locale === 'en' ? 'Delivery 1 of 2' : '第 1 批，共 2 批');
    expect(pages.order).toContain('DHL-1');
    expect(pages.order).not.toContain('internal');
  });
});

describe('a quote that waits for our people', () => {
  it.each(LOCALES)('offers no Accept or Reject in %s, and names who will be in touch', (locale) => {
    const page = everyPage(locale).reviewing!;
    expect(everyPage(locale).quote).toContain('value="accept"');
    expect(page).not.toContain('value="accept"');
    expect(page).not.toContain('value="reject"');
    expect(page).toContain('Sam Sales');
  });
});

describe('preference centre form', () => {
  it('stores every kind shown, the opt-outs, quiet hours and language', () => {
    const preferences = preferencesFromForm({
      channel: ['QUOTE_READY:email', 'SHIPPED:sms'],
      optOut: ['sms'],
      quietStart: '22:00',
      quietEnd: '07:00',
      locale: 'zh-CN',
    });
    expect(preferences.channels?.QUOTE_READY).toEqual(['email']);
    expect(preferences.channels?.SHIPPED).toEqual(['sms']);
    expect(preferences.channels?.DELIVERED).toEqual([]);
    expect(preferences).toMatchObject({
      optOut: { email: false, sms: true },
      quietHours: { start: '22:00', end: '07:00' },
      locale: 'zh-CN',
    });
  });

  it('refuses quiet hours with only one end, naming the missing field', () => {
    try {
      preferencesFromForm({ channel: [], optOut: [], quietStart: '22:00', quietEnd: '' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('quietEnd');
    }
  });
});

describe('form and contact tokens', () => {
  beforeAll(() => {
    process.env.TRACKING_SECRET = 'unit-test-secret';
  });

  it('accepts a form token only for its own link and purpose, and only for a day', async () => {
    const issued = new Date('2026-12-01T10:00:00Z');
    const token = await formToken('hash-a', 'decision', issued);
    expect(await formTokenValid(token, 'hash-a', 'decision', new Date('2026-12-01T12:00:00Z'))).toBe(true);
    expect(await formTokenValid(token, 'hash-b', 'decision', issued)).toBe(false);
    expect(await formTokenValid(token, 'hash-a', 'requote', issued)).toBe(false);
    expect(await formTokenValid(token, 'hash-a', 'decision', new Date('2026-12-02T10:01:00Z'))).toBe(false);
    expect(await formTokenValid(undefined, 'hash-a', 'decision', issued)).toBe(false);
  });

  it('gives each form its own nonce', async () => {
    expect(await formToken('hash-a', 'decision')).not.toBe(await formToken('hash-a', 'decision'));
  });

  it("signs a contact for one order's links only", async () => {
    const signature = await contactSignature('ord_1', 'buyer');
    expect(await contactSignatureValid('ord_1', 'buyer', signature)).toBe(true);
    expect(await contactSignatureValid('ord_1', 'other', signature)).toBe(false);
    expect(await contactSignatureValid('ord_2', 'buyer', signature)).toBe(false);
  });
});
