import type { HistoryEvent, OrderPageModel } from '../domain/customer/order-page.ts';
import { markup, type Html } from './html.ts';
import { causeWords, formatDate, formatDateTime, formatMoney, t, type Locale } from './i18n.ts';
import { langQuery, page } from './layout.ts';

/** What the page says after an action (POST-redirect-GET carries it in `?done=`). */
export const NOTICES = ['accepted', 'rejected', 'requote-asked', 'already-decided', 'form-expired'] as const;
export type PageNotice = (typeof NOTICES)[number];

export interface OrderPageContext {
  readonly locale: Locale;
  /** `/v1/track/<token>`: the page's own address, and the base of its forms. */
  readonly basePath: string;
  /** Anti-forgery tokens of the page's forms. */
  readonly formTokens: { readonly decision: string; readonly requote: string };
  readonly notice?: PageNotice;
}

function headline(model: OrderPageModel, locale: Locale): Html {
  // A quote that ended without an order promises nothing: the status above says what happened.
  if (['QUOTE_EXPIRED', 'QUOTE_REJECTED', 'CANCELLED'].includes(model.status)) return markup``;
  if (model.delivered)
    return markup`<p class="date">
      ${
        model.delivered.daysLate > 0
          ? t(locale, 'deliveredLate', {
              date: formatDate(model.delivered.on, locale, 'full'),
              days: model.delivered.daysLate,
            })
          : t(locale, 'delivered', { date: formatDate(model.delivered.on, locale, 'full') })
      }
    </p>`;
  if (!model.promisedDate) return markup`<p class="date">${t(locale, 'promisedPending')}</p>`;
  return markup`<p class="muted">${t(locale, 'promisedDate')}</p>
    <p class="date">${formatDate(model.promisedDate, locale, 'full')}</p>${likelyLine(model, locale)}`;
}

/** The likely date, smaller than the promise it sits beside, with why the two differ. */
function likelyLine(model: OrderPageModel, locale: Locale): Html | '' {
  if (!model.likelyDate) return '';
  return markup`<p class="likely">${t(locale, 'likelyDate', { date: formatDate(model.likelyDate, locale, 'full') })}</p>
    <p class="muted">${t(locale, 'likelyWhy')}</p>`;
}

function noticeBox(notice: PageNotice | undefined, model: OrderPageModel, locale: Locale): Html | '' {
  if (!notice) return '';
  const decided = model.quote?.state === 'decided' ? model.quote.decision : undefined;
  const text =
    notice === 'accepted'
      ? t(locale, 'decidedAccept')
      : notice === 'rejected'
        ? t(locale, 'decidedReject')
        : notice === 'requote-asked'
          ? t(locale, 'newQuoteAsked', { name: model.salesOwner.name })
          : notice === 'already-decided'
            ? t(locale, 'alreadyDecided', {
                decision: t(
                  locale,
                  decided === 'reject' || model.status === 'QUOTE_REJECTED'
                    ? 'decisionRejected'
                    : 'decisionAccepted',
                ),
              })
            : t(locale, 'formExpired');
  const kind = notice === 'form-expired' ? 'note' : 'ok';
  return markup`<section class="${kind}" role="status"><h2>${text}</h2></section>`;
}

function slipBox(model: OrderPageModel, locale: Locale): Html | '' {
  if (!model.slip) return '';
  return markup`<section class="slip" aria-labelledby="slip-title">
    <h2 id="slip-title">${t(locale, 'slipTitle')}</h2>
    <p>
      <strong>${formatDate(model.slip.newDate, locale, 'full')}</strong> · ${t(locale, 'slipWas')}
      <del>${formatDate(model.slip.previousDate, locale, 'long')}</del>
    </p>
    <p>${t(locale, 'slipWhy')}: ${causeWords(model.slip.cause, locale)}</p>
  </section>`;
}

function quoteBox(model: OrderPageModel, context: OrderPageContext): Html | '' {
  const { locale, basePath } = context;
  const quote = model.quote;
  if (!quote || model.readOnly) return '';
  const lang = langQuery(locale);
  if (quote.state === 'expired')
    return markup`<section aria-labelledby="quote-title">
      <h2 id="quote-title">${t(locale, 'expiredTitle')}</h2>
      ${quote.validUntil ? markup`<p>${t(locale, 'expiredText', { datetime: formatDateTime(quote.validUntil, locale, model.timeZone) })}</p>` : ''}
      ${
        quote.newQuoteAsked
          ? markup`<p role="status">${t(locale, 'newQuoteAsked', { name: model.salesOwner.name })}</p>`
          : markup`<form method="post" action="${basePath}/new-quote?${lang}">
              <input type="hidden" name="csrf" value="${context.formTokens.requote}" /><button type="submit">
                ${t(locale, 'askNewQuote')}
              </button>
            </form>`
      }
    </section>`;
  if (quote.state === 'reviewing')
    return markup`<section aria-labelledby="quote-title">
      <h2 id="quote-title">${t(locale, 'quoteTitle')}</h2>
      <p role="status">${t(locale, 'quoteReviewing', { name: model.salesOwner.name })}</p>
    </section>`;
  if (quote.state !== 'open') return '';
  const split = model.deliveries.length
    ? markup`<p>
        ${t(locale, 'splitOffer', {
          parts: model.deliveries
            .map((part) =>
              t(locale, 'deliveryUnits', { quantity: part.quantity, date: formatDate(part.date, locale) }),
            )
            .join(locale === 'en' ? ', ' : '，'),
        })}
      </p>`
    : '';
  return markup`<section aria-labelledby="quote-title">
    <h2 id="quote-title">${t(locale, 'quoteTitle')}</h2>
    ${quote.requoted ? markup`<p class="note card">${t(locale, 'requoteOffered')}</p>` : ''}
    ${model.promisedDate ? markup`<p>${t(locale, 'quoteDate', { date: formatDate(model.promisedDate, locale) })}</p>` : ''}${split}
    ${quote.validUntil ? markup`<p>${t(locale, 'quoteValidUntil', { datetime: formatDateTime(quote.validUntil, locale, model.timeZone) })}</p>` : ''}
    <p class="muted">${t(locale, 'acceptHint')}</p>
    <div class="actions">
      <form class="inline" method="post" action="${basePath}/quote?${lang}">
        <input type="hidden" name="csrf" value="${context.formTokens.decision}" /><input
          type="hidden"
          name="decision"
          value="accept"
        /><button type="submit">${t(locale, 'accept')}</button>
      </form>
      <form class="inline" method="post" action="${basePath}/quote?${lang}">
        <input type="hidden" name="csrf" value="${context.formTokens.decision}" /><input
          type="hidden"
          name="decision"
          value="reject"
        /><button type="submit" class="secondary">${t(locale, 'reject')}</button>
      </form>
    </div>
  </section>`;
}

function linesTable(model: OrderPageModel, locale: Locale): Html {
  const money = (amount: number | undefined) =>
    amount === undefined ? '' : formatMoney(amount, model.currency, locale);
  return markup`<section aria-labelledby="lines-title">
    <h2 id="lines-title">${t(locale, 'lines')}</h2>
    <div class="table-wrap"><table>
      <thead>
        <tr>
          <th scope="col">${t(locale, 'product')}</th>
          <th scope="col" class="num">${t(locale, 'quantity')}</th>
          <th scope="col" class="num">${t(locale, 'unitPrice')}</th>
          <th scope="col" class="num">${t(locale, 'lineTotal')}</th>
        </tr>
      </thead>
      <tbody>
        ${model.lines.map(
          (line) =>
            markup`<tr>
              <td>${line.name}</td>
              <td class="num">${line.quantity.toLocaleString(locale)}</td>
              <td class="num">${money(line.unitPrice)}</td>
              <td class="num">${money(line.amount)}</td>
            </tr>`,
        )}
      </tbody>
      ${
        model.total === undefined
          ? ''
          : markup`<tfoot>
              <tr>
                <th scope="row" colspan="3">${t(locale, 'total')} (${model.currency})</th>
                <td class="num"><strong>${money(model.total)}</strong></td>
              </tr>
            </tfoot>`
      }
    </table></div>
  </section>`;
}

function deliveriesCard(model: OrderPageModel, locale: Locale): Html | '' {
  if (!model.deliveries.length || model.quote?.state === 'open') return '';
  return markup`<section aria-labelledby="deliveries-title">
    <h2 id="deliveries-title">${t(locale, 'deliveries')}</h2>
    <ul>
      ${model.deliveries.map(
        (part, index) =>
          markup`<li>
            <strong>${t(locale, 'deliveryNofM', { n: index + 1, m: model.deliveries.length })}</strong>:
            ${t(locale, 'deliveryUnits', { quantity: part.quantity, date: formatDate(part.date, locale) })}
          </li>`,
      )}
    </ul>
  </section>`;
}

function shipmentCard(model: OrderPageModel, locale: Locale): Html | '' {
  const shipment = model.shipment;
  if (!shipment) return '';
  return markup`<section aria-labelledby="shipment-title">
    <h2 id="shipment-title">${t(locale, 'shipment')}</h2>
    <dl>
      ${
        shipment.carrier
          ? markup`<dt>${t(locale, 'carrier')}</dt>
              <dd>${shipment.carrier}</dd>`
          : ''
      }
      ${
        shipment.trackingNumber
          ? markup`<dt>${t(locale, 'trackingNumber')}</dt>
              <dd>${shipment.trackingNumber}</dd>`
          : ''
      }
      ${
        shipment.estimatedDelivery
          ? markup`<dt>${t(locale, 'estimatedDelivery')}</dt>
              <dd>${formatDate(shipment.estimatedDelivery, locale)}</dd>`
          : ''
      }
    </dl>
  </section>`;
}

function historyText(event: HistoryEvent, locale: Locale): string {
  if ('cause' in event) return `${t(locale, 'slipTitle')}: ${causeWords(event.cause, locale)}`;
  return t(locale, event.key as Parameters<typeof t>[1]);
}

/** The order page: date first, then what the customer can do, then how far the order is. */
export function renderOrderPage(model: OrderPageModel, context: OrderPageContext): string {
  const { locale, basePath } = context;
  const title = t(locale, 'orderTitle', { orderId: model.orderId });
  const content = markup`<h1>${title}</h1>
    ${noticeBox(context.notice, model, locale)}
    <section aria-label="${t(locale, 'promisedDate')}">
      <p class="muted">${t(locale, `status_${model.status}`)}</p>
      ${headline(model, locale)}
    </section>
    ${slipBox(model, locale)}
    ${model.readOnly ? markup`<section class="note"><p>${t(locale, 'cancelledText')}</p></section>` : ''}
    ${quoteBox(model, context)} ${linesTable(model, locale)} ${deliveriesCard(model, locale)}
    ${shipmentCard(model, locale)}
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">${t(locale, 'progress')}</h2>
      <ol class="steps">
        ${model.stages.map(
          (stage) =>
            markup`<li class="${stage.state}" ${stage.state === 'current' ? markup` aria-current="step"` : ''}>
              ${t(locale, `stage_${stage.stage}`)}
              <span class="sr"
                >(${t(locale, stage.state === 'done' ? 'stageDone' : stage.state === 'current' ? 'stageCurrent' : 'stageNext')})</span
              >
            </li>`,
        )}
      </ol>
    </section>
    <section aria-labelledby="history-title">
      <h2 id="history-title">${t(locale, 'history')}</h2>
      <ul class="history">
        ${model.history.map(
          (event) =>
            markup`<li>
              <time datetime="${event.at}">${formatDateTime(event.at, locale, model.timeZone)}</time>:
              ${historyText(event, locale)}
            </li>`,
        )}
      </ul>
    </section>
    <section aria-labelledby="contact-title">
      <h2 id="contact-title">${t(locale, 'contact')}</h2>
      <p>
        ${t(locale, 'contactText', { name: model.salesOwner.name })}
        <a href="mailto:${model.salesOwner.email}">${model.salesOwner.email}</a>
      </p>
      <p class="muted">${t(locale, 'preferencesHint')}</p>
    </section>`;
  return page({ locale, title, selfPath: basePath }, content);
}
