/**
 * Server-rendered SVG charts of the console: a SKU's availability, a work center's load and an
 * order's supply path as a Gantt chart. Plain SVG with presentation attributes (the page's CSP
 * allows no inline style attribute and no script), readable without JavaScript; each chart has a
 * title and a description for screen readers, and its page shows the same figures as a table.
 */
import { addDays, daysBetween } from '../../domain/promise/calendar.ts';
import type { AvailabilityDay, LoadDay } from '../../domain/promise/horizon.ts';
import type { IsoDate, SupplyStep } from '../../domain/promise/types.ts';
import { markup, raw, type Html } from '../html.ts';
import { intlLocale, type Locale } from '../i18n.ts';
import { ct } from './messages.ts';

/** Colours with at least 3:1 contrast against white, as WCAG asks of graphics. */
export const CHART_COLOURS = {
  ink: '#1a1a1a',
  grid: '#d6d3d1',
  receipts: '#15803d',
  holds: '#b91c1c',
  balance: '#4b5563',
  atp: '#0b57d0',
  capacity: '#6b7280',
  held: '#1d4ed8',
  overload: '#b91c1c',
  stock: '#4b5563',
  receipt: '#15803d',
  purchase: '#b45309',
  production: '#1d4ed8',
} as const;

const WIDTH = 760;
const LEFT = 56;
const RIGHT = 16;
const TOP = 32;
const BOTTOM = 36;

/** Coordinates with at most one decimal: smaller markup, no visible difference. */
const n = (value: number) => String(Math.round(value * 10) / 10);

// Formatters are costly to build (about a millisecond each under load): one per locale, reused.
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function shortDate(date: IsoDate, locale: Locale): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', day: 'numeric', timeZone: 'UTC' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

function quantity(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** The frame of every chart: accessible name and description, then the drawing. */
function svg(id: string, title: string, description: string, height: number, body: Html): Html {
  return markup`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui,sans-serif" font-size="12">
    <title id="${id}-title">${title}</title><desc id="${id}-desc">${description}</desc>${body}</svg>`;
}

/** Rough width of a label at 12px: CJK characters are about twice as wide as Latin ones. */
const textWidth = (text: string) =>
  [...text].reduce((width, char) => width + (/[\u2e80-\uffff]/.test(char) ? 12.5 : 7), 0);

function legend(
  items: readonly { colour: string; label: string; line?: boolean; outline?: boolean }[],
): Html {
  let x = LEFT;
  return markup`<g class="legend">${items.map((item) => {
    const mark = item.line
      ? markup`<line x1="${n(x)}" y1="12" x2="${n(x + 16)}" y2="12" stroke="${item.colour}" stroke-width="3"/>`
      : item.outline
        ? markup`<rect x="${n(x)}" y="6" width="12" height="12" fill="#f5f5f4" stroke="${item.colour}"/>`
        : markup`<rect x="${n(x)}" y="6" width="12" height="12" fill="${item.colour}"/>`;
    const text = markup`<text x="${n(x + 20)}" y="16" fill="${CHART_COLOURS.ink}">${item.label}</text>`;
    x += 32 + textWidth(item.label);
    return markup`${mark}${text}`;
  })}</g>`;
}

/** A value axis with gridlines at `values`. */
function valueAxis(
  values: readonly number[],
  y: (value: number) => number,
  locale: Locale,
  width: number,
): Html {
  // A tick too close to zero would print over its label: zero is the one that matters.
  const shown = [...new Set(values)].filter((value) => value === 0 || Math.abs(y(value) - y(0)) >= 14);
  return markup`${shown.map(
    (
      value,
    ) => markup`<line x1="${LEFT}" x2="${n(LEFT + width)}" y1="${n(y(value))}" y2="${n(y(value))}" stroke="${value === 0 ? CHART_COLOURS.ink : CHART_COLOURS.grid}"/>
      <text x="${LEFT - 6}" y="${n(y(value) + 4)}" text-anchor="end" fill="${CHART_COLOURS.ink}">${quantity(value, locale)}</text>`,
  )}`;
}

/** Day labels under the plot: about eight, on whole weeks from the first day. */
function dayAxis(
  first: IsoDate,
  days: number,
  x: (offset: number) => number,
  baseline: number,
  locale: Locale,
): Html {
  const step = Math.max(7, Math.ceil(days / 8 / 7) * 7);
  const ticks: number[] = [];
  for (let offset = 0; offset < days; offset += step) ticks.push(offset);
  return markup`${ticks.map(
    (
      offset,
    ) => markup`<line x1="${n(x(offset))}" x2="${n(x(offset))}" y1="${n(baseline)}" y2="${n(baseline + 4)}" stroke="${CHART_COLOURS.ink}"/>
      <text x="${n(x(offset))}" y="${n(baseline + 18)}" fill="${CHART_COLOURS.ink}">${shortDate(addDays(first, offset), locale)}</text>`,
  )}`;
}

/** A step line through one value per day. */
const stepPath = (values: readonly number[], x: (offset: number) => number, y: (value: number) => number) =>
  values
    .map((value, index) => `${index ? 'H' : 'M'}${n(x(index))} ${index ? 'V' : ''}${n(y(value))}`)
    .join(' ') + ` H${n(x(values.length))}`;

/**
 * A SKU's availability per day: receipts as bars up, holds as bars down, the balance (on hand +
 * receipts - holds so far) and the cumulative ATP (free to promise from that day on) as step lines.
 */
export function availabilityChart(
  id: string,
  sku: string,
  days: readonly AvailabilityDay[],
  locale: Locale,
): Html {
  const height = 280;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = height - TOP - BOTTOM;
  const values = days.flatMap((day) => [day.balance, day.atp, day.receipts, -day.held, 0]);
  const top = Math.max(...values, 1);
  const bottom = Math.min(...values, 0);
  const y = (value: number) => TOP + ((top - value) / (top - bottom)) * plotHeight;
  const band = plotWidth / Math.max(days.length, 1);
  const x = (offset: number) => LEFT + offset * band;
  const bar = Math.max(band * 0.7, 1);
  const bars = days.flatMap((day, offset) => [
    day.receipts > 0
      ? markup`<rect x="${n(x(offset) + (band - bar) / 2)}" y="${n(y(day.receipts))}" width="${n(bar)}" height="${n(y(0) - y(day.receipts))}" fill="${CHART_COLOURS.receipts}"/>`
      : '',
    day.held > 0
      ? markup`<rect x="${n(x(offset) + (band - bar) / 2)}" y="${n(y(0))}" width="${n(bar)}" height="${n(y(-day.held) - y(0))}" fill="${CHART_COLOURS.holds}"/>`
      : '',
  ]);
  const first = days[0];
  const last = days.at(-1);
  const description =
    first && last
      ? ct(locale, 'chartAvailabilityDesc', {
          sku,
          from: shortDate(first.date, locale),
          to: shortDate(last.date, locale),
          onHand: quantity(first.balance + first.held - first.receipts, locale),
          atpNow: quantity(first.atp, locale),
          atpEnd: quantity(last.atp, locale),
          receipts: quantity(
            days.reduce((sum, day) => sum + day.receipts, 0),
            locale,
          ),
          held: quantity(
            days.reduce((sum, day) => sum + day.held, 0),
            locale,
          ),
        })
      : '';
  return svg(
    id,
    ct(locale, 'chartAvailability', { sku }),
    description,
    height,
    markup`${legend([
      { colour: CHART_COLOURS.receipts, label: ct(locale, 'legendReceipts') },
      { colour: CHART_COLOURS.holds, label: ct(locale, 'legendHolds') },
      { colour: CHART_COLOURS.balance, label: ct(locale, 'legendBalance'), line: true },
      { colour: CHART_COLOURS.atp, label: ct(locale, 'legendAtp'), line: true },
    ])}
    ${valueAxis([bottom, 0, top], y, locale, plotWidth)}
    <g class="plot">${bars}
    <path d="${stepPath(
      days.map((day) => day.balance),
      x,
      y,
    )}" fill="none" stroke="${CHART_COLOURS.balance}" stroke-width="2" stroke-dasharray="5 3"/>
    <path d="${stepPath(
      days.map((day) => day.atp),
      x,
      y,
    )}" fill="none" stroke="${CHART_COLOURS.atp}" stroke-width="3"/></g>
    ${first ? dayAxis(first.date, days.length, x, TOP + plotHeight, locale) : ''}`,
  );
}

/** A work center's capacity per day (outlined bar) against the hours orders hold (filled; red when over). */
export function loadChart(id: string, workCenter: string, days: readonly LoadDay[], locale: Locale): Html {
  const height = 260;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = height - TOP - BOTTOM;
  const top = Math.max(1, ...days.flatMap((day) => [day.capacity, day.held]));
  const y = (value: number) => TOP + ((top - value) / top) * plotHeight;
  const band = plotWidth / Math.max(days.length, 1);
  const x = (offset: number) => LEFT + offset * band;
  const bar = Math.max(band * 0.75, 1);
  const bars = days.map(
    (day, offset) =>
      markup`${
        day.capacity > 0
          ? markup`<rect x="${n(x(offset) + (band - bar) / 2)}" y="${n(y(day.capacity))}" width="${n(bar)}" height="${n(y(0) - y(day.capacity))}" fill="#f5f5f4" stroke="${CHART_COLOURS.capacity}"/>`
          : ''
      }${
        day.held > 0
          ? markup`<rect x="${n(x(offset) + (band - bar) / 2)}" y="${n(y(day.held))}" width="${n(bar)}" height="${n(y(0) - y(day.held))}" fill="${day.held > day.capacity + 1e-9 ? CHART_COLOURS.overload : CHART_COLOURS.held}"/>`
          : ''
      }`,
  );
  const first = days[0];
  const last = days.at(-1);
  const capacity = days.reduce((sum, day) => sum + day.capacity, 0);
  const held = days.reduce((sum, day) => sum + day.held, 0);
  const full = days.filter((day) => day.capacity > 0 && day.held >= day.capacity - 1e-9).length;
  const description =
    first && last
      ? ct(locale, 'chartLoadDesc', {
          wc: workCenter,
          from: shortDate(first.date, locale),
          to: shortDate(last.date, locale),
          held: quantity(held, locale),
          capacity: quantity(capacity, locale),
          percent: capacity ? Math.round((held / capacity) * 100) : 0,
          full,
        })
      : '';
  return svg(
    id,
    ct(locale, 'chartLoad', { wc: workCenter }),
    description,
    height,
    markup`${legend([
      { colour: CHART_COLOURS.capacity, label: ct(locale, 'legendCapacity'), outline: true },
      { colour: CHART_COLOURS.held, label: ct(locale, 'legendHeld') },
      { colour: CHART_COLOURS.overload, label: ct(locale, 'legendOverload') },
    ])}
    ${valueAxis([0, top], y, locale, plotWidth)}
    <g class="plot">${bars}</g>
    ${first ? dayAxis(first.date, days.length, x, TOP + plotHeight, locale) : ''}`,
  );
}

/** A supply step's source in words. */
/** A quantity in the reader's digits, at most two decimals. */
export { quantity as chartQuantity };

export function sourceWords(step: SupplyStep, locale: Locale): string {
  switch (step.source.kind) {
    case 'stock':
      return ct(locale, 'sourceStock');
    case 'receipt':
      return ct(locale, 'sourceReceipt', { ref: step.source.ref });
    case 'purchase':
      return ct(locale, 'sourcePurchase', { days: step.source.leadTimeDays });
    case 'production':
      return ct(locale, 'sourceProduction', {
        wc: step.source.workCenter,
        hours: quantity(step.source.hours, locale),
      });
  }
}

/**
 * An order line's supply path as a Gantt chart: one row per step (indented by BOM level), a bar from
 * the day it starts to the day it is ready, and a dashed line at the delivery date.
 */
export function ganttChart(
  id: string,
  line: { sku: string; date: IsoDate; steps: readonly SupplyStep[] },
  locale: Locale,
): Html {
  const label = 250;
  const row = 24;
  const height = TOP + line.steps.length * row + BOTTOM;
  const first = line.steps.reduce((min, step) => (step.start < min ? step.start : min), line.date);
  const last = line.steps.reduce((max, step) => (step.end > max ? step.end : max), line.date);
  const days = daysBetween(first, last) + 1;
  const plotWidth = WIDTH - label - RIGHT;
  const x = (offset: number) => label + (offset / days) * plotWidth;
  const rows = line.steps.map((step, index) => {
    const top = TOP + index * row;
    const start = daysBetween(first, step.start);
    const end = daysBetween(first, step.end) + 1;
    const where =
      step.source.kind === 'production'
        ? ` · ${step.source.workCenter}`
        : step.source.kind === 'receipt'
          ? ` · ${step.source.ref}`
          : '';
    const text = `${step.sku} × ${quantity(step.quantity, locale)}${where}`;
    return markup`<text x="${8 + step.level * 12}" y="${n(top + 16)}" fill="${CHART_COLOURS.ink}">${text}</text>
      <rect x="${n(x(start))}" y="${n(top + 4)}" width="${n(Math.max(x(end) - x(start), 2))}" height="${row - 8}" rx="3" fill="${CHART_COLOURS[step.source.kind]}"><title>${`${step.sku}: ${sourceWords(step, locale)}`}</title></rect>`;
  });
  const delivery = x(daysBetween(first, line.date) + 1);
  // Day lines, about eight of them; the first day's label is drawn below with the delivery's.
  const every = Math.max(1, Math.ceil(days / 8));
  const ticks: Html[] = [];
  for (let offset = every; offset < days; offset += every)
    // Clear of the delivery label, which ends at the delivery line.
    if (x(offset) < delivery - 110 || x(offset) > delivery + 10)
      ticks.push(
        markup`<line x1="${n(x(offset))}" x2="${n(x(offset))}" y1="${TOP - 4}" y2="${n(height - BOTTOM)}" stroke="${CHART_COLOURS.grid}"/>
        <text x="${n(x(offset))}" y="${n(height - BOTTOM + 18)}" fill="${CHART_COLOURS.ink}">${shortDate(addDays(first, offset), locale)}</text>`,
      );
  return svg(
    id,
    ct(locale, 'chartGantt', { sku: line.sku }),
    line.steps
      .map(
        (step) =>
          `${step.sku}: ${sourceWords(step, locale)}, ${shortDate(step.start, locale)}–${shortDate(step.end, locale)}`,
      )
      .join('; '),
    height,
    markup`${legend([
      { colour: CHART_COLOURS.stock, label: ct(locale, 'sourceStockShort') },
      { colour: CHART_COLOURS.receipt, label: ct(locale, 'sourceReceiptShort') },
      { colour: CHART_COLOURS.purchase, label: ct(locale, 'sourcePurchaseShort') },
      { colour: CHART_COLOURS.production, label: ct(locale, 'sourceProductionShort') },
    ])}
    ${ticks}
    <g class="plot">${rows}</g>
    <line x1="${n(delivery)}" x2="${n(delivery)}" y1="${TOP - 4}" y2="${n(height - BOTTOM + 4)}" stroke="${CHART_COLOURS.ink}" stroke-dasharray="4 3"/>
    <text x="${n(delivery)}" y="${n(height - BOTTOM + 18)}" text-anchor="end" fill="${CHART_COLOURS.ink}">${ct(locale, 'delivery', { date: shortDate(line.date, locale) })}</text>
    ${raw(`<line x1="${label}" x2="${label}" y1="${TOP - 4}" y2="${n(height - BOTTOM)}" stroke="${CHART_COLOURS.grid}"/>`)}
    <text x="${label}" y="${n(height - BOTTOM + 18)}" fill="${CHART_COLOURS.ink}">${shortDate(first, locale)}</text>`,
  );
}
