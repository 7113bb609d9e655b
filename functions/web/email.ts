import { customerCause } from '../domain/customer/cause.ts';
import type { NoticeKind } from '../domain/notify/kinds.ts';
import { isCustomerKind } from '../domain/notify/kinds.ts';
import { describeCause } from '../domain/notify/render.ts';
import type { BasisEntry } from '../domain/promise/types.ts';
import { markup, raw } from './html.ts';
import { causeWords, formatDate, formatDateTime, formatMoney, type Locale } from './i18n.ts';

/** Everything a message may say, gathered at send time (nothing here is stored with the message). */
export interface MessageInput {
  readonly kind: NoticeKind;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly orderId: string;
  readonly customerName: string;
  readonly contactName: string;
  readonly trackingUrl: string;
  readonly order?: {
    readonly promisedDate?: string;
    readonly quoteValidUntil?: string;
    readonly cancelReason?: string;
  };
}

const DATE_FACTS = [
  'promisedDate',
  'likelyDate',
  'previousDate',
  'newDate',
  'estimatedDelivery',
  'deliveredOn',
] as const;

const WORDS = {
  en: {
    actionNeeded: 'No action is needed; reply if the new date does not work for you.',
    noReason: 'no reason was given',
    button: 'Open your order',
    preferences: 'Notification settings',
    unsubscribe: 'Unsubscribe',
    product: 'Product',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    total: 'Total',
  },
  'zh-CN': {
    actionNeeded: '您无需采取任何行动；如新日期不可接受，请回复我们。',
    noReason: '未说明原因',
    button: '打开您的订单',
    preferences: '通知设置',
    unsubscribe: '退订',
    product: '产品',
    quantity: '数量',
    unitPrice: '单价',
    total: '合计',
  },
} as const;

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value);

/**
 * The values of a message's placeholders in the recipient's language: dates in words (an instant
 * in their time zone, never raw ISO), causes in customer words for customers (the plant's note or
 * the category, never the ERP's text) and in full for sales.
 */
export function messageFacts(input: MessageInput): Record<string, string> {
  const { facts, locale } = input;
  const forCustomer = isCustomerKind(input.kind);
  const basis = Array.isArray(facts.cause) ? (facts.cause as BasisEntry[]) : undefined;
  const cause = basis
    ? forCustomer
      ? causeWords(customerCause(basis), locale)
      : describeCause(basis, locale)
    : text(facts.cause);
  const out: Record<string, string> = Object.fromEntries(
    Object.entries(facts).map(([key, value]) => [key, text(value)]),
  );
  const promisedDate = text(facts.promisedDate) || input.order?.promisedDate || '';
  out.promisedDate = promisedDate;
  // Said only beside the promise it is earlier than: one on or after it would read as a slip.
  const likelyDate = text(facts.likelyDate);
  out.likelyDate = likelyDate && promisedDate && likelyDate < promisedDate ? likelyDate : '';
  out.newDate ||= promisedDate;
  for (const key of DATE_FACTS) if (out[key]) out[key] = formatDate(out[key], locale);
  const validUntil = text(facts.validUntil) || input.order?.quoteValidUntil || '';
  out.validUntil = validUntil ? formatDateTime(validUntil, locale, input.timeZone) : '';
  out.reason = text(facts.reason) || input.order?.cancelReason || WORDS[locale].noReason;
  out.reasons = text(facts.reasons) || WORDS[locale].noReason;
  return {
    ...out,
    orderId: input.orderId,
    customerName: input.customerName,
    contactName: input.contactName,
    trackingUrl: input.trackingUrl,
    // Templates end the sentence themselves: a note's own full stop would double it.
    cause: cause.replace(/[.。]+$/, '') || WORDS[locale].noReason,
    riskReason: [text(facts.reason), cause].filter(Boolean).join('; ') || WORDS[locale].noReason,
    channel: text(facts.channel),
    actionNeeded: WORDS[locale].actionNeeded,
  };
}

export interface EmailLine {
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice?: number;
}

/**
 * The HTML part of a customer email: the message, the order's lines with prices, one clear button
 * to the order page, and the links to settings and unsubscribe. Inline styles only: mail clients
 * drop style sheets, and nothing is loaded from elsewhere.
 */
export function emailHtml(input: {
  readonly locale: Locale;
  readonly subject: string;
  readonly bodyHtml: string;
  readonly lines: readonly EmailLine[];
  readonly currency: string;
  readonly trackingUrl: string;
  readonly preferencesUrl?: string;
  readonly unsubscribeUrl?: string;
}): string {
  const words = WORDS[input.locale];
  const money = (amount: number) => formatMoney(amount, input.currency, input.locale);
  const priced = input.lines.every((line) => line.unitPrice !== undefined);
  const total = input.lines.reduce((sum, line) => sum + (line.unitPrice ?? 0) * line.quantity, 0);
  const cell = 'padding:6px 8px;border-bottom:1px solid #e5e5e5;text-align:left';
  const table = input.lines.length
    ? markup`<table role="presentation" style="border-collapse:collapse;width:100%;margin:16px 0">
        <tr>
          <th style="${cell}">${words.product}</th>
          <th style="${cell};text-align:right">${words.quantity}</th>
          ${priced ? markup`<th style="${cell};text-align:right">${words.unitPrice}</th>` : ''}
        </tr>
        ${input.lines.map(
          (line) =>
            markup`<tr>
              <td style="${cell}">${line.name}</td>
              <td style="${cell};text-align:right">${line.quantity}</td>
              ${priced ? markup`<td style="${cell};text-align:right">${money(line.unitPrice ?? 0)}</td>` : ''}
            </tr>`,
        )}${
          priced
            ? markup`<tr>
                <th style="${cell}" colspan="2">${words.total}</th>
                <td style="${cell};text-align:right"><strong>${money(total)}</strong></td>
              </tr>`
            : ''
        }
      </table>`
    : '';
  const footer = [
    input.preferencesUrl
      ? markup`<a href="${input.preferencesUrl}" style="color:#374151">${words.preferences}</a>`
      : '',
    input.unsubscribeUrl
      ? markup`<a href="${input.unsubscribeUrl}" style="color:#374151">${words.unsubscribe}</a>`
      : '',
  ].filter(Boolean);
  return markup`<!doctype html>
    <html lang="${input.locale}">
      <head>
        <meta charset="utf-8" />
        <title>${input.subject}</title>
      </head>
      <body
        style="margin:0;background:#f5f5f4;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','PingFang SC','Microsoft YaHei',sans-serif;color:#1a1a1a"
      >
        <div
          style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;font-size:16px;line-height:1.5"
        >
          ${raw(input.bodyHtml)}${table}
          <p style="margin:24px 0">
            <a
              href="${input.trackingUrl}"
              style="display:inline-block;background:#166534;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600"
              >${words.button}</a
            >
          </p>
          ${footer.length ? markup`<p style="font-size:13px;color:#4b5563">${footer.map((link, index) => markup`${index ? ' · ' : ''}${link}`)}</p>` : ''}
        </div>
      </body>
    </html>`.value;
}

export const footerText = (locale: Locale, links: { preferences?: string; unsubscribe?: string }): string =>
  [
    links.preferences ? `${WORDS[locale].preferences}: ${links.preferences}` : '',
    links.unsubscribe ? `${WORDS[locale].unsubscribe}: ${links.unsubscribe}` : '',
  ]
    .filter(Boolean)
    .join('\n');
