/**
 * "Why this date", drilled down: each line's supply path (every component, its source and its
 * dates) as a small Gantt chart with the same figures in a table. Included by the order page.
 */
import type { VersionedPromise } from '../../domain/promise/types.ts';
import { markup, type Html } from '../html.ts';
import { formatDate, intlLocale, type Locale } from '../i18n.ts';
import { ganttChart, sourceWords } from './charts.ts';
import { CONSOLE_BASE } from './frame.ts';
import { ct } from './messages.ts';

/**
 * `movedBy`: the report that moved the promise since the engine planned (a reported delay, a
 * carrier's estimate, a date sales set), in words. Such a version keeps the last plan's lines, so
 * the chart must say that it shows the plan, not the new date.
 */
export function supplyPathSection(
  promise: VersionedPromise | undefined,
  locale: Locale,
  movedBy?: Html,
): Html | '' {
  if (!promise) return '';
  const lines = promise.result.lines;
  const recorded = lines.filter((line) => line.supplyPath?.length);
  const number = (value: number) =>
    new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(value);
  const body = recorded.length
    ? recorded.map((line, index) => {
        const steps = line.supplyPath ?? [];
        return markup`<figure class="chart">${ganttChart(`gantt-${index}`, { sku: line.sku, date: line.date, steps }, locale)}</figure>
          <details><summary>${ct(locale, 'sup_supplyPathTable')} (${line.sku})</summary><div class="table-wrap"><table>
          <thead><tr><th scope="col">${ct(locale, 'sup_component')}</th><th scope="col" class="num">${ct(locale, 'sup_level')}</th><th scope="col" class="num">${ct(locale, 'quantity')}</th>
          <th scope="col">${ct(locale, 'sup_source')}</th><th scope="col">${ct(locale, 'sup_start')}</th><th scope="col">${ct(locale, 'sup_ready')}</th></tr></thead>
          <tbody>${steps.map(
            (
              step,
            ) => markup`<tr><td><a href="${CONSOLE_BASE}/products/${encodeURIComponent(step.sku)}?lang=${locale}">${step.sku}</a></td>
              <td class="num">${step.level}</td><td class="num">${number(step.quantity)}</td>
              <td>${
                step.source.kind === 'production'
                  ? markup`<a href="${CONSOLE_BASE}/work-centers/${encodeURIComponent(step.source.workCenter)}?lang=${locale}">${sourceWords(step, locale)}</a>`
                  : sourceWords(step, locale)
              }</td>
              <td>${formatDate(step.start, locale, 'medium')}</td><td>${formatDate(step.end, locale, 'medium')}</td></tr>`,
          )}</tbody></table></div></details>`;
      })
    : markup`<p>${ct(locale, 'sup_supplyPathNone')}</p>`;
  const moved =
    movedBy && recorded.length
      ? markup`<p class="note" id="supply-path-moved">${ct(locale, 'sup_planBeforeReport', { date: formatDate(promise.date, locale, 'medium') })} ${movedBy}</p>`
      : '';
  return markup`<section aria-labelledby="supply-path"><h2 id="supply-path">${ct(locale, 'sup_supplyPath')}</h2>${moved}${body}</section>`;
}
