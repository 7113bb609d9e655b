import type { TimelineEntry } from '../../domain/order/types.ts';
import { ERP_EVENT_TYPES, type ErpEventType } from '../../domain/order/stages.ts';
import { ORDER_STATUSES, type OrderStatus } from '../../domain/order/status.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, formatDateTime, type Locale } from '../i18n.ts';
import { ct } from './messages.ts';
import { moveReasonWords } from './reasons.ts';

const isStatus = (value: unknown): value is OrderStatus => ORDER_STATUSES.includes(value as OrderStatus);
const isErpType = (value: unknown): value is ErpEventType => ERP_EVENT_TYPES.includes(value as ErpEventType);
const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z)?\b/g;

/**
 * A timeline entry in the reader's words. The stored summary is written for operators, in English,
 * with ISO dates; the kinds the console knows are said from their data instead, and any other
 * summary keeps its words but shows its dates and times as the reader reads them.
 */
export function timelineWords(entry: TimelineEntry, locale: Locale, timeZone: string): string {
  const data = entry.data ?? {};
  const date = (value: unknown) => (typeof value === 'string' ? formatDate(value, locale, 'medium') : '—');
  const erp = (value: unknown) => (isErpType(value) ? ct(locale, `erp_${value}`) : String(value ?? '—'));
  if (entry.kind === 'INQUIRY_RECEIVED')
    return ct(locale, 'tl_received', { lines: /(\d+) line/.exec(entry.summary)?.[1] ?? '—' });
  if (entry.kind.startsWith('STATUS_') && isStatus(entry.status))
    return ct(locale, 'tl_status', { status: ct(locale, `st_${entry.status}`) });
  if (entry.kind.startsWith('PROMISE_V') && typeof data.newDate === 'string')
    return ct(locale, 'tl_promiseMoved', {
      version: String(data.version ?? ''),
      from: date(data.previousDate),
      date: date(data.newDate),
      reason: typeof data.reason === 'string' ? moveReasonWords(data.reason, locale) : '—',
    });
  if (entry.kind.startsWith('ERP_DELAY_REPORTED'))
    return ct(locale, 'tl_delay', {
      stage: erp(data.stage),
      reason: String(data.reason ?? '—'),
      date: date(data.newEstimatedDate),
    });
  if (entry.kind.startsWith('ERP_') && isErpType(data.type))
    return ct(locale, 'tl_erp', { event: erp(data.type) });
  if (entry.kind.startsWith('RETRIED#')) return ct(locale, 'tl_retried');
  return readableDates(entry.summary, locale, timeZone);
}

/** Text written for operators with its ISO dates and instants shown as the reader reads them. */
export function readableDates(text: string, locale: Locale, timeZone: string): string {
  return text.replace(ISO_INSTANT, (found) =>
    found.length > 10 ? formatDateTime(found, locale, timeZone) : formatDate(found, locale, 'medium'),
  );
}

/** The order's timeline, oldest first, each time in the plant's zone (named once above the list). */
export function renderTimeline(timeline: readonly TimelineEntry[], locale: Locale, timeZone: string): Html {
  return markup`<p class="muted">${ct(locale, 'plantTime', { zone: timeZone })}</p><ul class="history">${timeline.map(
    (entry) =>
      markup`<li><time class="muted" datetime="${entry.at}">${formatDateTime(entry.at, locale, timeZone)}</time> ${timelineWords(entry, locale, timeZone)}</li>`,
  )}</ul>`;
}
