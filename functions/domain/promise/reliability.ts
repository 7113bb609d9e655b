/**
 * How late each part of a promise's path has been (a supplier, the carrier to a region, the
 * plant's production), learned from what the ERP reports as it happens, and the buffer that covers
 * a path with a set confidence. Each cause is observed when it is known (a receipt when it
 * arrives, a shipment at pickup, production when it completes), not when the whole order ends, so
 * the history follows the plant without waiting for late orders to arrive.
 */

/** One risk on a promise's path: its own history, pooled with its kind's while that is thin. */
export interface RiskKey {
  /** e.g. `supplier:HOUSING-7`, `transport:EU`, `production:20-40` */
  readonly key: string;
  /** e.g. `supplier`, `transport`, `production` */
  readonly pool: string;
}

export interface ReliabilitySettings {
  /** Observations kept per key: the most recent count, so the history follows a changing plant. */
  readonly window: number;
  /** Pseudo-observations of the pool mixed into a key's own history (shrinkage). */
  readonly shrinkage: number;
  /** Observations a pool needs before any buffer is given. */
  readonly minimumPool: number;
}

export const DEFAULT_RELIABILITY: ReliabilitySettings = { window: 800, shrinkage: 30, minimumPool: 30 };

/** Lateness beyond this many business days is counted as this many (keeps distributions small). */
const MAX_DAYS = 30;

class Counts {
  readonly days: number[] = [];
  readonly histogram = new Array<number>(MAX_DAYS + 1).fill(0);

  add(days: number, window: number) {
    const clamped = Math.min(MAX_DAYS, Math.max(0, Math.round(days)));
    this.days.push(clamped);
    this.histogram[clamped] = (this.histogram[clamped] ?? 0) + 1;
    if (this.days.length > window) {
      const dropped = this.days.shift() as number;
      this.histogram[dropped] = (this.histogram[dropped] ?? 0) - 1;
    }
  }
}

export class ReliabilityModel {
  private readonly counts = new Map<string, Counts>();

  constructor(private readonly settings: ReliabilitySettings = DEFAULT_RELIABILITY) {}

  /** Records that this risk made a promise `businessDaysLate` late (0 when it held). */
  observe(risk: RiskKey, businessDaysLate: number): void {
    for (const key of new Set([risk.key, risk.pool])) {
      let counts = this.counts.get(key);
      if (!counts) this.counts.set(key, (counts = new Counts()));
      counts.add(businessDaysLate, this.settings.window);
    }
  }

  /**
   * Replaces the history of one key (a risk's own, or a pool's) with stored observations, oldest
   * first: how the product rebuilds the model it keeps per key in storage.
   */
  restore(key: string, businessDaysLate: readonly number[]): void {
    const counts = new Counts();
    for (const days of businessDaysLate) counts.add(days, this.settings.window);
    this.counts.set(key, counts);
  }

  /** The lateness distribution of one risk: its own counts plus `shrinkage` of its pool's. */
  distribution(risk: RiskKey): number[] | undefined {
    const pool = this.counts.get(risk.pool);
    if (!pool || pool.days.length < this.settings.minimumPool) return undefined;
    const own = risk.key === risk.pool ? undefined : this.counts.get(risk.key);
    const ownTotal = own?.days.length ?? 0;
    const poolWeight = this.settings.shrinkage / pool.days.length;
    const total = ownTotal + this.settings.shrinkage;
    return pool.histogram.map((count, days) => ((own?.histogram[days] ?? 0) + count * poolWeight) / total);
  }

  /**
   * Business days to add so that the path's risks together stay within the buffer with this
   * confidence: their distributions convolved (independent causes add up), then the quantile.
   * Risks without enough history add nothing.
   */
  buffer(risks: readonly RiskKey[], confidence: number): number {
    const combined = this.pathDistribution(risks);
    let cumulative = 0;
    for (const [days, probability] of combined.entries()) {
      cumulative += probability;
      if (cumulative >= confidence - 1e-9) return days;
    }
    return combined.length - 1;
  }

  /**
   * The lateness distribution of a whole path (probability of each business day late): its
   * risks' distributions convolved, as independent causes add up. Risks without enough history
   * add nothing, so a path with none is on time with certainty.
   */
  pathDistribution(risks: readonly RiskKey[]): number[] {
    let combined = [1];
    for (const risk of risks) {
      const distribution = this.distribution(risk);
      if (distribution) combined = convolve(combined, distribution);
    }
    return combined;
  }
}

function convolve(a: readonly number[], b: readonly number[]): number[] {
  const lastA = lastNonZero(a);
  const lastB = lastNonZero(b);
  const result = new Array<number>(lastA + lastB + 1).fill(0);
  for (let i = 0; i <= lastA; i += 1) {
    const pa = a[i] as number;
    if (!pa) continue;
    for (let j = 0; j <= lastB; j += 1) result[i + j] = (result[i + j] as number) + pa * (b[j] as number);
  }
  return result;
}

function lastNonZero(values: readonly number[]): number {
  for (let index = values.length - 1; index > 0; index -= 1)
    if ((values[index] as number) > 1e-12) return index;
  return 0;
}

/** Exposure buckets for production risk: the longer work waits in the queue, the more can push it. */
export function exposureBucket(businessDays: number): string {
  return businessDays < 10 ? '0-9' : businessDays < 20 ? '10-19' : businessDays < 40 ? '20-39' : '40+';
}
