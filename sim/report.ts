/**
 * The figures of a simulation, computed from what the product stored (order outcomes, promise
 * versions) and what the simulator saw happen (when lateness became known, notices sent), and
 * their terminal table and HTML page with SVG plots.
 */
import { businessDaysBetween, daysBetween } from '../functions/domain/promise/calendar.ts';
import type { Calendar } from '../functions/domain/promise/types.ts';
import type { DelayCause, OrderTruth, RunResult } from './simulate.ts';
import type { Tier } from './scenario.ts';
import type { BoundResult } from './bound.ts';

export interface PolicyFigures {
  readonly policy: string;
  readonly orders: number;
  readonly lost: number;
  readonly delivered: number;
  readonly onTimeFirst: Record<Tier | 'all', number>;
  readonly onTimeLast: Record<Tier | 'all', number>;
  readonly lateness: readonly { readonly label: string; readonly share: number }[];
  readonly slips: number;
  readonly slipsAnnouncedBefore: number;
  readonly slipsKnownAhead: number;
  readonly slipsKnownAheadAnnounced: number;
  readonly slipsWarnedBefore: number;
  readonly noticeLeadMedianDays: number | null;
  readonly medianQuotedLeadDays: number;
  /** The mean beside the median: a policy can keep the median by inflating dates far from it. */
  readonly meanQuotedLeadDays: number;
  readonly metRequestedShare: number;
  readonly medianPromiseMinusRequestedDays: number;
  readonly medianPromiseMinusHindsightDays: number | null;
  readonly meanUtilisation: number;
  readonly utilisation: ReadonlyMap<string, number>;
  readonly noticeLeadDays: readonly number[];
  readonly notices: number;
  /** Early warnings sent while the promise still held. */
  readonly warnings: number;
  readonly invariants: RunResult['invariants'];
  /** Late orders (vs the first promise) by what moved them most, with the business days each cause added. */
  readonly lateCauses: readonly { readonly cause: string; readonly orders: number; readonly days: number }[];
}

const CAUSES: readonly DelayCause[] = ['supplier', 'breakdown', 'yield', 'pushed back', 'transport'];

/** Late orders grouped by their largest recorded delay; 'none recorded' is a model defect to look for. */
function lateCausesOf(late: readonly OrderTruth[]) {
  const rows = new Map<string, { orders: number; days: number }>();
  for (const truth of late) {
    const main = CAUSES.reduce<DelayCause | undefined>(
      (best, cause) =>
        (truth.delayedBy[cause] ?? 0) > (best ? (truth.delayedBy[best] ?? 0) : 0) ? cause : best,
      undefined,
    );
    const row = rows.get(main ?? 'none recorded') ?? { orders: 0, days: 0 };
    row.orders += 1;
    rows.set(main ?? 'none recorded', row);
  }
  for (const cause of CAUSES)
    for (const truth of late) {
      const days = truth.delayedBy[cause] ?? 0;
      if (!days) continue;
      const row = rows.get(cause) ?? { orders: 0, days: 0 };
      row.days += days;
      rows.set(cause, row);
    }
  return [...rows].map(([cause, row]) => ({ cause, ...row }));
}

const median = (values: readonly number[]): number => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const share = (part: number, whole: number) => (whole ? part / whole : Number.NaN);

const LATENESS_BUCKETS: readonly { label: string; low: number; high: number }[] = [
  { label: 'on time', low: -Infinity, high: 0 },
  { label: '1 d', low: 1, high: 1 },
  { label: '2 d', low: 2, high: 2 },
  { label: '3-5 d', low: 3, high: 5 },
  { label: '6-10 d', low: 6, high: 10 },
  { label: '> 10 d', low: 11, high: Infinity },
];

/** Figures of one run; `hindsight` is each order's delivery day in the unbuffered engine's run. */
export async function figuresOf(
  run: RunResult,
  calendar: Calendar,
  hindsight?: ReadonlyMap<number, string>,
): Promise<PolicyFigures> {
  const measured = run.truths.filter((truth) => truth.demand.measured);
  const delivered = measured.filter((truth) => truth.deliveredOn);
  const tiers: (Tier | 'all')[] = ['all', 'A', 'B', 'C'];
  const lastPromise = new Map<string, string>();
  for (const order of run.finalOrders) lastPromise.set(order.orderId, order.promisedDate ?? '');
  const onTime = (by: (truth: (typeof delivered)[number]) => string) =>
    Object.fromEntries(
      tiers.map((tier) => {
        const group = delivered.filter((truth) => tier === 'all' || truth.demand.tier === tier);
        return [
          tier,
          share(group.filter((truth) => (truth.deliveredOn as string) <= by(truth)).length, group.length),
        ];
      }),
    ) as Record<Tier | 'all', number>;
  const late = delivered.map((truth) =>
    truth.deliveredOn && truth.deliveredOn > truth.firstPromise
      ? businessDaysBetween(calendar, truth.firstPromise, truth.deliveredOn)
      : 0,
  );
  const firstNotice = new Map<string, string>();
  for (const notice of run.notices)
    if (!firstNotice.has(notice.orderId)) firstNotice.set(notice.orderId, notice.day);
  const firstWarning = new Map<string, string>();
  for (const warning of run.warnings)
    if (!firstWarning.has(warning.orderId)) firstWarning.set(warning.orderId, warning.day);
  const slips = delivered.filter((truth) => (truth.deliveredOn as string) > truth.firstPromise);
  const announcedBefore = (truth: (typeof slips)[number]) => {
    const day = firstNotice.get(truth.orderId);
    return day !== undefined && day < truth.firstPromise;
  };
  const knownAhead = slips.filter(
    (truth) => truth.lateKnownOn && businessDaysBetween(calendar, truth.lateKnownOn, truth.firstPromise) >= 1,
  );
  const noticeLeadDays = slips.flatMap((truth) => {
    const day = firstNotice.get(truth.orderId);
    return day === undefined ? [] : [daysBetween(day, truth.firstPromise)];
  });
  const hindsightGaps = hindsight
    ? delivered.flatMap((truth) => {
        const earliest = hindsight.get(truth.demand.index);
        return earliest ? [daysBetween(earliest, truth.firstPromise)] : [];
      })
    : [];
  const utilisationValues = run.utilisation.map(([, share]) => share);
  const quotedLeads = delivered.map((truth) => daysBetween(truth.demand.day, truth.firstPromise));
  return {
    policy: run.policy.name,
    orders: measured.length,
    lost: measured.filter((truth) => truth.stage === 'LOST').length,
    delivered: delivered.length,
    onTimeFirst: onTime((truth) => truth.firstPromise),
    onTimeLast: onTime((truth) => lastPromise.get(truth.orderId) ?? truth.firstPromise),
    lateness: LATENESS_BUCKETS.map((bucket) => ({
      label: bucket.label,
      share: share(late.filter((days) => days >= bucket.low && days <= bucket.high).length, late.length),
    })),
    slips: slips.length,
    slipsAnnouncedBefore: slips.filter(announcedBefore).length,
    slipsKnownAhead: knownAhead.length,
    slipsKnownAheadAnnounced: knownAhead.filter(announcedBefore).length,
    slipsWarnedBefore: slips.filter((truth) => {
      const day = firstWarning.get(truth.orderId);
      return announcedBefore(truth) || (day !== undefined && day < truth.firstPromise);
    }).length,
    noticeLeadMedianDays: noticeLeadDays.length ? median(noticeLeadDays) : null,
    medianQuotedLeadDays: median(quotedLeads),
    meanQuotedLeadDays: quotedLeads.reduce((sum, days) => sum + days, 0) / (quotedLeads.length || 1),
    metRequestedShare: share(
      delivered.filter((truth) => truth.firstPromise <= truth.demand.requestedDate).length,
      delivered.length,
    ),
    medianPromiseMinusRequestedDays: median(
      delivered.map((truth) => daysBetween(truth.demand.requestedDate, truth.firstPromise)),
    ),
    medianPromiseMinusHindsightDays: hindsightGaps.length ? median(hindsightGaps) : null,
    meanUtilisation:
      utilisationValues.reduce((sum, value) => sum + value, 0) / (utilisationValues.length || 1),
    utilisation: new Map(run.utilisation),
    noticeLeadDays,
    notices: run.noticeCount,
    warnings: run.warnings.length,
    invariants: run.invariants,
    lateCauses: lateCausesOf(slips),
  };
}

const pct = (value: number) => (Number.isNaN(value) ? '   -  ' : `${(100 * value).toFixed(1).padStart(5)}%`);

/** The terminal table: one row per policy. */
export function table(figures: readonly PolicyFigures[]): string {
  const header = [
    'policy'.padEnd(40),
    'OTIF 1st',
    '  A    ',
    '  B    ',
    '  C    ',
    'OTIF last',
    'slips told early',
    'known>=1d told',
    'med lead',
    'vs engine',
    'mean vs engine',
    'met req',
    'warned',
    'util',
  ].join(' | ');
  const engine = figures.find((each) => each.policy.startsWith('engine (unbuffered)'));
  const rows = figures.map((each) =>
    [
      each.policy.padEnd(40),
      pct(each.onTimeFirst.all).padStart(8),
      pct(each.onTimeFirst.A),
      pct(each.onTimeFirst.B),
      pct(each.onTimeFirst.C),
      pct(each.onTimeLast.all).padStart(9),
      `${pct(share(each.slipsAnnouncedBefore, each.slips))} of ${String(each.slips).padStart(5)}`.padStart(
        16,
      ),
      `${pct(share(each.slipsKnownAheadAnnounced, each.slipsKnownAhead))} of ${String(each.slipsKnownAhead).padStart(4)}`.padStart(
        14,
      ),
      `${each.medianQuotedLeadDays} d`.padStart(8),
      engine ? pct(each.medianQuotedLeadDays / engine.medianQuotedLeadDays - 1).padStart(9) : '-',
      engine ? pct(each.meanQuotedLeadDays / engine.meanQuotedLeadDays - 1).padStart(14) : '-',
      pct(each.metRequestedShare).padStart(7),
      String(each.warnings).padStart(6),
      pct(each.meanUtilisation),
    ].join(' | '),
  );
  return [header, '-'.repeat(header.length), ...rows].join('\n');
}

/** Late orders by main cause, one line per policy: where the lateness comes from. */
export function causeTable(figures: readonly PolicyFigures[]): string {
  const causes = [...CAUSES, 'none recorded'];
  const header = [
    'late orders by main cause (orders / days added)'.padEnd(48),
    ...causes.map((c) => c.padStart(16)),
  ].join(' | ');
  const rows = figures.map((each) =>
    [
      `${each.policy} (${each.slips} late)`.padEnd(48),
      ...causes.map((cause) => {
        const row = each.lateCauses.find((entry) => entry.cause === cause);
        return `${row?.orders ?? 0} / ${row?.days ?? 0}`.padStart(16);
      }),
    ].join(' | '),
  );
  return [header, ...rows].join('\n');
}

const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
const COLOURS = [
  '#9e9e9e',
  '#1f77b4',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#17becf',
  '#e377c2',
  '#bcbd22',
];

/** Grouped bars: one group per category, one bar per series, values 0..max. */
export function barChart(options: {
  title: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
  max: number;
  format: (value: number) => string;
  goal?: { value: number; label: string };
  min?: number;
}): string {
  const width = 760;
  // A plot 200 px high, its labels, then one legend row per three series.
  const legendTop = 274;
  const height = legendTop + 14 * Math.ceil(options.series.length / 3);
  const left = 50;
  const top = 40;
  const plotHeight = 200;
  const min = options.min ?? 0;
  const groupWidth = (width - left - 20) / options.categories.length;
  const barWidth = Math.min(28, (groupWidth - 12) / options.series.length);
  const y = (value: number) => top + plotHeight * (1 - (Math.max(min, value) - min) / (options.max - min));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${escape(options.title)}</text>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${width - 10}" y2="${top + plotHeight}" stroke="#333"/>`,
  ];
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = min + ((options.max - min) * tick) / 4;
    parts.push(
      `<line x1="${left}" y1="${y(value)}" x2="${width - 10}" y2="${y(value)}" stroke="#eee"/>`,
      `<text x="${left - 4}" y="${y(value) + 4}" text-anchor="end">${escape(options.format(value))}</text>`,
    );
  }
  options.categories.forEach((category, group) => {
    const x0 = left + group * groupWidth + (groupWidth - barWidth * options.series.length) / 2;
    options.series.forEach((series, index) => {
      const value = series.values[group] ?? 0;
      const x = x0 + index * barWidth;
      parts.push(
        `<rect x="${x}" y="${y(value)}" width="${barWidth - 2}" height="${Math.max(0, top + plotHeight - y(value))}" fill="${COLOURS[index % COLOURS.length]}"><title>${escape(`${series.name} ${category}: ${options.format(value)}`)}</title></rect>`,
      );
    });
    parts.push(
      `<text x="${left + group * groupWidth + groupWidth / 2}" y="${top + plotHeight + 16}" text-anchor="middle">${escape(category)}</text>`,
    );
  });
  if (options.goal) {
    parts.push(
      `<line x1="${left}" y1="${y(options.goal.value)}" x2="${width - 10}" y2="${y(options.goal.value)}" stroke="#d62728" stroke-dasharray="6 3"/>`,
      `<text x="${width - 12}" y="${y(options.goal.value) - 4}" text-anchor="end" fill="#d62728">${escape(options.goal.label)}</text>`,
    );
  }
  options.series.forEach((series, index) => {
    const x = left + (index % 3) * 240;
    const row = legendTop + Math.floor(index / 3) * 14;
    parts.push(
      `<rect x="${x}" y="${row - 9}" width="10" height="10" fill="${COLOURS[index % COLOURS.length]}"/>`,
      `<text x="${x + 14}" y="${row}">${escape(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** The main plot: on time against the first promise, per tier and policy, with the 97 % goal. */
export function onTimeChart(figures: readonly PolicyFigures[]): string {
  return barChart({
    title: 'Delivered on or before the first promise, by customer tier',
    categories: ['all', 'tier A', 'tier B', 'tier C'],
    series: figures.map((each) => ({
      name: each.policy,
      values: [each.onTimeFirst.all, each.onTimeFirst.A, each.onTimeFirst.B, each.onTimeFirst.C],
    })),
    max: 1,
    format: (value) => `${Math.round(value * 100)}%`,
    goal: { value: 0.97, label: 'goal 97 %' },
  });
}

export function htmlReport(
  figures: readonly PolicyFigures[],
  context: { seed: number; orders: number; elapsedSeconds: number; terminal: string },
): string {
  const charts = [
    onTimeChart(figures),
    barChart({
      title: 'On time against the last communicated promise, by tier',
      categories: ['all', 'tier A', 'tier B', 'tier C'],
      series: figures.map((each) => ({
        name: each.policy,
        values: [each.onTimeLast.all, each.onTimeLast.A, each.onTimeLast.B, each.onTimeLast.C],
      })),
      max: 1,
      format: (value) => `${Math.round(value * 100)}%`,
    }),
    barChart({
      title: 'Lateness against the first promise (business days), share of delivered orders',
      categories: (figures[0]?.lateness ?? []).slice(1).map((bucket) => bucket.label),
      series: figures.map((each) => ({
        name: each.policy,
        values: each.lateness.slice(1).map((bucket) => bucket.share),
      })),
      max: Math.max(0.05, ...figures.flatMap((each) => each.lateness.slice(1).map((bucket) => bucket.share))),
      format: (value) => `${(value * 100).toFixed(1)}%`,
    }),
    barChart({
      title: 'Slips announced before the first promised date (share of slips)',
      categories: ['all slips', 'cause known >= 1 business day ahead', 'announced or warned'],
      series: figures.map((each) => ({
        name: each.policy,
        values: [
          share(each.slipsAnnouncedBefore, each.slips) || 0,
          share(each.slipsKnownAheadAnnounced, each.slipsKnownAhead) || 0,
          share(each.slipsWarnedBefore, each.slips) || 0,
        ],
      })),
      max: 1,
      format: (value) => `${Math.round(value * 100)}%`,
      goal: { value: 1, label: 'goal 100 % (known ahead)' },
    }),
    barChart({
      title:
        'Quoted lead time: median days from inquiry to first promise, and the gap to requested and hindsight dates',
      categories: ['median quoted lead', 'promise - requested', 'promise - hindsight'],
      series: figures.map((each) => ({
        name: each.policy,
        values: [
          each.medianQuotedLeadDays,
          Math.max(0, each.medianPromiseMinusRequestedDays),
          Math.max(0, each.medianPromiseMinusHindsightDays ?? 0),
        ],
      })),
      max: Math.max(10, ...figures.map((each) => each.medianQuotedLeadDays)),
      format: (value) => `${value.toFixed(0)} d`,
    }),
    barChart({
      title: `Work-center utilisation (${figures[1]?.policy ?? ''})`,
      categories: [...(figures[1]?.utilisation.keys() ?? [])].map((center) => center.replace('WC-000', 'WC')),
      series: [
        { name: 'hours used / hours available', values: [...(figures[1]?.utilisation.values() ?? [])] },
      ],
      max: 1,
      format: (value) => `${Math.round(value * 100)}%`,
    }),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Promise Keeper: plant simulation</title>
<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}figure{margin:1.5em 0}</style>
</head><body>
<h1>Promises kept, measured</h1>
<p>Seed ${context.seed}, ${context.orders} orders over a simulated year, default disruption profile
(issue 14). Every policy met the same demand and the same disruptions. Run time ${context.elapsedSeconds.toFixed(1)} s.</p>
<pre>${escape(context.terminal)}</pre>
${charts.map((chart) => `<figure>${chart}</figure>`).join('\n')}
</body></html>
`;
}

const percent = (value: number) => (Number.isNaN(value) ? '-' : `${(100 * value).toFixed(1)} %`);
const count = (value: number) => value.toLocaleString('en-US');

/** The README's tables: the policies side by side, then where each policy's late orders come from. */
export function markdownTables(figures: readonly PolicyFigures[]): string {
  const engine = figures.find((each) => each.policy === 'engine (unbuffered)');
  const policies = [
    '| policy | on time vs first promise (all / A / B / C) | vs last communicated | slips announced before the promised date | median quoted lead time | vs engine | mean quoted lead time (vs engine) | first promise within requested date | early warnings |',
    '|---|---|---|---|---|---|---|---|---|',
    ...figures.map((each) =>
      [
        '',
        ` ${each.policy} `,
        ` ${percent(each.onTimeFirst.all)} / ${(100 * each.onTimeFirst.A).toFixed(1)} / ${(100 * each.onTimeFirst.B).toFixed(1)} / ${(100 * each.onTimeFirst.C).toFixed(1)} `,
        ` ${percent(each.onTimeLast.all)} `,
        ` ${percent(share(each.slipsAnnouncedBefore, each.slips))} of ${count(each.slips)} `,
        ` ${each.medianQuotedLeadDays} d `,
        ` ${engine ? `${each.medianQuotedLeadDays >= engine.medianQuotedLeadDays ? '+' : ''}${percent(each.medianQuotedLeadDays / engine.medianQuotedLeadDays - 1)}` : '-'} `,
        ` ${each.meanQuotedLeadDays.toFixed(1)} d (${engine ? `${each.meanQuotedLeadDays >= engine.meanQuotedLeadDays ? '+' : ''}${percent(each.meanQuotedLeadDays / engine.meanQuotedLeadDays - 1)}` : '-'}) `,
        ` ${percent(each.metRequestedShare)} `,
        ` ${each.warnings ? count(each.warnings) : '-'} `,
        '',
      ].join('|'),
    ),
  ];
  const causes = [...CAUSES, 'none recorded'];
  const late = [
    `| late orders by what moved them most (orders / business days added) | late | ${causes.join(' | ')} |`,
    `|---|---|${causes.map(() => '---').join('|')}|`,
    ...figures.map(
      (each) =>
        `| ${each.policy} | ${count(each.slips)} | ${causes
          .map((cause) => {
            const row = each.lateCauses.find((entry) => entry.cause === cause);
            return `${count(row?.orders ?? 0)} / ${count(row?.days ?? 0)}`;
          })
          .join(' | ')} |`,
    ),
  ];
  return [...policies, '', ...late].join('\n');
}

/** One grouping's hindsight bound and its out-of-sample check (sim/bound.ts). */
export interface BoundFigures {
  readonly grouping: string;
  readonly result: BoundResult;
  readonly outOfSample?: {
    readonly engineMedianLead: number;
    readonly medianLead: number;
    readonly onTime: number;
  };
}

const versus = (lead: number, engine: number) => `${lead >= engine ? '+' : ''}${percent(lead / engine - 1)}`;

/**
 * The best any buffer policy that knows the given groups could have done, as a markdown table: the
 * smallest median lead reaching the on-time target, the most on time within the lead limit, and
 * the out-of-sample check.
 */
export function boundTable(bounds: readonly BoundFigures[], target = 0.97, leadLimit = 0.1): string {
  return [
    `| a policy that knows at quote time | groups | smallest median lead for ≥ ${percent(target)} on time (on time; mean lead) | most on time within +${percent(leadLimit)} median lead | out of sample: fitted on the first half, applied to the second (on time at median lead) |`,
    '|---|---|---|---|---|',
    ...bounds.map(({ grouping, result, outOfSample }) => {
      const engine = result.engineMedianLead;
      const at = result.atTarget;
      return `| ${grouping} | ${count(result.groups)} | ${
        at
          ? `${at.medianLead} d, ${versus(at.medianLead, engine)} (${percent(at.onTime)}; ${at.meanLead.toFixed(1)} d)`
          : 'not reachable'
      } | ${percent(result.withinLimit.onTime)} at ${result.withinLimit.medianLead} d | ${
        outOfSample
          ? `${percent(outOfSample.onTime)} at ${outOfSample.medianLead} d, ${versus(outOfSample.medianLead, outOfSample.engineMedianLead)}`
          : '-'
      } |`;
    }),
  ].join('\n');
}
