/**
 * Promising policies the simulator compares on the same world. Each turns the engine's plan into
 * the date the customer is told; the plant executes the engine's plan whatever was promised.
 */
import { addBusinessDays } from '../functions/domain/promise/calendar.ts';
import { bufferedDate, type PathRisks } from '../functions/domain/promise/policy.ts';
import type { ReliabilityModel } from '../functions/domain/promise/reliability.ts';
import type { IsoDate, PlantSettings, PromiseResult } from '../functions/domain/promise/types.ts';
import type { AggregateTarget } from './aggregate-buffer.ts';

// The product quotes with the same path risks and buffer (functions/domain/promise/policy.ts).
export { pathRisks, type PathRisks } from '../functions/domain/promise/policy.ts';

export interface PolicySettings {
  readonly name: string;
  /** A fixed sales lead time in business days (stock, make-to-order) instead of the engine's date. */
  readonly fixedLeadTime?: { readonly stock: number; readonly make: number };
  /** Promise at this quantile of the lateness learned from history; the engine's date is the most likely. */
  readonly confidence?: number;
  /** Share of stock and hours kept for tier A: B and C customers are promised from the rest. */
  readonly tierAProtectedShare?: number;
  /**
   * Promise at this confidence of the risks on the order's own path (its supplier, the carrier to
   * its region, production for the time its work waits), each learned as it happens.
   */
  readonly pathConfidence?: number;
  /**
   * Share of each work center's hours that quotes may book; the rest is kept free so the plant
   * absorbs breakdowns and rework in the next days instead of sliding its whole queue.
   */
  readonly plannedCapacityShare?: number;
  /** Warn the customer once a re-check eats into the buffer, before the promise itself slips. */
  readonly earlyWarning?: boolean;
  /**
   * Per-order buffers reaching an aggregate on-time target (sim/aggregate-buffer.ts) instead of
   * the same quantile for every order; takes the place of `pathConfidence`.
   */
  readonly aggregate?: AggregateTarget;
}

export const POLICIES: readonly PolicySettings[] = [
  { name: 'naive fixed lead time', fixedLeadTime: { stock: 10, make: 30 } },
  { name: 'engine (unbuffered)' },
  { name: 'engine + P97 buffer', confidence: 0.97 },
  { name: 'path P97', pathConfidence: 0.97 },
  { name: 'path P97 + 10 % hours free', pathConfidence: 0.97, plannedCapacityShare: 0.9 },
  {
    name: 'path P97 + free + tier A + warn',
    pathConfidence: 0.97,
    plannedCapacityShare: 0.9,
    tierAProtectedShare: 0.15,
    earlyWarning: true,
  },
  {
    name: 'path P98 + free + tier A + warn',
    pathConfidence: 0.98,
    plannedCapacityShare: 0.9,
    tierAProtectedShare: 0.15,
    earlyWarning: true,
  },
  // Per-order buffers to an aggregate target (sim/aggregate-buffer.ts); the model is optimistic
  // (path P97 keeps 96 %), so the linear rule aims at 98.5 % predicted.
  {
    name: 'aggregate 98.5 % + free + tier A + warn',
    aggregate: { cost: 'linear', onTime: 0.985 },
    plannedCapacityShare: 0.9,
    tierAProtectedShare: 0.15,
    earlyWarning: true,
  },
  // Free hours would move the engine's own dates later than the unbuffered engine's: not here.
  {
    name: 'median-aware +9 % + tier A + warn',
    aggregate: { cost: 'median', medianLeadLimit: 0.09, dayCost: 0.001 },
    tierAProtectedShare: 0.15,
    earlyWarning: true,
  },
];

/** What drives an order's risk: bought parts, production, or stock alone. */
export type RiskClass = 'stock' | 'bought' | 'made';

export const riskClassOf = (plan: PromiseResult): RiskClass =>
  plan.usedCtp
    ? 'made'
    : plan.basis.some((entry) => entry.kind === 'purchase-lead-time')
      ? 'bought'
      : 'stock';

/** Finer than the risk class for learning reliability: a made order that waits for a supplier is riskier. */
export type ReliabilityClass = RiskClass | 'made+bought';

export const reliabilityClassOf = (plan: PromiseResult): ReliabilityClass => {
  const bought = plan.basis.some(
    (entry) => entry.kind === 'purchase-lead-time' || entry.kind === 'awaiting-receipt',
  );
  if (!plan.usedCtp) return bought ? 'bought' : 'stock';
  return bought ? 'made+bought' : 'made';
};

/**
 * Lateness (business days after the engine's date) by reliability class: what the plant has
 * shown so far. Each order is observed a fixed time after its engine date, delivered or not, so
 * late orders are not missing from the history while they are still on their way (which would
 * make the plant look more reliable than it is). Only the most recent observations count.
 */
export class ReliabilityHistory {
  private readonly observed = new Map<ReliabilityClass, number[]>();
  constructor(private readonly window = 1500) {}

  record(riskClass: ReliabilityClass, businessDaysLate: number): void {
    const list = this.observed.get(riskClass) ?? [];
    list.push(Math.max(0, businessDaysLate));
    if (list.length > this.window) list.shift();
    this.observed.set(riskClass, list);
  }

  /** Business days to add for the given confidence; none until there are enough observations. */
  buffer(riskClass: ReliabilityClass, confidence: number): number {
    const list = this.observed.get(riskClass) ?? [];
    if (list.length < 30) return 0;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(confidence * sorted.length) - 1)] ?? 0;
  }
}

/** The date to promise for an engine plan under a policy, and the business days of buffer in it. */
export function promisedDate(
  policy: PolicySettings,
  plan: PromiseResult,
  context: {
    plant: PlantSettings;
    countsFrom: IsoDate;
    transitDays: number;
    history: ReliabilityHistory;
    model: ReliabilityModel;
    risks: PathRisks;
  },
): { date: IsoDate; buffer: number } {
  if (policy.fixedLeadTime) {
    const days = plan.usedCtp ? policy.fixedLeadTime.make : policy.fixedLeadTime.stock;
    return { date: addBusinessDays(context.plant.shippingCalendar, context.countsFrom, days), buffer: 0 };
  }
  if (policy.pathConfidence !== undefined)
    return bufferedDate(plan, context.plant, context.model, context.risks, policy.pathConfidence);
  if (policy.confidence === undefined) return { date: plan.date, buffer: 0 };
  const buffer = context.history.buffer(reliabilityClassOf(plan), policy.confidence);
  return { date: addBusinessDays(context.plant.shippingCalendar, plan.date, buffer), buffer };
}
