import { describe, expect, it } from 'vitest';
import { CUSTOMER_KINDS, SALES_KINDS } from '../../../functions/domain/notify/kinds.ts';
import { describeCause, renderMessage } from '../../../functions/domain/notify/render.ts';
import { countSegments } from '../../../functions/domain/notify/segments.ts';
import { sendAt } from '../../../functions/domain/notify/preferences.ts';

const facts = {
  orderId: 'ord_42',
  contactName: 'Ada',
  customerName: 'ACME',
  promisedDate: '2026-12-01',
  previousDate: '2026-12-01',
  newDate: '2026-12-09',
  cause: 'component MOTOR-5 is 20 short until purchase order PO-7 arrives on 2026-12-05',
  trackingUrl: 'https://api.example/v1/track/TOKEN',
  validUntil: '2026-12-07',
  carrier: 'DHL',
  trackingNumber: 'DHL-1',
  estimatedDelivery: '2026-12-03',
  deliveredOn: '2026-12-03',
  reason: 'Project stopped',
  reasons: 'tier A customer',
  channel: 'sms',
};

describe('every template in every locale', () => {
  const cases = [
    ...CUSTOMER_KINDS.flatMap((kind) => [[kind, 'en'] as const, [kind, 'zh-CN'] as const]),
    ...SALES_KINDS.map((kind) => [kind, 'en'] as const),
  ];
  it.each(cases)('%s in %s carries the order and its facts', (kind, locale) => {
    const message = renderMessage(
      kind,
      locale,
      facts,
      'https://api.example/v1/track/TOKEN/unsubscribe?contact=c1',
    );
    expect(message.locale).toBe(locale);
    expect(message.fellBack).toBe(false);
    // Opt-outs and bounces are about a customer's contact, not about one order.
    const subjectOf = kind === 'CONTACT_OPTED_OUT' || kind === 'ADDRESS_BOUNCED' ? 'ACME' : 'ord_42';
    for (const part of [message.subject, message.text, message.html]) expect(part).toContain(subjectOf);
    expect(message.sms.length).toBeGreaterThan(0);
    if (kind === 'PROMISE_CHANGED') {
      expect(message.text).toContain('2026-12-09');
      expect(message.text).toContain('PO-7');
    }
    if (kind === 'SHIPPED') expect(message.text).toContain('DHL-1');
    if (CUSTOMER_KINDS.includes(kind as never)) expect(message.html).toContain('/unsubscribe?contact=c1');
  });

  it('escapes customer-supplied text in HTML and keeps it out of headers', () => {
    const message = renderMessage('ORDER_CANCELLED', 'en', {
      ...facts,
      reason: '<script>alert(1)</script>',
      contactName: 'Eve\r\nBcc: x@evil.example',
    });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;');
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.text).not.toContain('\r');
  });

  it('falls back to English when a locale lacks a template', () => {
    const message = renderMessage('QUOTE_ACCEPTED', 'zh-CN', facts);
    expect(message).toMatchObject({ locale: 'en', fellBack: true });
  });

  it('explains a delay in plain words in both languages', () => {
    const cause = [
      { kind: 'capacity' as const, workCenter: 'ASSEMBLY', fullUntil: '2026-12-04', date: '2026-12-05' },
    ];
    expect(describeCause(cause, 'en')).toBe('work center ASSEMBLY is fully booked until 2026-12-04');
    expect(describeCause(cause, 'zh-CN')).toContain('ASSEMBLY');
  });
});

describe('SMS segments', () => {
  it('counts GSM-7 in 160/153 septets, with extension characters taking two', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
  });

  it('counts UCS-2 in 70/67 units once any character needs it', () => {
    expect(countSegments('订单'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments('订'.repeat(71)).segments).toBe(2);
  });

  it('fits the English shipped notice in one segment', () => {
    expect(countSegments(renderMessage('SHIPPED', 'en', facts).sms).segments).toBe(1);
  });
});

describe('quiet hours', () => {
  const quiet = { start: '22:00', end: '07:00' };
  it('holds a non-critical message until the window ends, across midnight, in the contact time zone', () => {
    const lateEvening = new Date('2026-11-23T22:30:00Z'); // 23:30 in Berlin
    expect(sendAt(lateEvening, false, 'Europe/Berlin', quiet).toISOString()).toBe('2026-11-24T06:00:00.000Z');
  });
  it('lets a critical message through at once', () => {
    const lateEvening = new Date('2026-11-23T22:30:00Z');
    expect(sendAt(lateEvening, true, 'Europe/Berlin', quiet)).toEqual(lateEvening);
  });
  it('sends at once outside the window', () => {
    const noon = new Date('2026-11-23T11:00:00Z');
    expect(sendAt(noon, false, 'Europe/Berlin', quiet)).toEqual(noon);
  });
});
