import { describe, expect, it } from 'vitest';
import { CUSTOMER_KINDS, SALES_KINDS, type NoticeKind } from '../../../functions/domain/notify/kinds.ts';
import { renderMessage } from '../../../functions/domain/notify/render.ts';
import { TEMPLATE_FILES } from '../../../functions/domain/notify/templates/index.ts';
import type { BasisEntry } from '../../../functions/domain/promise/types.ts';
import { emailHtml, messageFacts } from '../../../functions/web/email.ts';
import type { Locale } from '../../../functions/web/i18n.ts';
import { buildMime } from '../../../functions/adapters/ses/mime.ts';

const delay = (extra: Partial<Extract<BasisEntry, { kind: 'reported-delay' }>> = {}): BasisEntry[] => [
  {
    kind: 'reported-delay',
    stage: 'PRODUCTION_STARTED',
    reason: 'Paint line breakdown',
    date: '2026-12-20',
    ...extra,
  },
];
const supply: BasisEntry[] = [
  { kind: 'awaiting-receipt', sku: 'MOTOR-5', shortQuantity: 4, ref: 'PO-7', date: '2026-12-05' },
];

/** The facts each kind is sent with by the workflow, in each state it can be in. */
const STATES: Record<NoticeKind, Record<string, Record<string, unknown>>> = {
  QUOTE_READY: { plain: { promisedDate: '2026-12-10', validUntil: '2026-12-09T10:00:00Z' } },
  ORDER_CONFIRMED: { plain: { promisedDate: '2026-12-10' } },
  MATERIALS_READY: { plain: { promisedDate: '2026-12-10', stage: 'MATERIALS_READY' } },
  PRODUCTION_STARTED: { plain: { promisedDate: '2026-12-10', stage: 'PRODUCTION_STARTED' } },
  PRODUCTION_FINISHED: { plain: { promisedDate: '2026-12-10', stage: 'PRODUCTION_COMPLETED' } },
  SHIPPED: {
    plain: {
      promisedDate: '2026-12-10',
      carrier: 'DHL',
      trackingNumber: 'DHL-1',
      estimatedDelivery: '2026-12-09',
    },
  },
  DELIVERED: { plain: { promisedDate: '2026-12-10', deliveredOn: '2026-12-09' } },
  // The workflow sent no validity with this notice before; the order's own value fills it now.
  QUOTE_EXPIRED: { 'from the notice': { validUntil: '2026-12-09T10:00:00Z' }, 'from the order': {} },
  ORDER_CANCELLED: { 'with a reason': { reason: 'Project stopped' }, 'without a reason': {} },
  PROMISE_CHANGED: {
    'delay with a customer note': {
      previousDate: '2026-12-10',
      newDate: '2026-12-23',
      cause: delay({ customerNote: 'A repair takes a week' }),
    },
    'delay without a note': { previousDate: '2026-12-10', newDate: '2026-12-23', cause: delay() },
    'delay with a category': {
      previousDate: '2026-12-10',
      newDate: '2026-12-23',
      cause: delay({ category: 'quality' }),
    },
    'supply change': { previousDate: '2026-12-10', newDate: '2026-12-23', cause: supply },
  },
  AT_RISK_WARNING: { plain: { promisedDate: '2026-12-10', cause: supply } },
  FRESH_LINK: { plain: { linkGeneration: 17 } },
  CONFIRMATION_NEEDED: {
    'with reasons': { reasons: ['capable-to-promise was needed'] },
    'no reasons': { reasons: [] },
  },
  CONFIRMATION_ESCALATED: { plain: { reasons: ['tier A customer'] } },
  QUOTE_ACCEPTED: { plain: { promisedDate: '2026-12-10' } },
  QUOTE_REJECTED: { plain: {} },
  ORDER_AT_RISK: {
    'after a delay': { previousDate: '2026-12-10', newDate: '2026-12-23', cause: delay() },
    'after a missed deadline': { stage: 'MATERIALS_READY', reason: 'MATERIALS_READY is overdue' },
  },
  CONTACT_OPTED_OUT: { plain: { channel: 'email' } },
  ADDRESS_BOUNCED: { plain: { reason: 'email refused by the provider' } },
  NEW_QUOTE_REQUESTED: { plain: {} },
  NEEDS_ATTENTION: {
    plain: { customerName: 'Acme', previousStatus: 'QUOTED', cause: 'No supply path for VALVE-10' },
  },
};

const cases = [...CUSTOMER_KINDS, ...SALES_KINDS].flatMap((kind) =>
  Object.entries(STATES[kind]).flatMap(([state, facts]) =>
    (CUSTOMER_KINDS.includes(kind as never) ? (['en', 'zh-CN'] as Locale[]) : (['en'] as Locale[])).map(
      (locale) => [kind, state, locale, facts] as const,
    ),
  ),
);

function compose(kind: NoticeKind, locale: Locale, facts: Record<string, unknown>) {
  const values = messageFacts({
    kind,
    facts,
    locale,
    timeZone: locale === 'en' ? 'Europe/Berlin' : 'Asia/Shanghai',
    orderId: 'ord_42',
    customerName: 'ACME',
    contactName: 'Ada',
    trackingUrl: 'https://pk.example/v1/track/TOKEN',
    order: { promisedDate: '2026-12-10', quoteValidUntil: '2026-12-09T10:00:00Z' },
  });
  return renderMessage(kind, locale, values);
}

describe('every message kind in every state and language', () => {
  it.each(cases)(
    '%s (%s) in %s fills every placeholder in its own language',
    (kind, _state, locale, facts) => {
      const message = compose(kind, locale, facts);
      expect(message.fellBack).toBe(false);
      expect(message.missing).toEqual([]);
      for (const part of [message.subject, message.text, message.sms]) {
        expect(part).not.toMatch(/\d{4}-\d{2}-\d{2}/); // dates in words, never ISO
        expect(part).not.toMatch(/\{\{|\}\}|undefined|\[object/);
      }
    },
  );

  it.each(cases.filter(([kind]) => CUSTOMER_KINDS.includes(kind as never)))(
    '%s (%s) in %s tells the customer nothing of the ERP text, SKUs or purchase orders',
    (kind, _state, locale, facts) => {
      const message = compose(kind, locale, facts);
      expect(`${message.text}${message.sms}`).not.toMatch(/Paint line|MOTOR-5|PO-7/);
      expect(message.sms).toContain('https://pk.example/v1/track/TOKEN');
    },
  );

  it('says the customer note when the plant wrote one, and the category in words otherwise', () => {
    expect(
      compose('PROMISE_CHANGED', 'en', STATES.PROMISE_CHANGED['delay with a customer note']!).text,
    ).toContain('A repair takes a week');
    expect(compose('PROMISE_CHANGED', 'en', STATES.PROMISE_CHANGED['delay without a note']!).text).toContain(
      'production takes longer than planned',
    );
    expect(
      compose('PROMISE_CHANGED', 'zh-CN', STATES.PROMISE_CHANGED['delay with a category']!).text,
    ).toContain('质量检验');
  });

  it('still tells sales the internal reason of a delay', () => {
    expect(compose('ORDER_AT_RISK', 'en', STATES.ORDER_AT_RISK['after a delay']!).text).toContain(
      'Paint line breakdown',
    );
  });

  it('has a Chinese file for every customer message', () => {
    for (const kind of CUSTOMER_KINDS) expect(TEMPLATE_FILES['zh-CN']?.[kind], kind).toBeDefined();
  });
});

describe('customer email', () => {
  const message = compose('QUOTE_READY', 'zh-CN', STATES.QUOTE_READY.plain!);
  const html = emailHtml({
    locale: 'zh-CN',
    subject: message.subject,
    bodyHtml: message.bodyHtml,
    lines: [{ name: 'Ball valve <DN10>', quantity: 20, unitPrice: 120 }],
    currency: 'EUR',
    trackingUrl: 'https://pk.example/v1/track/TOKEN',
    preferencesUrl: 'https://pk.example/v1/track/TOKEN/preferences?contact=c1&sig=S',
    unsubscribeUrl: 'https://pk.example/v1/track/TOKEN/unsubscribe?contact=c1&sig=S',
  });

  it('shows the lines with prices and total, a button to the page and the settings links', () => {
    expect(html).toContain('Ball valve &lt;DN10&gt;');
    expect(html).toMatch(/€2,400\.00|2,400\.00/);
    expect(html).toContain('打开您的订单');
    expect(html).toContain('/preferences?contact=c1&amp;sig=S');
    expect(html).toContain('/unsubscribe?contact=c1&amp;sig=S');
  });

  it('goes out as MIME with a text part, Reply-To and the RFC 8058 headers', () => {
    const mime = buildMime({
      from: 'orders@example.com',
      to: 'ada@acme.example',
      subject: message.subject,
      text: message.text,
      html,
      replyTo: 'sam@plant.example',
      headers: {
        'List-Unsubscribe': '<https://pk.example/v1/track/TOKEN/unsubscribe?contact=c1&sig=S>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    expect(mime).toContain('Reply-To: sam@plant.example\r\n');
    expect(mime).toContain(
      'List-Unsubscribe: <https://pk.example/v1/track/TOKEN/unsubscribe?contact=c1&sig=S>\r\n',
    );
    expect(mime).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    expect(mime).toMatch(/Subject: =\?UTF-8\?B\?/);
    expect(mime).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(mime).toContain('Content-Type: text/html; charset=UTF-8');
  });

  it('refuses a header value with a line break', () => {
    expect(() =>
      buildMime({ from: 'a@b.c', to: 'x@y.z\r\nBcc: evil@example.com', subject: 's', text: 't', html: 'h' }),
    ).toThrow(/line break/);
  });
});

describe('the likely date in the quote and the order confirmation', () => {
  const likely = { promisedDate: '2026-12-10', likelyDate: '2026-12-07' };
  const quote = { ...likely, validUntil: '2026-12-09T10:00:00Z' };
  const said: Record<Locale, { sentence: string; date: string }> = {
    en: { sentence: 'it will most likely be ready by', date: '7 December 2026' },
    'zh-CN': { sentence: '订单很可能在', date: '2026年12月7日' },
  };

  it.each([
    ['QUOTE_READY', 'en'],
    ['QUOTE_READY', 'zh-CN'],
    ['ORDER_CONFIRMED', 'en'],
    ['ORDER_CONFIRMED', 'zh-CN'],
  ] as const)('%s in %s says the likely date in words, in the text and in the HTML', (kind, locale) => {
    const message = compose(kind, locale, kind === 'QUOTE_READY' ? quote : likely);
    const { sentence, date } = said[locale];
    expect(message.missing).toEqual([]);
    for (const part of [message.text, message.bodyHtml]) {
      expect(part).toContain(sentence);
      expect(part).toContain(date);
      expect(part).not.toMatch(/\d{4}-\d{2}-\d{2}|\{\{|\}\}/);
    }
    const html = emailHtml({
      locale,
      subject: message.subject,
      bodyHtml: message.bodyHtml,
      lines: [],
      currency: 'EUR',
      trackingUrl: 'https://pk.example/v1/track/TOKEN',
    });
    expect(html).toContain(date);
  });

  it.each([
    ['QUOTE_READY', 'en'],
    ['QUOTE_READY', 'zh-CN'],
    ['ORDER_CONFIRMED', 'en'],
    ['ORDER_CONFIRMED', 'zh-CN'],
  ] as const)('%s in %s says nothing of it without a likely date, and misses nothing', (kind, locale) => {
    const message = compose(kind, locale, STATES[kind].plain!);
    expect(message.missing).toEqual([]);
    expect(`${message.text}${message.bodyHtml}`).not.toContain(said[locale].sentence);
  });

  it('says nothing of a likely date that is not earlier than the promise', () => {
    const message = compose('ORDER_CONFIRMED', 'en', {
      promisedDate: '2026-12-10',
      likelyDate: '2026-12-10',
    });
    expect(message.text).not.toContain(said.en.sentence);
  });

  it('keeps the SMS and the subject to the promised date alone', () => {
    const message = compose('QUOTE_READY', 'en', quote);
    expect(`${message.subject}${message.sms}`).not.toContain('7 December');
  });
});
