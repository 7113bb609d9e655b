import type { QueueEntry } from '../../usecases/order/console-queue.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, formatDateTime, type Locale } from '../i18n.ts';
import { CONSOLE_BASE, consolePage } from './frame.ts';
import { ct } from './messages.ts';

function countdown(escalatesAt: string, now: Date, locale: Locale): string {
  const minutes = Math.round((Date.parse(escalatesAt) - now.getTime()) / 60_000);
  const parts = { hours: Math.floor(Math.abs(minutes) / 60), minutes: Math.abs(minutes) % 60 };
  return ct(locale, minutes >= 0 ? 'inTime' : 'overdueBy', parts);
}

export interface QueueContext {
  readonly locale: Locale;
  readonly now: Date;
  readonly logoutToken: string;
  /** Token of the queue's preview form. */
  readonly previewToken: string;
  /** The orders ticked for a preview, and the token of the confirm form bound to exactly them. */
  readonly preview?: { readonly entries: readonly QueueEntry[]; readonly token: string };
  readonly results?: readonly { orderId: string; ok: boolean; detail?: string }[];
}

export function renderQueue(queue: readonly QueueEntry[], context: QueueContext): string {
  const { locale, now } = context;
  const date = (value?: string) => (value ? formatDate(value, locale, 'medium') : '—');
  const results: Html | '' = context.results
    ? markup`<section class="${context.results.every((r) => r.ok) ? 'ok' : 'note'}" role="status">
        <p>${ct(locale, 'bulkDone', { ok: context.results.filter((r) => r.ok).length, count: context.results.length })}</p>
        <ul>${context.results.filter((r) => !r.ok).map((r) => markup`<li>${ct(locale, 'bulkFailed', { orderId: r.orderId, detail: r.detail ?? '' })}</li>`)}</ul></section>`
    : '';
  const preview: Html | '' = context.preview
    ? markup`<section class="note" aria-labelledby="preview"><h2 id="preview">${ct(locale, 'previewTitle', { count: context.preview.entries.length })}</h2>
        <ul>${context.preview.entries.map((entry) => markup`<li><strong>${entry.orderId}</strong>: ${ct(locale, 'previewLine', { date: date(entry.promisedDate), customer: entry.customerName ?? entry.customerId })}</li>`)}</ul>
        <form method="post" action="${CONSOLE_BASE}/queue?lang=${locale}">
          <input type="hidden" name="csrf" value="${context.preview.token}"><input type="hidden" name="step" value="confirm">
          ${context.preview.entries.map((entry) => markup`<input type="hidden" name="id" value="${entry.orderId}">`)}
          <button type="submit" accesskey="c" data-shortcut="confirm">${ct(locale, 'confirmAll', { count: context.preview.entries.length })}</button>
        </form></section>`
    : '';
  const rows = queue.map(
    (entry) => markup`<tr data-order="${entry.orderId}">
      <td><input type="checkbox" name="id" value="${entry.orderId}" id="pick-${entry.orderId}"${context.preview?.entries.some((e) => e.orderId === entry.orderId) ? markup` checked` : ''}>
        <label class="sr" for="pick-${entry.orderId}">${ct(locale, 'select')} ${entry.orderId}</label></td>
      <td><a href="${CONSOLE_BASE}/orders/${encodeURIComponent(entry.orderId)}?lang=${locale}">${entry.orderId}</a></td>
      <td>${entry.customerName ?? entry.customerId}${entry.tier ? ` (${entry.tier})` : ''}</td>
      <td>${date(entry.promisedDate)}</td>
      <td><time datetime="${entry.escalatesAt}" title="${formatDateTime(entry.escalatesAt, locale, 'UTC')}">${countdown(entry.escalatesAt, now, locale)}</time></td>
      <td>${entry.reasons.join('; ')}</td></tr>`,
  );
  const table = queue.length
    ? markup`<form method="post" action="${CONSOLE_BASE}/queue?lang=${locale}">
        <input type="hidden" name="csrf" value="${context.previewToken}">
        <div class="table-wrap"><table><caption class="sr">${ct(locale, 'queueTitle')}</caption>
          <thead><tr><th scope="col">${ct(locale, 'select')}</th><th scope="col">${ct(locale, 'order')}</th><th scope="col">${ct(locale, 'customer')}</th>
          <th scope="col">${ct(locale, 'promised')}</th><th scope="col">${ct(locale, 'countdown')}</th><th scope="col">${ct(locale, 'reasonsCol')}</th></tr></thead>
          <tbody>${rows}</tbody></table></div>
        <div class="actions"><button type="submit" name="step" value="preview" accesskey="p" data-shortcut="preview">${ct(locale, 'preview')}</button></div>
      </form>`
    : markup`<p>${ct(locale, 'queueEmpty')}</p>`;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'queueTitle')} · ${ct(locale, 'consoleTitle')}`,
      selfPath: `${CONSOLE_BASE}/queue`,
      logoutToken: context.logoutToken,
      script: true,
    },
    markup`<h1>${ct(locale, 'queueTitle')} (${queue.length})</h1><p class="muted">${ct(locale, 'queueHint')}</p>${results}${preview}<section>${table}</section>
      <section aria-labelledby="shortcuts"><h2 id="shortcuts">${ct(locale, 'shortcuts')}</h2><p>${ct(locale, 'shortcutsQueue')}</p></section>`,
  );
}
