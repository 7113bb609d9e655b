import type { Board, BoardFilters, BoardRow } from '../../usecases/order/console-board.ts';
import { ORDER_STATUSES, type OrderStatus } from '../../domain/order/status.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, formatDateTime, type Locale } from '../i18n.ts';
import { CONSOLE_BASE, consolePage } from './frame.ts';
import { ct } from './messages.ts';
import { readableDates } from './timeline.ts';
import { readableReasons } from './reasons.ts';

/** A status in the reader's language (the API's codes stay in the JSON). */
export const statusWords = (status: OrderStatus, locale: Locale) => ct(locale, `st_${status}`);

function urgencyBadge(row: BoardRow, locale: Locale, now: Date): Html | '' {
  switch (row.urgency) {
    case 'attention':
      return markup`<span class="badge b-attention">${ct(locale, 'attention')}</span> ${row.attentionCause ?? ''}`;
    case 'risk':
      return markup`<span class="badge b-risk">${ct(locale, 'atRisk')}</span>
        ${row.daysLate > 0 ? ct(locale, 'daysLate', { days: row.daysLate }) : ''} ${readableReasons(readableDates(row.atRiskReasons.join('; '), locale, 'UTC'), locale)}`;
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
    (row) => markup`<tr data-order="${row.orderId}">
      <td><a href="${CONSOLE_BASE}/orders/${encodeURIComponent(row.orderId)}?lang=${locale}">${row.orderId}</a></td>
      <td>${row.customerName ?? row.customerId}</td>
      <td>${row.tier ?? ''}</td>
      <td>${statusWords(row.status, locale)}</td>
      <td>${row.promisedDate ? formatDate(row.promisedDate, locale, 'medium') : ''}${row.likelyDate ? markup`<br><small class="muted">${ct(locale, 'likelyShort', { date: formatDate(row.likelyDate, locale, 'medium') })}</small>` : ''}</td>
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
      (status) => option(status, statusWords(status, locale), filters.status === status),
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
    if (key !== 'cursor' && key !== 'urgentCursor' && value !== undefined && value !== '')
      params.set(key, String(value));
  return params.toString();
}

/** The board's two lists: what the page's script re-fetches (`?part=tables`) and swaps in. */
export function renderBoardTables(
  board: Board,
  filters: BoardFilters,
  context: { locale: Locale; now: Date },
): Html {
  const { locale, now } = context;
  const query = filterQuery(filters);
  const link = (extra: string) => `${CONSOLE_BASE}?${query ? `${query}&` : ''}${extra}lang=${locale}`;
  const firstPage = markup`<p><a href="${link('')}">${ct(locale, 'firstPage')}</a></p>`;
  const urgentMore = board.urgentNextCursor
    ? markup`<p><a rel="next" href="${link(`urgentCursor=${encodeURIComponent(board.urgentNextCursor)}&`)}">${ct(locale, 'urgentNext')}</a></p>`
    : '';
  const total = board.urgentCounts
    ? board.urgentCounts.attention + board.urgentCounts.risk + board.urgentCounts.await
    : 0;
  const counts =
    board.urgentCounts && total > 0
      ? markup`<p class="muted" id="needs-you-counts">${ct(locale, 'needsYouCounts', board.urgentCounts)}</p>`
      : '';
  const urgent = filters.cursor
    ? ''
    : markup`<section aria-labelledby="needs-you"><h2 id="needs-you">${ct(locale, 'needsYou')}</h2>
        ${counts}
        ${board.urgent.length ? table(board.urgent, locale, ct(locale, 'needsYou'), now) : markup`<p>${ct(locale, 'needsYouEmpty')}</p>`}
        ${urgentMore}${filters.urgentCursor ? firstPage : ''}</section>`;
  const more = board.nextCursor
    ? markup`<p><a rel="next" href="${link(`cursor=${encodeURIComponent(board.nextCursor)}&`)}">${ct(locale, 'nextPage')}</a></p>`
    : '';
  const all = filters.urgentCursor
    ? ''
    : markup`<section aria-labelledby="all-orders"><h2 id="all-orders">${ct(locale, 'allOrders')}</h2>
        ${board.rows.length ? table(board.rows, locale, ct(locale, 'allOrders'), now) : markup`<p>${ct(locale, 'noOrders')}</p>`}
        ${more}${filters.cursor ? firstPage : ''}</section>`;
  return markup`${urgent}${all}`;
}

export function renderBoard(
  board: Board,
  filters: BoardFilters,
  context: { locale: Locale; logoutToken: string; now: Date },
): string {
  const { locale } = context;
  const query = filterQuery(filters);
  const pageQuery = [
    query,
    filters.cursor ? `cursor=${encodeURIComponent(filters.cursor)}` : '',
    filters.urgentCursor ? `urgentCursor=${encodeURIComponent(filters.urgentCursor)}` : '',
  ]
    .filter(Boolean)
    .join('&');
  const selfPath = `${CONSOLE_BASE}${query ? `?${query}` : ''}`;
  const tablesUrl = `${CONSOLE_BASE}?${pageQuery ? `${pageQuery}&` : ''}part=tables&lang=${locale}`;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'boardTitle')} · ${ct(locale, 'consoleTitle')}`,
      selfPath,
      logoutToken: context.logoutToken,
      script: true,
    },
    markup`<h1>${ct(locale, 'boardTitle')}</h1>
      <section>${filterForm(filters, locale)}</section>
      <div id="board-live" data-tables="${tablesUrl}">${renderBoardTables(board, filters, context)}</div>
      <p class="muted" id="board-status" role="status" aria-live="polite" aria-atomic="true" data-message="${ct(locale, 'liveUpdated', { time: '{time}', added: '{added}' })}"></p>
      <section aria-labelledby="shortcuts"><h2 id="shortcuts">${ct(locale, 'shortcuts')}</h2>
        <p>${ct(locale, 'shortcutsBoard')}</p><p class="muted">${ct(locale, 'refreshNote')}</p></section>`,
  );
}
