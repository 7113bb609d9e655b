/** The console's supply pages: the index of products and work centers, a product, a work center. */
import type {
  ConsoleProductModel,
  ConsoleWorkCenterModel,
  SupplyIndexModel,
} from '../../usecases/supply/console.ts';
import type { DependentOrder } from '../../usecases/supply/views.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, formatMoney, intlLocale, type Locale } from '../i18n.ts';
import { statusWords } from './board.ts';
import { availabilityChart, loadChart } from './charts.ts';
import { CONSOLE_BASE, consolePage } from './frame.ts';
import { ct } from './messages.ts';

export interface SupplyPageContext {
  readonly locale: Locale;
  readonly logoutToken: string;
  readonly currency: string;
}

const productHref = (sku: string, locale: Locale) =>
  `${CONSOLE_BASE}/products/${encodeURIComponent(sku)}?lang=${locale}`;
const workCenterHref = (id: string, locale: Locale) =>
  `${CONSOLE_BASE}/work-centers/${encodeURIComponent(id)}?lang=${locale}`;
const number = (value: number, locale: Locale) =>
  new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(value);

/** Capacity by weekday in the reader's weekday names, Monday first. */
function weeklyHours(hours: Readonly<Partial<Record<number, number>>>, locale: Locale): string {
  const name = (weekday: number) =>
    new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', timeZone: 'UTC' }).format(
      // 2024-01-01 was a Monday.
      new Date(Date.UTC(2024, 0, weekday)),
    );
  return [1, 2, 3, 4, 5, 6, 7]
    .filter((weekday) => (hours[weekday] ?? 0) > 0)
    .map((weekday) => `${name(weekday)} ${number(hours[weekday] ?? 0, locale)}`)
    .join(' · ');
}

function dependentsSection(
  dependents: { total: number; orders: readonly DependentOrder[] },
  locale: Locale,
): Html {
  const rows = dependents.orders.map(
    (
      order,
    ) => markup`<tr><td><a href="${CONSOLE_BASE}/orders/${encodeURIComponent(order.orderId)}?lang=${locale}">${order.orderId}</a></td>
      <td>${order.customerId}</td><td>${statusWords(order.status, locale)}</td>
      <td>${order.promisedDate ? formatDate(order.promisedDate, locale, 'medium') : ''}</td>
      <td>${order.atRisk ? markup`<span class="badge b-risk">${ct(locale, 'sup_atRisk')}</span>` : ''}</td></tr>`,
  );
  return markup`<section aria-labelledby="dependents"><h2 id="dependents">${ct(locale, 'sup_dependents')}</h2>
    ${
      dependents.orders.length
        ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">${ct(locale, 'order')}</th><th scope="col">${ct(locale, 'customer')}</th>
          <th scope="col">${ct(locale, 'status')}</th><th scope="col">${ct(locale, 'promised')}</th><th scope="col"><span class="sr">${ct(locale, 'sup_atRisk')}</span></th></tr></thead>
          <tbody>${rows}</tbody></table></div>
          <p class="muted">${ct(locale, 'sup_dependentsCount', { shown: dependents.orders.length, total: dependents.total })}</p>`
        : markup`<p>${ct(locale, 'sup_noDependents')}</p>`
    }</section>`;
}

const pager = (next: string | undefined, href: (cursor: string) => string, locale: Locale) =>
  next ? markup`<p><a href="${href(next)}" rel="next">${ct(locale, 'sup_nextPage')}</a></p>` : '';

export function renderSupplyIndex(
  model: SupplyIndexModel,
  cursors: { products?: string; workCenters?: string },
  context: SupplyPageContext,
): string {
  const { locale } = context;
  const query = (products?: string, workCenters?: string) =>
    [
      products ? `products=${encodeURIComponent(products)}` : '',
      workCenters ? `workCenters=${encodeURIComponent(workCenters)}` : '',
    ]
      .filter(Boolean)
      .join('&');
  const link = (products?: string, workCenters?: string) =>
    `${CONSOLE_BASE}/supply?lang=${locale}${query(products, workCenters) ? `&${query(products, workCenters)}` : ''}`;
  const products = model.products.items.length
    ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">${ct(locale, 'sku')}</th><th scope="col">${ct(locale, 'sup_name')}</th>
        <th scope="col">${ct(locale, 'sup_kind')}</th><th scope="col">${ct(locale, 'sup_leadTime')}</th><th scope="col" class="num">${ct(locale, 'unitPrice')}</th></tr></thead>
        <tbody>${model.products.items.map(
          (
            product,
          ) => markup`<tr><td><a href="${productHref(product.sku, locale)}">${product.sku}</a></td><td>${product.name}</td>
            <td>${ct(locale, product.kind === 'make' ? 'sup_kind_make' : 'sup_kind_stock')}</td>
            <td>${product.purchaseLeadTimeDays !== undefined ? ct(locale, 'sup_leadTimeDays', { days: product.purchaseLeadTimeDays }) : ct(locale, 'sup_notBought')}</td>
            <td class="num">${formatMoney(product.unitPrice, context.currency, locale)}</td></tr>`,
        )}</tbody></table></div>`
    : markup`<p>${ct(locale, 'sup_noProducts')}</p>`;
  const centers = model.workCenters.items.length
    ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">${ct(locale, 'sup_workCenter')}</th><th scope="col">${ct(locale, 'sup_weeklyHours')}</th>
        <th scope="col" class="num">${ct(locale, 'sup_heldHoursCol')}</th></tr></thead>
        <tbody>${model.workCenters.items.map(
          (
            center,
          ) => markup`<tr><td><a href="${workCenterHref(center.id, locale)}">${center.id}</a></td><td>${weeklyHours(center.hoursByWeekday, locale)}</td>
            <td class="num">${number(
              center.load.reduce((sum, day) => sum + day.held, 0),
              locale,
            )}</td></tr>`,
        )}</tbody></table></div>`
    : markup`<p>${ct(locale, 'sup_noWorkCenters')}</p>`;
  const paged = cursors.products || cursors.workCenters;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'sup_title')} · ${ct(locale, 'consoleTitle')}`,
      selfPath: `${CONSOLE_BASE}/supply${query(cursors.products, cursors.workCenters) ? `?${query(cursors.products, cursors.workCenters)}` : ''}`,
      logoutToken: context.logoutToken,
    },
    markup`<h1>${ct(locale, 'sup_title')}</h1>
      ${paged ? markup`<p><a href="${link()}">${ct(locale, 'sup_firstPage')}</a></p>` : ''}
      <section aria-labelledby="products"><h2 id="products">${ct(locale, 'sup_products')}</h2>${products}
        ${pager(model.products.nextCursor, (next) => link(next, cursors.workCenters), locale)}</section>
      <section aria-labelledby="work-centers"><h2 id="work-centers">${ct(locale, 'sup_workCenters')}</h2>${centers}
        ${pager(model.workCenters.nextCursor, (next) => link(cursors.products, next), locale)}</section>`,
  );
}

export function renderProduct(model: ConsoleProductModel, context: SupplyPageContext): string {
  const { locale } = context;
  const { product, supply } = model;
  const lot =
    product.lotMinimum || product.lotMultiple
      ? ct(locale, 'sup_lotRule', { min: product.lotMinimum ?? 1, multiple: product.lotMultiple ?? 1 })
      : ct(locale, 'sup_none');
  const bom = product.bom.length
    ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">${ct(locale, 'sup_component')}</th><th scope="col">${ct(locale, 'sup_name')}</th><th scope="col" class="num">${ct(locale, 'sup_quantityPer')}</th></tr></thead>
        <tbody>${product.bom.map(
          (line) =>
            markup`<tr><td><a href="${productHref(line.sku, locale)}">${line.sku}</a></td><td>${model.componentNames.get(line.sku) ?? ''}</td><td class="num">${number(line.quantityPer, locale)}</td></tr>`,
        )}</tbody></table></div>`
    : markup`<p>${ct(locale, 'sup_noBom')}</p>`;
  const routing = product.routing.length
    ? markup`<div class="table-wrap"><table><thead><tr><th scope="col">#</th><th scope="col">${ct(locale, 'sup_workCenter')}</th><th scope="col" class="num">${ct(locale, 'sup_hoursPerUnit')}</th><th scope="col" class="num">${ct(locale, 'sup_setupHours')}</th></tr></thead>
        <tbody>${product.routing.map(
          (step, index) =>
            markup`<tr><td>${index + 1}</td><td><a href="${workCenterHref(step.workCenter, locale)}">${step.workCenter}</a></td><td class="num">${number(step.hoursPerUnit, locale)}</td><td class="num">${number(step.setupHours, locale)}</td></tr>`,
        )}</tbody></table></div>`
    : markup`<p>${ct(locale, 'sup_noRouting')}</p>`;
  const table = markup`<details><summary>${ct(locale, 'sup_availabilityTable')}</summary><div class="table-wrap"><table>
      <thead><tr><th scope="col">${ct(locale, 'sup_date')}</th><th scope="col" class="num">${ct(locale, 'sup_receiptsCol')}</th><th scope="col" class="num">${ct(locale, 'sup_heldCol')}</th>
      <th scope="col" class="num">${ct(locale, 'sup_balanceCol')}</th><th scope="col" class="num">${ct(locale, 'sup_atpCol')}</th></tr></thead>
      <tbody>${supply.atp.map(
        (
          day,
        ) => markup`<tr><td>${formatDate(day.date, locale, 'medium')}</td><td class="num">${number(day.receipts, locale)}</td><td class="num">${number(day.held, locale)}</td>
          <td class="num">${number(day.balance, locale)}</td><td class="num">${number(day.atp, locale)}</td></tr>`,
      )}</tbody></table></div></details>`;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'sup_productTitle', { sku: product.sku })} · ${ct(locale, 'consoleTitle')}`,
      selfPath: `${CONSOLE_BASE}/products/${encodeURIComponent(product.sku)}`,
      logoutToken: context.logoutToken,
    },
    markup`<p><a href="${CONSOLE_BASE}/supply?lang=${locale}">${ct(locale, 'sup_title')}</a></p>
      <h1>${ct(locale, 'sup_productTitle', { sku: product.sku })} · ${product.name}</h1>
      <section aria-labelledby="facts"><h2 id="facts" class="sr">${ct(locale, 'sup_title')}</h2><ul>
        <li>${ct(locale, 'sup_kind')}: ${ct(locale, product.kind === 'make' ? 'sup_kind_make' : 'sup_kind_stock')}</li>
        <li>${ct(locale, 'unitPrice')}: ${formatMoney(product.unitPrice, context.currency, locale)}</li>
        <li>${ct(locale, 'sup_leadTime')}: ${product.purchaseLeadTimeDays !== undefined ? ct(locale, 'sup_leadTimeDays', { days: product.purchaseLeadTimeDays }) : ct(locale, 'sup_notBought')}</li>
        <li>${ct(locale, 'sup_lot')}: ${lot}</li></ul></section>
      <section aria-labelledby="bom"><h2 id="bom">${ct(locale, 'sup_bom')}</h2>${bom}</section>
      <section aria-labelledby="routing"><h2 id="routing">${ct(locale, 'sup_routing')}</h2>${routing}</section>
      <section aria-labelledby="availability"><h2 id="availability">${ct(locale, 'sup_availability', { days: supply.days.length })}</h2>
        <p>${ct(locale, 'sup_stockLine', { onHand: number(supply.onHand, locale), receipts: supply.receipts.length, holds: supply.holds.length })}</p>
        <figure class="chart">${availabilityChart('availability-chart', product.sku, supply.days, locale)}</figure>
        ${table}</section>
      ${dependentsSection(model.dependents, locale)}`,
  );
}

export function renderWorkCenter(model: ConsoleWorkCenterModel, context: SupplyPageContext): string {
  const { locale } = context;
  const { load } = model;
  const exceptions = Object.entries(load.exceptions).sort(([a], [b]) => a.localeCompare(b));
  const rows = load.days.filter((day) => day.capacity > 0 || day.held > 0);
  const table = markup`<details><summary>${ct(locale, 'sup_loadTable')}</summary><div class="table-wrap"><table>
      <thead><tr><th scope="col">${ct(locale, 'sup_date')}</th><th scope="col" class="num">${ct(locale, 'sup_capacityCol')}</th>
      <th scope="col" class="num">${ct(locale, 'sup_heldHoursCol')}</th><th scope="col" class="num">${ct(locale, 'sup_freeCol')}</th></tr></thead>
      <tbody>${rows.map(
        (
          day,
        ) => markup`<tr><td>${formatDate(day.date, locale, 'medium')}</td><td class="num">${number(day.capacity, locale)}</td>
          <td class="num">${number(day.held, locale)}</td><td class="num">${number(day.capacity - day.held, locale)}</td></tr>`,
      )}</tbody></table></div></details>`;
  return consolePage(
    {
      locale,
      title: `${ct(locale, 'sup_workCenterTitle', { id: load.id })} · ${ct(locale, 'consoleTitle')}`,
      selfPath: `${CONSOLE_BASE}/work-centers/${encodeURIComponent(load.id)}`,
      logoutToken: context.logoutToken,
    },
    markup`<p><a href="${CONSOLE_BASE}/supply?lang=${locale}">${ct(locale, 'sup_title')}</a></p>
      <h1>${ct(locale, 'sup_workCenterTitle', { id: load.id })}</h1>
      <section aria-labelledby="capacity"><h2 id="capacity">${ct(locale, 'sup_weeklyHours')}</h2>
        <p>${weeklyHours(load.hoursByWeekday, locale)}</p>
        ${
          exceptions.length
            ? markup`<p>${ct(locale, 'sup_exceptions')}: ${exceptions.map(([date, hours]) => `${formatDate(date, locale, 'medium')} ${ct(locale, 'sup_hours', { hours: number(hours, locale) })}`).join(' · ')}</p>`
            : ''
        }</section>
      <section aria-labelledby="load"><h2 id="load">${ct(locale, 'sup_load', { days: load.days.length })}</h2>
        <figure class="chart">${loadChart('load-chart', load.id, load.days, locale)}</figure>
        ${table}</section>
      ${dependentsSection(model.dependents, locale)}`,
  );
}
