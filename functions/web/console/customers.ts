import type { ConsoleCustomerModel } from '../../usecases/sales-customer/console-customer.ts';
import type { ContactView, CustomerView } from '../../usecases/sales-customer/customer-view.ts';
import type { CustomerSummary } from '../../usecases/sales-customer/list-customers.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, type Locale } from '../i18n.ts';
import { statusWords } from './board.ts';
import { CONSOLE_BASE, consolePage } from './frame.ts';
import { ct } from './messages.ts';

const customerPath = (customerId: string) => `${CONSOLE_BASE}/customers/${encodeURIComponent(customerId)}`;

/** The customer list: a plain GET search form, one page of customers, a link to the next page. */
export function renderCustomerList(
  page: { customers: readonly CustomerSummary[]; nextCursor?: string },
  context: { locale: Locale; q?: string; cursor?: string; logoutToken: string },
): string {
  const { locale, q } = context;
  const query = q ? `q=${encodeURIComponent(q)}&` : '';
  const rows = page.customers.map(
    (customer) => markup`<tr>
      <td><a href="${customerPath(customer.customerId)}?lang=${locale}">${customer.name}</a></td>
      <td>${customer.customerId}</td><td>${customer.tier}</td><td>${customer.region}</td>
      <td class="num">${customer.contacts}</td><td class="num">${customer.optedOut || ''}</td></tr>`,
  );
  const table = page.customers.length
    ? markup`<div class="table-wrap"><table><caption class="sr">${ct(locale, 'customersTitle')}</caption>
      <thead><tr><th scope="col">${ct(locale, 'name')}</th><th scope="col">${ct(locale, 'customerIdCol')}</th>
        <th scope="col">${ct(locale, 'tier')}</th><th scope="col">${ct(locale, 'region')}</th>
        <th scope="col" class="num">${ct(locale, 'contactsCol')}</th><th scope="col" class="num">${ct(locale, 'optedOutCol')}</th></tr></thead>
      <tbody>${rows}</tbody></table></div>`
    : markup`<p>${ct(locale, 'noCustomers')}</p>`;
  const paging = [
    context.cursor
      ? markup`<a href="${CONSOLE_BASE}/customers?${query}lang=${locale}">${ct(locale, 'firstPage')}</a> `
      : '',
    page.nextCursor
      ? markup`<a rel="next" href="${CONSOLE_BASE}/customers?${query}cursor=${encodeURIComponent(page.nextCursor)}&lang=${locale}">${ct(locale, 'nextPage')}</a>`
      : '',
  ];
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'customersTitle')} · ${ct(locale, 'consoleTitle')}`,
      selfPath: `${CONSOLE_BASE}/customers${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      logoutToken: context.logoutToken,
    },
    markup`<h1>${ct(locale, 'customersTitle')}</h1>
      <section><form method="get" action="${CONSOLE_BASE}/customers" class="filters" role="search" aria-label="${ct(locale, 'customersTitle')}">
        <input type="hidden" name="lang" value="${locale}">
        <label>${ct(locale, 'customerSearch')}<input type="search" name="q" value="${q ?? ''}" maxlength="100"></label>
        <button type="submit" class="small">${ct(locale, 'searchButton')}</button>
        ${q ? markup`<a href="${CONSOLE_BASE}/customers?lang=${locale}">${ct(locale, 'clear')}</a>` : ''}
      </form></section>
      <section aria-labelledby="customers"><h2 id="customers" class="sr">${ct(locale, 'customersTitle')}</h2>${table}
        <p>${paging}</p></section>`,
  );
}

/** A contact's opt-outs and suppressed addresses, in words. */
const optOutWords = (contact: ContactView, locale: Locale): string[] =>
  [
    contact.preferences?.optOut?.email ? ct(locale, 'optedOutEmail') : '',
    contact.preferences?.optOut?.sms ? ct(locale, 'optedOutSms') : '',
    ...Object.entries(contact.suppressed ?? {}).map(([channel, reason]) =>
      ct(locale, 'suppressedLine', { channel, reason }),
    ),
  ].filter(Boolean);

/** A contact's own choices, read-only: what they receive where, when, in which language, and opt-outs. */
function contactChoices(contact: ContactView, customer: CustomerView, locale: Locale): Html {
  const preferences = contact.preferences ?? {};
  const channels = Object.entries(preferences.channels ?? {});
  const optOuts = optOutWords(contact, locale);
  return markup`<dl class="choices">
    <dt>${ct(locale, 'optOut')}</dt><dd>${
      optOuts.length
        ? markup`<strong class="badge b-attention">${optOuts.join(' · ')}</strong>`
        : ct(locale, 'notOptedOut')
    }</dd>
    <dt>${ct(locale, 'channels')}</dt><dd>${
      channels.length
        ? markup`<ul>${channels.map(([kind, list]) => markup`<li>${kind}: ${list?.length ? list.join(', ') : ct(locale, 'none')}</li>`)}</ul>`
        : ct(locale, 'channelsDefault')
    }</dd>
    <dt>${ct(locale, 'quietHours')}</dt><dd>${
      preferences.quietHours
        ? `${preferences.quietHours.start}–${preferences.quietHours.end} (${customer.timeZone})`
        : ct(locale, 'none')
    }</dd>
    <dt>${ct(locale, 'contactLanguage')}</dt><dd>${preferences.locale ?? ct(locale, 'customerLanguage', { locale: customer.locale })}</dd>
  </dl>`;
}

/** A customer's page: its facts, each contact with their own choices (read-only), and its orders. */
export function renderCustomer(
  model: ConsoleCustomerModel,
  context: { locale: Locale; logoutToken: string; saved: boolean },
): string {
  const { locale } = context;
  const { customer } = model;
  const contacts = customer.contacts.map(
    (contact) => markup`<section class="card" aria-labelledby="contact-${contact.id}">
      <h3 id="contact-${contact.id}">${contact.name} <span class="muted">(${contact.id})</span></h3>
      <p>${contact.email ?? ''}${contact.email && contact.phone ? ' · ' : ''}${contact.phone ?? ''}</p>
      <h4>${ct(locale, 'contactPreferences', { name: contact.name })}</h4>
      <p class="muted">${ct(locale, 'contactChoices')}</p>
      ${contactChoices(contact, customer, locale)}</section>`,
  );
  const orders = model.orders.length
    ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">${ct(locale, 'order')}</th><th scope="col">${ct(locale, 'status')}</th>
        <th scope="col">${ct(locale, 'promised')}</th><th scope="col">${ct(locale, 'created')}</th></tr></thead>
      <tbody>${model.orders.map(
        (
          order,
        ) => markup`<tr><td><a href="${CONSOLE_BASE}/orders/${encodeURIComponent(order.orderId)}?lang=${locale}">${order.orderId}</a></td>
          <td>${statusWords(order.status, locale)}${order.atRisk ? markup` <span class="badge b-risk">${ct(locale, 'atRisk')}</span>` : ''}</td>
          <td>${order.promisedDate ? formatDate(order.promisedDate, locale, 'medium') : ''}</td>
          <td>${formatDate(order.createdAt.slice(0, 10), locale, 'medium')}</td></tr>`,
      )}</tbody></table></div>`
    : markup`<p>${ct(locale, 'noCustomerOrders')}</p>`;
  const boardLink = `${CONSOLE_BASE}?customerId=${encodeURIComponent(customer.customerId)}&lang=${locale}`;
  return consolePage(
    {
      locale,
      title: `${customer.name} · ${ct(locale, 'consoleTitle')}`,
      selfPath: customerPath(customer.customerId),
      logoutToken: context.logoutToken,
    },
    markup`<p><a href="${CONSOLE_BASE}/customers?lang=${locale}">${ct(locale, 'backToCustomers')}</a></p>
      <h1>${customer.name}</h1>
      ${context.saved ? markup`<section class="ok" role="status"><p>${ct(locale, 'savedCustomer')}</p></section>` : ''}
      <section aria-labelledby="facts"><h2 id="facts">${customer.customerId}</h2>
        <dl class="choices">
          <dt>${ct(locale, 'tier')}</dt><dd>${customer.tier}</dd>
          <dt>${ct(locale, 'region')}</dt><dd>${customer.region}</dd>
          <dt>${ct(locale, 'language')}</dt><dd>${customer.locale}</dd>
          <dt>${ct(locale, 'timeZone')}</dt><dd>${customer.timeZone}</dd>
          <dt>${ct(locale, 'splitDelivery')}</dt><dd>${ct(locale, customer.acceptsSplitDelivery ? 'yes' : 'no')}</dd>
          <dt>${ct(locale, 'salesOwner')}</dt><dd>${customer.salesOwner.name}</dd>
        </dl>
        <p><a href="${customerPath(customer.customerId)}/edit?lang=${locale}">${ct(locale, 'editCustomer')}</a></p></section>
      <section aria-labelledby="contacts"><h2 id="contacts">${ct(locale, 'contacts')}</h2>${contacts}</section>
      <section aria-labelledby="orders"><h2 id="orders">${ct(locale, 'customerOrders')}</h2>${orders}
        <p><a href="${boardLink}">${ct(locale, 'allCustomerOrders')}</a></p></section>`,
  );
}

/** The edit form: tier, name, region and the contacts' names and addresses; never their own choices. */
export function renderCustomerEdit(
  customer: CustomerView,
  context: { locale: Locale; logoutToken: string; formToken: string },
): string {
  const { locale } = context;
  const field = (label: string, name: string, value: string, attributes: Html | '' = '') =>
    markup`<label>${label}<input name="${name}" value="${value}"${attributes}></label>`;
  const contactRows = customer.contacts.map(
    (
      contact,
    ) => markup`<fieldset><legend>${contact.id}${optOutWords(contact, locale).map((words) => markup` · <strong>${words}</strong>`)}</legend>
      <input type="hidden" name="contactId" value="${contact.id}">
      <div class="filters">
      ${field(ct(locale, 'name'), `name.${contact.id}`, contact.name, markup` required maxlength="120"`)}
      ${field(ct(locale, 'email'), `email.${contact.id}`, contact.email ?? '', markup` type="email" maxlength="254"`)}
      ${field(ct(locale, 'phone'), `phone.${contact.id}`, contact.phone ?? '', markup` type="tel" pattern="\\+[1-9][0-9]{6,14}"`)}
      </div></fieldset>`,
  );
  const tier = (value: 'A' | 'B' | 'C') =>
    markup`<option value="${value}"${customer.tier === value ? markup` selected` : ''}>${value}</option>`;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'editTitle', { customer: customer.name })} · ${ct(locale, 'consoleTitle')}`,
      selfPath: `${customerPath(customer.customerId)}/edit`,
      logoutToken: context.logoutToken,
    },
    markup`<p><a href="${customerPath(customer.customerId)}?lang=${locale}">${ct(locale, 'cancelEdit')}</a></p>
      <h1>${ct(locale, 'editTitle', { customer: customer.name })}</h1>
      <form method="post" action="${customerPath(customer.customerId)}?lang=${locale}">
        <input type="hidden" name="csrf" value="${context.formToken}">
        <input type="hidden" name="version" value="${String(customer.version)}">
        <section><div class="filters">
          ${field(ct(locale, 'name'), 'name', customer.name, markup` required maxlength="200"`)}
          <label>${ct(locale, 'tier')}<select name="tier">${tier('A')}${tier('B')}${tier('C')}</select></label>
          ${field(ct(locale, 'region'), 'region', customer.region, markup` required maxlength="20"`)}
        </div></section>
        <section aria-labelledby="edit-contacts"><h2 id="edit-contacts">${ct(locale, 'contacts')}</h2>
          <p class="muted">${ct(locale, 'editHint')}</p>
          ${contactRows}
          <fieldset><legend>${ct(locale, 'newContact')}</legend><div class="filters">
            ${field(ct(locale, 'contactId'), 'newId', '', markup` maxlength="40" pattern="[A-Za-z0-9._\\-]{1,40}"`)}
            ${field(ct(locale, 'name'), 'newName', '', markup` maxlength="120"`)}
            ${field(ct(locale, 'email'), 'newEmail', '', markup` type="email" maxlength="254"`)}
            ${field(ct(locale, 'phone'), 'newPhone', '', markup` type="tel" pattern="\\+[1-9][0-9]{6,14}"`)}
          </div></fieldset></section>
        <button type="submit">${ct(locale, 'save')}</button>
      </form>`,
  );
}
