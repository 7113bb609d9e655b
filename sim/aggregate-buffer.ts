/**
 * Per-order buffers chosen to reach an aggregate on-time target, instead of the same quantile for
 * every order. The same quantile over-protects paths whose lateness has a long thin tail (a day of
 * buffer there buys little probability) and under-uses cheap cover elsewhere. Here each order's
 * buffer is the Lagrangian choice: the buffer b that maximises P(late <= b) - lambda * cost(b), on
 * the path's own lateness distribution (the per-cause reliability model, convolved along the path),
 * with one multiplier lambda shared by all orders and adapted as quotes are made.
 *
 * Two costs of a buffer day:
 * - `linear`: every business day of buffer costs lambda, so an order is covered while its next
 *   days would cover at least lambda of probability each (cheap-to-protect orders get full cover,
 *   long tails less); lambda moves so that the model-predicted on-time share of quotes tracks the
 *   target.
 * - `median`: the goal judges the median quoted lead time, so a day costs little (`dayCost`) unless
 *   it pushes the quote past the limit (the unbuffered median so far plus `medianLeadLimit`), where
 *   it costs lambda; lambda moves so that a little under half of all quotes so far end past the
 *   limit, and the on-time share is whatever that allows. This meets the goal's letter by inflating
 *   the dates that are far from the median; the report shows the mean lead beside the median so
 *   that the price is visible.
 */

export interface AggregateTarget {
  readonly cost: 'linear' | 'median';
  /** For `linear`: the model-predicted on-time share of quotes to track, e.g. 0.975. */
  readonly onTime?: number;
  /** For `median`: the allowed median lead above the unbuffered median, e.g. 0.09 for +9 %. */
  readonly medianLeadLimit?: number;
  /** For `median`: probability a buffer day must cover even where it crosses no limit (0.003). */
  readonly dayCost?: number;
}

/** `linear`: lambda's step per quote, in log terms, slow enough to average over a few hundred quotes. */
const STEP = 0.05;
/**
 * `median`: the share of quotes allowed past the limit, a little under half for a margin, and how
 * sharply lambda reacts to being over or under it (times e per 1 % of quotes). The share is over
 * all quotes so far, not a recent window, because the goal judges the year's median: a window lets
 * the limit follow each season and burst, and the year's median drifts above all of them.
 */
const PAST_LIMIT_SHARE = 0.47;
const PAST_LIMIT_GAIN = 300;
/** Lambda's range: above 1 no probability is worth a crossing, so higher values change nothing. */
const LAMBDA_RANGE = [1e-4, 2] as const;
/** Quotes before the median of unbuffered leads is trusted as a limit. */
const MINIMUM_QUOTES = 100;
const MAX_BUFFER = 25;
/** Lead times beyond this many days are counted as this many (keeps the histograms small). */
const MAX_LEAD = 1000;

export class AggregateBuffer {
  private logLambda: number;
  /** Quotes so far by unbuffered lead time (days), and by quoted lead time. */
  private readonly engineLeads = new Array<number>(MAX_LEAD + 1).fill(0);
  private readonly quotedLeads = new Array<number>(MAX_LEAD + 1).fill(0);
  private quotes = 0;

  constructor(private readonly target: AggregateTarget) {
    this.logLambda = Math.log(target.cost === 'linear' ? 0.01 : 0.05);
  }

  get lambda(): number {
    return Math.exp(this.logLambda);
  }

  /**
   * The buffer (business days) for one quote. `distribution[d]` is the probability that the path
   * is d business days late; `leadAt(b)` the quoted lead time in days with a buffer of b.
   */
  choose(distribution: readonly number[], leadAt: (buffer: number) => number): number {
    const engineLead = leadAt(0);
    const limit = this.target.cost === 'median' ? this.medianLimit() : undefined;
    if (limit !== undefined) {
      const past = this.quotedLeads.slice(limit + 1).reduce((sum, count) => sum + count, 0);
      this.logLambda = Math.log(0.05) + PAST_LIMIT_GAIN * (past / this.quotes - PAST_LIMIT_SHARE);
    }
    this.logLambda = Math.min(Math.log(LAMBDA_RANGE[1]), Math.max(Math.log(LAMBDA_RANGE[0]), this.logLambda));
    const lambda = this.lambda;
    let best = 0;
    let bestValue = -Infinity;
    let covered = 0;
    for (let buffer = 0; buffer <= Math.min(MAX_BUFFER, distribution.length - 1); buffer += 1) {
      covered += distribution[buffer] ?? 0;
      const cost =
        this.target.cost === 'linear'
          ? lambda * buffer
          : (this.target.dayCost ?? 0.003) * buffer +
            (limit !== undefined && engineLead <= limit && leadAt(buffer) > limit ? lambda : 0);
      if (covered - cost > bestValue + 1e-12) {
        bestValue = covered - cost;
        best = buffer;
      }
    }
    if (this.target.cost === 'linear') {
      const predicted = distribution.slice(0, best + 1).reduce((sum, p) => sum + p, 0);
      // Too little cover predicted: buffer days get cheaper; more than needed: dearer.
      this.logLambda += STEP * (Math.min(1, predicted) - (this.target.onTime ?? 0.975));
    }
    this.quotes += 1;
    count(this.engineLeads, engineLead);
    count(this.quotedLeads, leadAt(best));
    return best;
  }

  /** The lead a quote may reach: the median unbuffered lead of all quotes so far, plus the allowance. */
  private medianLimit(): number | undefined {
    if (this.quotes < MINIMUM_QUOTES) return undefined;
    let seen = 0;
    for (const [lead, count] of this.engineLeads.entries()) {
      seen += count;
      if (seen * 2 > this.quotes) return Math.floor(lead * (1 + (this.target.medianLeadLimit ?? 0.1)));
    }
    return MAX_LEAD;
  }
}

function count(histogram: number[], days: number): void {
  const index = Math.min(MAX_LEAD, Math.max(0, Math.round(days)));
  histogram[index] = (histogram[index] ?? 0) + 1;
}
