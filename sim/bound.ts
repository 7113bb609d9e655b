/**
 * The best any group-based buffer policy could have done on a run's own orders, in hindsight.
 *
 * A buffer policy sees, at quote time, only what the order's path tells it (its supplier, its
 * carrier's region, how long its work waits), so all orders that look alike get the same buffer.
 * Given each order's real lateness after its engine date (from the unbuffered run), this finds the
 * per-group buffers that reach an on-time target with the smallest median quoted lead time, exactly:
 * for a candidate median M, "at least half of all quoted lead times are at most M" is a budget of
 * orders that may be pushed past M, and choosing one buffer per group to maximise on-time orders
 * within that budget is a multiple-choice knapsack, solved by dynamic programming. The smallest M
 * whose optimum reaches the target is the bound.
 *
 * What it ignores, in the policies' favour: the hindsight itself (each group's buffer is fitted to
 * the very orders it is judged on), and the buffers' effect on the plant (a later promise also
 * changes which work the plant does first), which the unbuffered run cannot show.
 */
import { addBusinessDays, businessDaysBetween, daysBetween } from '../functions/domain/promise/calendar.ts';
import type { Calendar, IsoDate } from '../functions/domain/promise/types.ts';
import type { OrderTruth } from './simulate.ts';

export interface BoundOrder {
  /** What a policy knows at quote time, as one key (e.g. the path's risk keys). */
  readonly group: string;
  /** The day the inquiry arrived. */
  readonly arrived: IsoDate;
  /** The engine's unbuffered date. */
  readonly engineDate: IsoDate;
  /** Business days the order was delivered after its engine date (0 when on time). */
  readonly lateness: number;
}

export interface BoundResult {
  readonly orders: number;
  readonly groups: number;
  /** Median quoted lead time (days) of the unbuffered dates. */
  readonly engineMedianLead: number;
  readonly engineOnTime: number;
  /** The smallest median lead reaching the target, its on-time share and the buffers that do it. */
  readonly atTarget?: {
    readonly medianLead: number;
    readonly onTime: number;
    readonly meanLead: number;
    readonly buffers: ReadonlyMap<string, number>;
  };
  /** The highest on-time share whose median lead stays within `leadLimit` of the engine's. */
  readonly withinLimit: { readonly medianLead: number; readonly onTime: number };
}

export interface BoundSettings {
  /** Share of orders on time, e.g. 0.97. */
  readonly target: number;
  /** Allowed median lead above the engine's, e.g. 0.1 for +10 %. */
  readonly leadLimit: number;
  /** The largest buffer considered, in business days. */
  readonly maxBuffer: number;
}

export const DEFAULT_BOUND: BoundSettings = { target: 0.97, leadLimit: 0.1, maxBuffer: 30 };

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

interface Group {
  readonly key: string;
  /** For each buffer b: orders on time, and orders whose quoted lead is at most the candidate median. */
  readonly onTime: readonly number[];
  /** Quoted lead time of each order for each buffer: leads[order][b]. */
  readonly leads: readonly (readonly number[])[];
}

export function hindsightBound(
  orders: readonly BoundOrder[],
  calendar: Calendar,
  settings: BoundSettings = DEFAULT_BOUND,
): BoundResult {
  const byGroup = new Map<string, BoundOrder[]>();
  for (const order of orders) {
    const members = byGroup.get(order.group);
    if (members) members.push(order);
    else byGroup.set(order.group, [order]);
  }
  const buffers = Array.from({ length: settings.maxBuffer + 1 }, (_, b) => b);
  const groups: Group[] = [...byGroup].map(([key, members]) => ({
    key,
    onTime: buffers.map((b) => members.filter((order) => order.lateness <= b).length),
    leads: members.map((order) => {
      // Each day of buffer is one business day after the last (cheaper than counting from the start).
      let date = addBusinessDays(calendar, order.engineDate, 0);
      return buffers.map((b) => {
        if (b > 0) date = addBusinessDays(calendar, date, 1);
        return daysBetween(order.arrived, date);
      });
    }),
  }));
  const total = orders.length;
  const engineLeads = groups.flatMap((group) => group.leads.map((lead) => lead[0] as number));
  const engineMedianLead = median(engineLeads);
  const needed = Math.ceil(settings.target * total - 1e-9);
  // The median is at most M when more than half of the leads are: the lower half plus one.
  const belowNeeded = (total >> 1) + 1;

  /** The most on-time orders whose median lead is at most `limit`, and the buffers that do it. */
  const best = (limit: number) => {
    const below = groups.map((group) =>
      buffers.map((b) => group.leads.filter((lead) => (lead[b] as number) <= limit).length),
    );
    const budget = below.reduce((sum, counts) => sum + (counts[0] as number), 0) - belowNeeded;
    if (budget < 0) return undefined;
    // value[s]: most on-time orders with s orders pushed past the limit; choice[g][s]: group g's buffer.
    let value = new Float64Array(budget + 1).fill(-Infinity);
    value[0] = 0;
    const choices: Uint8Array[] = [];
    groups.forEach((group, g) => {
      const next = new Float64Array(budget + 1).fill(-Infinity);
      const choice = new Uint8Array(budget + 1);
      const counts = below[g] as number[];
      // A longer buffer pushes at least as many orders past the limit: keep only those that also
      // gain on-time orders over every shorter one (the rest can never be chosen).
      let bestGain = -1;
      for (const b of buffers) {
        const pushed = (counts[0] as number) - (counts[b] as number);
        const gain = group.onTime[b] as number;
        if (gain <= bestGain || pushed > budget) continue;
        bestGain = gain;
        for (let s = pushed; s <= budget; s += 1) {
          const candidate = (value[s - pushed] as number) + gain;
          if (candidate > (next[s] as number)) {
            next[s] = candidate;
            choice[s] = b;
          }
        }
      }
      choices.push(choice);
      value = next;
    });
    let spent = 0;
    for (let s = 1; s <= budget; s += 1) if ((value[s] as number) > (value[spent] as number)) spent = s;
    const chosen = new Map<string, number>();
    for (let g = groups.length - 1; g >= 0; g -= 1) {
      const b = (choices[g] as Uint8Array)[spent] as number;
      const counts = below[g] as number[];
      chosen.set((groups[g] as Group).key, b);
      spent -= (counts[0] as number) - (counts[b] as number);
    }
    return evaluate(chosen);
  };
  const evaluate = (chosen: ReadonlyMap<string, number>) => {
    const leads = groups.flatMap((group) =>
      group.leads.map((lead) => lead[chosen.get(group.key) ?? 0] as number),
    );
    const onTime = groups.reduce(
      (sum, group) => sum + (group.onTime[chosen.get(group.key) ?? 0] as number),
      0,
    );
    return {
      medianLead: median(leads),
      onTime: onTime / total,
      onTimeOrders: onTime,
      meanLead: leads.reduce((sum, lead) => sum + lead, 0) / total,
      buffers: chosen,
    };
  };

  const limitLead = Math.floor(engineMedianLead * (1 + settings.leadLimit) + 1e-9);
  const within = best(limitLead);
  // The best on-time share only grows with the allowed median: search the smallest that reaches the target.
  let low = Math.floor(engineMedianLead);
  let high = Math.max(...groups.flatMap((group) => group.leads.map((lead) => lead.at(-1) as number)));
  let found = best(high);
  if (!found || found.onTimeOrders < needed) found = undefined;
  else
    while (low < high) {
      const middle = (low + high) >> 1;
      const candidate = best(middle);
      if (candidate && candidate.onTimeOrders >= needed) {
        high = middle;
        found = candidate;
      } else low = middle + 1;
    }
  return {
    orders: total,
    groups: groups.length,
    engineMedianLead,
    engineOnTime: groups.reduce((sum, group) => sum + (group.onTime[0] as number), 0) / total,
    ...(found
      ? {
          atTarget: {
            medianLead: found.medianLead,
            onTime: found.onTime,
            meanLead: found.meanLead,
            buffers: found.buffers,
          },
        }
      : {}),
    withinLimit: within
      ? { medianLead: within.medianLead, onTime: within.onTime }
      : { medianLead: engineMedianLead, onTime: 0 },
  };
}

/** What a buffer policy may know about an order at quote time, from the coarsest to the finest. */
export const GROUPINGS: readonly { readonly name: string; readonly key: (truth: OrderTruth) => string }[] = [
  { name: 'one buffer for all orders', key: () => 'all' },
  { name: 'reliability class (stock, bought, made, made + bought)', key: (truth) => truth.reliabilityClass },
  {
    name: 'path kinds (supplier or not, production queue bucket, region)',
    key: (truth) =>
      [
        truth.risks.supplier ? 'supplier' : '-',
        truth.risks.production?.key ?? '-',
        truth.risks.transport.key,
      ].join(' '),
  },
  {
    name: 'path keys (bought SKU, production queue bucket, region)',
    key: (truth) =>
      [truth.risks.supplier?.key ?? '-', truth.risks.production?.key ?? '-', truth.risks.transport.key].join(
        ' ',
      ),
  },
  {
    // Not known today: what a supplier's confirmation of the receipt the order waits for would add.
    name: 'path keys and a supplier confirmation at quote time (how late the receipt will be)',
    key: (truth) =>
      [
        truth.risks.supplier?.key ?? '-',
        truth.risks.supplier ? `receipt +${truth.demand.supplierLateDays}` : '-',
        truth.risks.production?.key ?? '-',
        truth.risks.transport.key,
      ].join(' '),
  },
];

/** The measured, delivered orders of a run as the bound sees them: group, dates and real lateness. */
export function boundOrdersOf(
  truths: readonly OrderTruth[],
  calendar: Calendar,
  group: (truth: OrderTruth) => string,
): BoundOrder[] {
  return truths
    .filter((truth) => truth.demand.measured && truth.deliveredOn)
    .map((truth) => ({
      group: group(truth),
      arrived: truth.demand.day,
      engineDate: truth.engineDate,
      lateness:
        (truth.deliveredOn as IsoDate) > truth.engineDate
          ? businessDaysBetween(calendar, truth.engineDate, truth.deliveredOn as IsoDate)
          : 0,
    }));
}

/**
 * Hindsight fits each group's buffer to the very orders it is judged on, which flatters fine
 * groups (a group of five orders can be covered exactly). Out of sample: buffers fitted on the
 * first half of the orders (by arrival) and applied to the second half, groups unseen in the first
 * half unbuffered.
 */
export function outOfSample(
  orders: readonly BoundOrder[],
  calendar: Calendar,
  settings: BoundSettings = DEFAULT_BOUND,
): { readonly engineMedianLead: number; readonly medianLead: number; readonly onTime: number } | undefined {
  const sorted = [...orders].sort((a, b) => (a.arrived < b.arrived ? -1 : a.arrived > b.arrived ? 1 : 0));
  const half = sorted.length >> 1;
  const fitted = hindsightBound(sorted.slice(0, half), calendar, settings).atTarget;
  if (!fitted) return undefined;
  const later = sorted.slice(half);
  const bufferOf = (order: BoundOrder) => fitted.buffers.get(order.group) ?? 0;
  const leadWith = (order: BoundOrder, buffer: number) =>
    daysBetween(order.arrived, addBusinessDays(calendar, order.engineDate, buffer));
  return {
    engineMedianLead: median(later.map((order) => leadWith(order, 0))),
    medianLead: median(later.map((order) => leadWith(order, bufferOf(order)))),
    onTime: later.filter((order) => order.lateness <= bufferOf(order)).length / later.length,
  };
}
