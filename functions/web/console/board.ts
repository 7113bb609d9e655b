import type { Board, BoardFilters, BoardRow } from '../../usecases/order/console-board.ts';
import { ORDER_STATUSES } from '../../domain/order/status.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, formatDateTime, type Locale } from '../i18n.ts';
import { CONSOLE_BASE, consolePage } from './frame.ts';
import { ct } from './messages.ts';

export const statusWords = (status: string) => status.replaceAll('_', ' ').toLowerCase();

function urgencyBadge(row: BoardRow, locale: Locale, now: Date): Html | '' {
  switch (row.urgency) {
    case 'attention':
      return markup`<span class="badge b-attention">${ct(locale, 'attention')}</span> ${row.attentionCause ?? ''}`;
    case 'risk':
      return markup`<span class="badge b-risk">${ct(locale, 'atRisk')}</span>
        ${row.daysLate > 0 ? ct(locale, 'daysLate', { days: row.daysLate }) : ''} ${row.atRiskReasons.join('; ')}`;
    case 'await':
      return markup`<span class="badge b-await">${ct(locale, 'awaiting')}</span>
        ${
          row.escalatesAt && row.escalatesAt <= now.toISOString()
            ? ct(locale, 'overdue')
            : ct(locale, 'escalatesAt', { time: formatDateTime(row.escalatesAt ?? '', locale, 'UTC') })
        }`;
    case 'none':
      return '';
  }
}

function table(rows: readonly BoardRow[], locale: Locale, caption: string, now: Date): Html {
  const body = rows.map(
    (row) => markup`<tr>
      <td><a href="${CONSOLE_BASE}/orders/${encodeURIComponent(row.orderId)}?lang=${locale}">${row.orderId}</a></td>
      <td>${row.customerName ?? row.customerId}</td>
      <td>${row.tier ?? ''}</td>
      <td>${statusWords(row.status)}</td>
      <td>${row.promisedDate ? formatDate(row.promisedDate, locale, 'medium') : ''}</td>
      <td>${urgencyBadge(row, locale, now)}</td>
      <td>${row.skus.join(', ')}</td>
    </tr>`,
  );
  return markup`<div class="table-wrap"><table>
    <caption class="sr">${caption}</caption>
    <thead><tr><th scope="col">${ct(locale, 'order')}</th><th scope="col">${ct(locale, 'customer')}</th>
      <th scope="col">${ct(locale, 'tier')}</th><th scope="col">${ct(locale, 'status')}</th>
      <th scope="col">${ct(locale, 'promised')}</th><th scope="col">${ct(locale, 'urgency')}</th>
      <th scope="col">${ct(locale, 'sku')}</th></tr></thead>
    <tbody>${body}</tbody></table></div>`;
}

/** The filter form: a plain GET, so every view of the board is a link that can be shared or bookmarked. */
function filterForm(filters: BoardFilters, locale: Locale): Html {
  const option = (value: string, label: string, selected: boolean) =>
    markup`<option value="${value}"${selected ? markup` selected` : ''}>${label}</option>`;
  return markup`<form method="get" action="${CONSOLE_BASE}" class="filters" role="search" aria-label="${ct(locale, 'filters')}">
    <input type="hidden" name="lang" value="${locale}">
    <label>${ct(locale, 'search')}<input type="search" name="q" value="${filters.q ?? ''}"></label>
    <label>${ct(locale, 'status')}<select name="status">${option('', ct(locale, 'any'), !filters.status)}${ORDER_STATUSES.map(
      (status) => option(status, statusWords(status), filters.status === status),
    )}</select></label>
    <label>${ct(locale, 'tier')}<select name="tier">${option('', ct(locale, 'any'), !filters.tier)}${(
      ['A', 'B', 'C'] as const
    ).map((tier) => option(tier, tier, filters.tier === tier))}</select></label>
    <label>${ct(locale, 'customer')}<input name="customerId" value="${filters.customerId ?? ''}" size="10"></label>
    <label>${ct(locale, 'sku')}<input name="sku" value="${filters.sku ?? ''}" size="10"></label>
    <label>${ct(locale, 'from')}<input type="date" name="from" value="${filters.from ?? ''}"></label>
    <label>${ct(locale, 'to')}<input type="date" name="to" value="${filters.to ?? ''}"></label>
    <label><span><input type="checkbox" name="atRisk" value="true"${filters.atRisk ? markup` checked` : ''}> ${ct(locale, 'atRiskOnly')}</span></label>
    <button type="submit" class="small">${ct(locale, 'apply')}</button>
    <a href="${CONSOLE_BASE}?lang=${locale}">${ct(locale, 'clear')}</a>
  </form>`;
}

/** The query string of these filters (without cursor and lang). */
export function filterQuery(filters: BoardFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (key !== 'cursor' && value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

export function renderBoard(
  board: Board,
  filters: BoardFilters,
  context: { locale: Locale; logoutToken: string; now: Date },
): string {
  const { locale, now } = context;
  const query = filterQuery(filters);
  const selfPath = `${CONSOLE_BASE}${query ? `?${query}` : ''}`;
  const more = board.nextCursor
    ? markup`<p><a rel="next" href="${CONSOLE_BASE}?${query ? `${query}&` : ''}cursor=${encodeURIComponent(board.nextCursor)}&lang=${locale}">${ct(locale, 'nextPage')}</a></p>`
    : '';
  const urgent = filters.cursor
    ? markup`<p><a href="${selfPath}${query ? '&' : '?'}lang=${locale}">${ct(locale, 'firstPage')}</a></p>`
    : markup`<section aria-labelledby="needs-you"><h2 id="needs-you">${ct(locale, 'needsYou')} (${board.urgent.length})</h2>
        ${board.urgent.length ? table(board.urgent, locale, ct(locale, 'needsYou'), now) : markup`<p>${ct(locale, 'needsYouEmpty')}</p>`}</section>`;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'boardTitle')} · ${ct(locale, 'consoleTitle')}`,
      selfPath,
      logoutToken: context.logoutToken,
    },
    markup`<h1>${ct(locale, 'boardTitle')}</h1>
      <section>${filterForm(filters, locale)}</section>
      ${urgent}
      <section aria-labelledby="all-orders"><h2 id="all-orders">${ct(locale, 'allOrders')}</h2>
        ${board.rows.length ? table(board.rows, locale, ct(locale, 'allOrders'), now) : markup`<p>${ct(locale, 'noOrders')}</p>`}
        ${more}</section>`,
  );
}
