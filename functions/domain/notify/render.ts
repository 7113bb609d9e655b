import type { BasisEntry } from '../promise/types.ts';
import type { NoticeKind } from './kinds.ts';
import { TEMPLATE_FILES } from './templates/index.ts';

export type Locale = 'en' | 'zh-CN';

export interface RenderedMessage {
  readonly template: string;
  readonly locale: Locale;
  /** True when the wanted locale had no template and English was used. */
  readonly fellBack: boolean;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly sms: string;
  /** The message's paragraphs as HTML, for a richer email layout around them. */
  readonly bodyHtml: string;
  /** Placeholders that had no value: a message that says "expired on  without" is a bug. */
  readonly missing: readonly string[];
}

const CAUSE_WORDS: Record<Locale, Record<BasisEntry['kind'], (entry: never) => string>> = {
  en: {
    'stock-available': (e: { sku: string }) => `${e.sku} is in stock`,
    'awaiting-receipt': (e: { sku: string; shortQuantity: number; ref: string; date: string }) =>
      `component ${e.sku} is ${e.shortQuantity} short until purchase order ${e.ref} arrives on ${e.date}`,
    'purchase-lead-time': (e: { sku: string; leadTimeDays: number }) =>
      `component ${e.sku} must be bought in (${e.leadTimeDays} working days)`,
    'material-ready': (e: { sku: string; date: string }) => `materials for ${e.sku} are ready on ${e.date}`,
    capacity: (e: { workCenter: string; fullUntil: string }) =>
      `work center ${e.workCenter} is fully booked until ${e.fullUntil}`,
    'production-complete': (e: {
      sku: string;
      date: string;
      workCenter?: string;
      productionDays?: number;
    }) =>
      e.workCenter
        ? `production of ${e.sku} completes on ${e.date} (work center ${e.workCenter}, ${e.productionDays ?? 1} production day(s))`
        : `production of ${e.sku} completes on ${e.date}`,
    transit: (e: { region: string; businessDays: number }) =>
      `transit to ${e.region} takes ${e.businessDays} business days`,
    'order-cutoff': (e: { countsFrom: string }) =>
      `the order came after today's cut-off and counts from ${e.countsFrom}`,
    'reported-delay': (e: { stage: string; reason: string }) =>
      `the plant reported a delay at ${e.stage.toLowerCase().replaceAll('_', ' ')}: ${e.reason}`,
    'carrier-estimate': (e: { carrier: string; date: string }) =>
      `the carrier ${e.carrier} now estimates delivery on ${e.date}`,
  },
  'zh-CN': {
    'stock-available': (e: { sku: string }) => `${e.sku} 有现货`,
    'awaiting-receipt': (e: { sku: string; shortQuantity: number; ref: string; date: string }) =>
      `零部件 ${e.sku} 缺 ${e.shortQuantity} 件，需等待采购单 ${e.ref} 于 ${e.date} 到货`,
    'purchase-lead-time': (e: { sku: string; leadTimeDays: number }) =>
      `零部件 ${e.sku} 需外购（${e.leadTimeDays} 个工作日）`,
    'material-ready': (e: { sku: string; date: string }) => `${e.sku} 的物料于 ${e.date} 备齐`,
    capacity: (e: { workCenter: string; fullUntil: string }) =>
      `工作中心 ${e.workCenter} 在 ${e.fullUntil} 前已排满`,
    'production-complete': (e: {
      sku: string;
      date: string;
      workCenter?: string;
      productionDays?: number;
    }) =>
      e.workCenter
        ? `${e.sku} 于 ${e.date} 完成生产（工作中心 ${e.workCenter}，生产 ${e.productionDays ?? 1} 天）`
        : `${e.sku} 于 ${e.date} 完成生产`,
    transit: (e: { region: string; businessDays: number }) =>
      `运往 ${e.region} 需 ${e.businessDays} 个工作日`,
    'order-cutoff': (e: { countsFrom: string }) => `订单晚于当日截止时间，从 ${e.countsFrom} 起计`,
    'reported-delay': (e: { stage: string; reason: string }) => `工厂报告 ${e.stage} 阶段延误：${e.reason}`,
    'carrier-estimate': (e: { carrier: string; date: string }) => `承运商 ${e.carrier} 预计 ${e.date} 送达`,
  },
};

/** The cause of a date in plain words: the entries that explain a delay, not the routine ones. */
export function describeCause(basis: readonly BasisEntry[], locale: Locale): string {
  const telling = basis.filter(
    (entry) => !['stock-available', 'transit', 'material-ready', 'production-complete'].includes(entry.kind),
  );
  const entries = telling.length ? telling : basis;
  return entries
    .map((entry) => CAUSE_WORDS[locale][entry.kind](entry as never))
    .join(locale === 'en' ? '; ' : '；');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
/** Removes control characters a customer could use to forge lines or headers. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const clean = (value: string): string => value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

const PLACEHOLDER = /\{\{(\?)?(\w+)\}\}/g;

/** Whether every placeholder of an optional sentence has a value, so it can be said whole. */
const complete = (sentence: string, facts: Record<string, string>): boolean =>
  [...sentence.matchAll(PLACEHOLDER)].every(([, , name]) => clean(facts[name ?? ''] ?? '').trim() !== '');

function fill(
  template: string,
  facts: Record<string, string>,
  escape: (value: string) => string,
  missing?: Set<string>,
  optional: Readonly<Record<string, string>> = {},
): string {
  return template.replace(PLACEHOLDER, (_, isOptional: string | undefined, name: string) => {
    if (isOptional) {
      const sentence = optional[name];
      if (sentence === undefined) throw new Error(`Template has no optional sentence ${name}`);
      return complete(sentence, facts) ? fill(sentence, facts, escape) : '';
    }
    const value = clean(facts[name] ?? '');
    if (!value.trim()) missing?.add(name);
    return escape(value);
  });
}

const URL_PATTERN = /(https?:\/\/[^\s<]+)/g;

/**
 * Renders a message from its template file in the wanted locale (English when that locale has
 * none). Every value is customer data as far as rendering is concerned: escaped in HTML, cleaned
 * of control characters everywhere.
 */
export function renderMessage(
  kind: NoticeKind,
  wanted: Locale,
  facts: Record<string, string>,
  unsubscribeUrl?: string,
): RenderedMessage {
  const localized = TEMPLATE_FILES[wanted]?.[kind];
  const file = localized ?? TEMPLATE_FILES.en?.[kind];
  if (!file) throw new Error(`No template for ${kind}`);
  const locale: Locale = localized ? wanted : 'en';
  const missing = new Set<string>();
  const optional = file.optional ?? {};
  const text = fill(file.text, facts, (value) => value, missing, optional);
  const paragraphs = fill(file.text, facts, escapeHtml, undefined, optional)
    .split('\n\n')
    .map(
      (paragraph) =>
        `<p>${paragraph.replaceAll('\n', '<br>').replace(URL_PATTERN, '<a href="$1">$1</a>')}</p>`,
    );
  const footer = unsubscribeUrl
    ? `<p style="font-size:small"><a href="${escapeHtml(unsubscribeUrl)}">${locale === 'en' ? 'Unsubscribe' : '退订'}</a></p>`
    : '';
  return {
    template: `${locale}/${kind}`,
    locale,
    fellBack: !localized,
    subject: fill(file.subject, facts, (value) => value.replace(/[\r\n]/g, ' '), missing),
    text: unsubscribeUrl ? `${text}\n\n${locale === 'en' ? 'Unsubscribe' : '退订'}: ${unsubscribeUrl}` : text,
    html: `<!doctype html><html lang="${locale}"><body>${paragraphs.join('')}${footer}</body></html>`,
    sms: fill(file.sms ?? file.subject, facts, (value) => value, missing),
    bodyHtml: paragraphs.join(''),
    missing: [...missing],
  };
}
