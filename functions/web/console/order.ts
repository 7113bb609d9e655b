import type { BasisEntry } from '../../domain/promise/types.ts';
import type { LikelyBeside } from '../../domain/promise/likely-date.ts';
import { SALES_OVERRIDE } from '../../domain/promise/index.ts';
import type { ConsoleAction, ConsoleOrderModel } from '../../usecases/order/console-order.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, formatDateTime, formatMoney, type Locale } from '../i18n.ts';
import { statusWords } from './board.ts';
import { CONSOLE_BASE, consolePage } from './frame.ts';
import { ct, ctIfKnown } from './messages.ts';
import { moveReasonWords, readableReasons } from './reasons.ts';
import { readableDates, renderTimeline } from './timeline.ts';
import { localDateTime } from '../../domain/promise/calendar.ts';
import { supplyPathSection } from './supply-path.ts';

/** One basis entry in words, naming the PO, work center, lead time or transit that it is. */
export function basisWords(entry: BasisEntry, locale: Locale): string {
  const d = (date: string) => formatDate(date, locale, 'medium');
  switch (entry.kind) {
    case 'stock-available':
      return ct(locale, 'basis_stock', { quantity: entry.quantity, sku: entry.sku, date: d(entry.date) });
    case 'awaiting-receipt':
      return ct(locale, 'basis_receipt', {
        ref: entry.ref,
        quantity: entry.shortQuantity,
        sku: entry.sku,
        date: d(entry.date),
      });
    case 'purchase-lead-time':
      return ct(locale, 'basis_lead', { days: entry.leadTimeDays, sku: entry.sku, date: d(entry.date) });
    case 'material-ready':
      return ct(locale, 'basis_material', { sku: entry.sku, date: d(entry.date) });
    case 'capacity':
      return ct(locale, 'basis_capacity', {
        wc: entry.workCenter,
        until: d(entry.fullUntil),
        date: d(entry.date),
      });
    case 'production-complete':
      return entry.workCenter
        ? ct(locale, 'basis_productionAt', {
            sku: entry.sku,
            date: d(entry.date),
            wc: entry.workCenter,
            days: entry.productionDays ?? 1,
          })
        : ct(locale, 'basis_production', { sku: entry.sku, date: d(entry.date) });
    case 'transit':
      return ct(locale, 'basis_transit', {
        days: entry.businessDays,
        region: entry.region,
        date: d(entry.date),
      });
    case 'order-cutoff':
      return ct(locale, 'basis_cutoff', { date: d(entry.countsFrom) });
    case 'reported-delay':
      if (entry.stage === SALES_OVERRIDE)
        return ct(locale, 'basis_override', { reason: entry.reason, date: d(entry.date) });
      if (entry.stage === 'SALES_ADJUSTMENT')
        return ct(locale, 'basis_adjust', { reason: entry.reason, date: d(entry.date) });
      return ct(locale, 'basis_delay', { stage: entry.stage, reason: entry.reason, date: d(entry.date) });
    case 'carrier-estimate':
      return ct(locale, 'basis_carrier', { carrier: entry.carrier, date: d(entry.date) });
  }
}

/** The report that moved a promise since its last plan, in words; undefined when the engine set the date. */
function movedByReport(promise: ConsoleOrderModel['promise'], locale: Locale): Html | undefined {
  const reports = (promise?.cause ?? []).filter(
    (entry) => entry.kind === 'reported-delay' || entry.kind === 'carrier-estimate',
  );
  if (!reports.length) return undefined;
  const [separator, stop] = locale === 'zh-CN' ? ['；', '。'] : ['; ', '.'];
  return markup`${reports.map((entry) => basisWords(entry, locale)).join(separator)}${stop}`;
}

/** "Why this date": every basis entry in words, the binding constraint in bold (order page and quick quote). */
export function whyThisDate(basis: readonly BasisEntry[], binding: number | undefined, locale: Locale): Html {
  return basis.length
    ? markup`<ul class="why">${basis.map((entry, index) =>
        index === binding
          ? markup`<li class="binding">${basisWords(entry, locale)}</li>`
          : markup`<li>${basisWords(entry, locale)}</li>`,
      )}</ul><p class="muted">${ct(locale, 'bindingNote')}</p>`
    : markup`<p>${ct(locale, 'whyNone')}</p>`;
}

export interface ConsoleOrderContext {
  readonly locale: Locale;
  readonly now: Date;
  /** Anti-forgery token of each action's form, and of the sign-out form. */
  readonly formTokens: Readonly<Partial<Record<ConsoleAction, string>>>;
  readonly logoutToken: string;
  readonly done?: ConsoleAction;
  /** The plant's time zone: its today bounds the adjust form, and the page's times are in it. */
  readonly timeZone: string;
}

/** The likely date beside the promise, and the working days of margin the promise keeps over it. */
export function likelyLine(likely: LikelyBeside | undefined, locale: Locale): Html | '' {
  if (!likely) return '';
  const margin =
    likely.marginDays === 0
      ? ct(locale, 'likelyMarginNone')
      : likely.marginDays === 1
        ? ct(locale, 'likelyMarginOne')
        : ct(locale, 'likelyMargin', { days: likely.marginDays });
  return markup`<p class="likely">${ct(locale, 'likelyDate', { date: formatDate(likely.date, locale, 'full') })} · ${margin}</p>
    <p class="muted">${ct(locale, 'likelyNote')}</p>`;
}

function actionForms(model: ConsoleOrderModel, context: ConsoleOrderContext): Html {
  const { locale } = context;
  const action = (name: ConsoleAction) =>
    `${CONSOLE_BASE}/orders/${encodeURIComponent(model.orderId)}/${name}?lang=${locale}`;
  const csrf = (name: ConsoleAction) =>
    markup`<input type="hidden" name="csrf" value="${context.formTokens[name] ?? ''}">`;
  const today = localDateTime(context.now, context.timeZone).date;
  const forms = model.actions.map((name) => {
    switch (name) {
      case 'confirm':
        return markup`<form method="post" action="${action('confirm')}">${csrf('confirm')}<button type="submit">${ct(locale, 'confirm')}</button></form>`;
      case 'retry':
        return markup`<form method="post" action="${action('retry')}">${csrf('retry')}<button type="submit">${ct(locale, 'retry')}</button></form>`;
      case 'adjust':
        return markup`<form method="post" action="${action('adjust')}" class="filters">${csrf('adjust')}
          <label>${ct(locale, 'newDate')}<input type="date" name="date" required min="${today}"></label>
          <label>${ct(locale, 'reason')}<input name="reason" required minlength="3" maxlength="500"></label>
          <label>${ct(locale, 'overrideReason', { date: model.capableDate ? formatDate(model.capableDate, locale, 'medium') : '—' })}<input name="overrideReason" maxlength="500"></label>
          <button type="submit">${ct(locale, 'adjust')}</button></form>`;
      case 'cancel':
        return markup`<form method="post" action="${action('cancel')}" class="filters">${csrf('cancel')}
          <label>${ct(locale, 'cancelReason')}<input name="reason" required minlength="3" maxlength="500"></label>
          <button type="submit" class="secondary">${ct(locale, 'cancel')}</button></form>`;
    }
  });
  return markup`<section aria-labelledby="actions"><h2 id="actions">${ct(locale, 'actions')}</h2>
    ${forms.length ? markup`<div class="actions">${forms}</div>` : markup`<p>${ct(locale, 'noActions')}</p>`}</section>`;
}

export function renderConsoleOrder(model: ConsoleOrderModel, context: ConsoleOrderContext): string {
  const { locale } = context;
  const money = (amount: number) => formatMoney(amount, model.currency, locale);
  const when = (instant: string) => (instant ? formatDateTime(instant, locale, context.timeZone) : '');
  const customerName = model.customer.name ?? model.customer.id;
  const status = [
    model.attentionCause
      ? markup`<p><span class="badge b-attention">${ct(locale, 'attentionCause', { cause: model.attentionCause })}</span></p>`
      : '',
    model.atRisk
      ? markup`<p><span class="badge b-risk">${ct(locale, 'riskReasons', { reasons: readableReasons(readableDates(model.atRiskReasons.join('; '), locale, context.timeZone), locale) || '—' })}</span></p>`
      : '',
  ];
  const promise = model.promise
    ? markup`<p class="date">${formatDate(model.promise.date, locale, 'full')}</p>${likelyLine(model.likely, locale)}
      <p class="muted">${ct(locale, 'version', { version: model.promise.version })}${model.firstPromisedDate ? markup` · ${ct(locale, 'firstPromise', { date: formatDate(model.firstPromisedDate, locale, 'medium') })}` : ''}</p>`
    : markup`<p>${ct(locale, 'whyNone')}</p>`;
  const why = whyThisDate(model.basis, model.binding, locale);
  const history = model.history.length
    ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">#</th><th scope="col">${ct(locale, 'promised')}</th><th scope="col">${ct(locale, 'reason')}</th><th scope="col">${ct(locale, 'created')}</th></tr></thead>
      <tbody>${model.history.map(
        (line) =>
          markup`<tr><td>${line.version}</td><td>${line.previousDate ? markup`<del>${formatDate(line.previousDate, locale, 'medium')}</del> → ` : ''}${formatDate(line.newDate, locale, 'medium')}</td><td>${line.first ? ct(locale, 'historyFirst') : moveReasonWords(line.reason, locale)}</td><td>${when(line.at)}</td></tr>`,
      )}</tbody></table></div>`
    : markup`<p>${ct(locale, 'historyEmpty')}</p>`;
  const notifications = model.notifications.length
    ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">${ct(locale, 'kind')}</th><th scope="col">${ct(locale, 'channel')}</th><th scope="col">${ct(locale, 'state')}</th><th scope="col">${ct(locale, 'fallback')}</th><th scope="col">${ct(locale, 'created')}</th></tr></thead>
      <tbody>${model.notifications.map(
        (line) =>
          markup`<tr><td>${ctIfKnown(locale, `nk_${line.kind}`, line.kind)}</td><td>${ctIfKnown(locale, `ch_${line.channel}`, line.channel)}</td><td>${ctIfKnown(locale, `ns_${line.status}`, line.status)}</td><td>${line.fallback ? '✓' : ''}</td><td>${when(line.at)}</td></tr>`,
      )}</tbody></table></div>`
    : markup`<p>${ct(locale, 'noNotifications')}</p>`;
  const content = markup`<p><a href="${CONSOLE_BASE}?lang=${locale}">${ct(locale, 'back')}</a></p>
    <h1>${ct(locale, 'order')} ${model.orderId}</h1>
    ${context.done ? markup`<section class="ok" role="status"><p>${ct(locale, `done_${context.done}`)}</p></section>` : ''}
    <section aria-labelledby="summary"><h2 id="summary">${statusWords(model.status, locale)}</h2>
      <p>${ct(locale, 'customerLine', { customer: customerName, tier: model.customer.tier ?? '—', region: model.customer.region ?? '—' })}</p>
      ${status}</section>
    <section aria-labelledby="promise"><h2 id="promise">${ct(locale, 'promise')}</h2>${promise}</section>
    <section aria-labelledby="why"><h2 id="why">${ct(locale, 'why')}</h2>${why}</section>
    ${supplyPathSection(model.promise, locale, movedByReport(model.promise, locale))}
    ${actionForms(model, context)}
    <section aria-labelledby="lines"><h2 id="lines">${ct(locale, 'lines')}</h2><div class="table-wrap"><table>
      <thead><tr><th scope="col">${ct(locale, 'sku')}</th><th scope="col" class="num">${ct(locale, 'quantity')}</th><th scope="col" class="num">${ct(locale, 'unitPrice')}</th><th scope="col" class="num">${ct(locale, 'value')}</th></tr></thead>
      <tbody>${model.lines.map(
        (line) =>
          markup`<tr><td>${line.sku}${line.name ? markup` · ${line.name}` : ''}</td><td class="num">${line.quantity}</td><td class="num">${line.unitPrice !== undefined ? money(line.unitPrice) : ''}</td><td class="num">${line.value !== undefined ? money(line.value) : ''}</td></tr>`,
      )}</tbody>
      <tfoot><tr><th scope="row" colspan="3">${ct(locale, 'total')}</th><td class="num">${money(model.total)}</td></tr></tfoot></table></div></section>
    <section aria-labelledby="history"><h2 id="history">${ct(locale, 'history')}</h2>${history}</section>
    <section aria-labelledby="timeline"><h2 id="timeline">${ct(locale, 'timeline')}</h2>${renderTimeline(model.timeline, locale, context.timeZone)}</section>
    <section aria-labelledby="messages"><h2 id="messages">${ct(locale, 'notifications')}</h2>${notifications}</section>`;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'order')} ${model.orderId} · ${ct(locale, 'consoleTitle')}`,
      selfPath: `${CONSOLE_BASE}/orders/${encodeURIComponent(model.orderId)}`,
      logoutToken: context.logoutToken,
    },
    content,
  );
}
