import type { QuickQuote } from '../../usecases/order/quick-quote.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, formatMoney, type Locale } from '../i18n.ts';
import { CONSOLE_BASE, consolePage } from './frame.ts';
import { ct } from './messages.ts';
import { likelyLine, whyThisDate } from './order.ts';

/** The quick-quote form as the user filled it: text as typed, so a refused value is shown back as it was. */
export interface QuoteFormValues {
  readonly customerId: string;
  readonly requestedDate: string;
  readonly rows: readonly { readonly sku: string; readonly quantity: string }[];
}

export interface QuickQuoteContext {
  readonly locale: Locale;
  readonly now: Date;
  readonly logoutToken: string;
  readonly form: QuoteFormValues;
  /** The what-if and the form that turns exactly it into an inquiry (its key and anti-forgery token). */
  readonly quote?: { readonly result: QuickQuote; readonly key: string; readonly token: string };
}

/** The form's fields, one name per row (`sku1`, `qty1`, ...), so a GET link holds the whole what-if. */
function hiddenFields(form: QuoteFormValues): Html {
  return markup`<input type="hidden" name="customerId" value="${form.customerId}">${
    form.requestedDate ? markup`<input type="hidden" name="requestedDate" value="${form.requestedDate}">` : ''
  }${form.rows.map((row, index) =>
    row.sku || row.quantity
      ? markup`<input type="hidden" name="sku${index + 1}" value="${row.sku}"><input type="hidden" name="qty${index + 1}" value="${row.quantity}">`
      : '',
  )}`;
}

function quoteForm(context: QuickQuoteContext): Html {
  const { locale, form } = context;
  const today = context.now.toISOString().slice(0, 10);
  const rows = form.rows.map(
    (
      row,
      index,
    ) => markup`<fieldset><legend>${ct(locale, 'quoteLine', { n: index + 1 })}</legend><div class="filters">
      <label>${ct(locale, 'sku')}<input name="sku${index + 1}" value="${row.sku}" maxlength="64" autocomplete="off"></label>
      <label>${ct(locale, 'quantity')}<input name="qty${index + 1}" value="${row.quantity}" type="number" min="1" step="1" inputmode="numeric"></label>
    </div></fieldset>`,
  );
  return markup`<form method="get" action="${CONSOLE_BASE}/quote">
    <input type="hidden" name="lang" value="${locale}"><input type="hidden" name="rows" value="${form.rows.length}">
    <div class="filters">
      <label>${ct(locale, 'quoteCustomer')}<input name="customerId" value="${form.customerId}" required maxlength="64" autocomplete="off"></label>
      <label>${ct(locale, 'quoteRequested')}<input type="date" name="requestedDate" value="${form.requestedDate}" min="${today}"></label>
    </div>
    ${rows}
    <div class="actions"><button type="submit">${ct(locale, 'quoteSubmit')}</button>
      <button type="submit" name="add" value="1" class="secondary" formnovalidate>${ct(locale, 'quoteAddLine')}</button></div>
  </form>`;
}

function quoteResult(context: QuickQuoteContext, quote: NonNullable<QuickQuoteContext['quote']>): Html {
  const { locale } = context;
  const { result } = quote;
  const d = (date: string) => formatDate(date, locale, 'medium');
  const money = (amount: number) => formatMoney(amount, result.currency, locale);
  const shipments = (list: readonly { quantity: number; date: string }[]) =>
    markup`<ul>${list.map(
      (shipment, index) =>
        markup`<li>${ct(locale, 'quoteShipment', { n: index + 1, count: list.length, quantity: shipment.quantity, date: d(shipment.date) })}</li>`,
    )}</ul>`;
  const requested = result.requestedDate
    ? markup`<p>${ct(locale, result.date <= result.requestedDate ? 'quoteRequestedMet' : 'quoteRequestedMissed', { date: d(result.requestedDate) })}</p>`
    : '';
  const split = result.shipments?.length
    ? shipments(result.shipments)
    : result.lines.some((line) => line.splitOffer?.length)
      ? markup`<ul>${result.lines
          .filter((line) => line.splitOffer?.length)
          .map((line) => markup`<li>${line.sku}: ${shipments(line.splitOffer ?? [])}</li>`)}</ul>`
      : undefined;
  const { customer } = result;
  return markup`<section aria-labelledby="quote-result" class="note"><h2 id="quote-result">${ct(locale, 'quoteResult')}</h2>
      <p>${ct(locale, 'quoteFor', { customer: customer.customerId, tier: customer.tier, region: customer.region })}</p>
      <p class="date">${formatDate(result.date, locale, 'full')}</p>${likelyLine(result.likely, locale)}${requested}</section>
    ${split ? markup`<section aria-labelledby="quote-split"><h2 id="quote-split">${ct(locale, 'quoteSplit')}</h2>${split}</section>` : ''}
    <section aria-labelledby="why"><h2 id="why">${ct(locale, 'why')}</h2>${whyThisDate(result.basis, result.binding, locale)}</section>
    <section aria-labelledby="lines"><h2 id="lines">${ct(locale, 'lines')}</h2><div class="table-wrap"><table>
      <thead><tr><th scope="col">${ct(locale, 'sku')}</th><th scope="col" class="num">${ct(locale, 'quantity')}</th><th scope="col">${ct(locale, 'quoteLineDate')}</th><th scope="col">${ct(locale, 'quoteMethod')}</th><th scope="col" class="num">${ct(locale, 'unitPrice')}</th><th scope="col" class="num">${ct(locale, 'value')}</th></tr></thead>
      <tbody>${result.lines.map(
        (line) =>
          markup`<tr><td>${line.sku}${line.name ? markup` · ${line.name}` : ''}</td><td class="num">${line.quantity}</td><td>${d(line.date)}</td><td>${ct(locale, `quoteMethod_${line.method}`)}</td><td class="num">${line.unitPrice !== undefined ? money(line.unitPrice) : ''}</td><td class="num">${line.value !== undefined ? money(line.value) : ''}</td></tr>`,
      )}</tbody>
      <tfoot><tr><th scope="row" colspan="5">${ct(locale, 'total')}</th><td class="num">${money(result.total)}</td></tr></tfoot></table></div></section>
    <section aria-labelledby="quote-create"><h2 id="quote-create">${ct(locale, 'quoteCreate')}</h2>
      <p>${ct(locale, 'quoteNothingStored')}</p>
      <form method="post" action="${CONSOLE_BASE}/quote?lang=${locale}">${hiddenFields(context.form)}
        <input type="hidden" name="key" value="${quote.key}"><input type="hidden" name="csrf" value="${quote.token}">
        <button type="submit">${ct(locale, 'quoteCreate')}</button></form></section>`;
}

/** The selfPath keeps the what-if, so switching the language shows the same quote. */
function selfPath(form: QuoteFormValues, quoted: boolean): string {
  if (!quoted) return `${CONSOLE_BASE}/quote`;
  const query = new URLSearchParams({ customerId: form.customerId, rows: String(form.rows.length) });
  if (form.requestedDate) query.set('requestedDate', form.requestedDate);
  form.rows.forEach((row, index) => {
    if (!row.sku && !row.quantity) return;
    query.set(`sku${index + 1}`, row.sku);
    query.set(`qty${index + 1}`, row.quantity);
  });
  return `${CONSOLE_BASE}/quote?${query.toString()}`;
}

export function renderQuickQuote(context: QuickQuoteContext): string {
  const { locale } = context;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'quoteTitle')} · ${ct(locale, 'consoleTitle')}`,
      selfPath: selfPath(context.form, Boolean(context.quote)),
      logoutToken: context.logoutToken,
    },
    markup`<h1>${ct(locale, 'quoteTitle')}</h1>
      <section aria-labelledby="quote-form"><h2 id="quote-form" class="sr">${ct(locale, 'quoteSubmit')}</h2>
        <p class="muted">${ct(locale, 'quoteHint')}</p>${quoteForm(context)}</section>
      ${context.quote ? quoteResult(context, context.quote) : ''}`,
  );
}
