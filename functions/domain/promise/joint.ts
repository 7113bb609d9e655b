import { addDays, daysBetween } from './calendar.ts';
import { DeadlinePlanner, type DueLine } from './deadline.ts';
import { Planner, type LinePlan } from './planner.ts';
import type { IsoDate, Product, SupplySnapshot } from './types.ts';

export interface OrderLine {
  readonly product: Product;
  readonly quantity: number;
}

/**
 * True when two lines can draw on the same item or work center (through their BOMs and routings).
 * Only then can one line's plan change another's; the products alone decide it, not the supply.
 */
export function linesCompete(snapshot: SupplySnapshot, lines: readonly OrderLine[]): boolean {
  const owners = new Map<string, number>();
  for (const [index, line] of lines.entries()) {
    const reached = new Set<string>();
    const visit = (sku: string) => {
      if (reached.has(`sku:${sku}`)) return;
      reached.add(`sku:${sku}`);
      const product = snapshot.products.get(sku);
      for (const step of product?.routing ?? []) reached.add(`center:${step.workCenter}`);
      for (const component of product?.bom ?? []) visit(component.sku);
    };
    visit(line.product.sku);
    for (const key of reached) {
      const owner = owners.get(key);
      if (owner !== undefined && owner !== index) return true;
      owners.set(key, index);
    }
  }
  return false;
}

interface Context {
  readonly snapshot: SupplySnapshot;
  readonly start: IsoDate;
  readonly orderId: string | undefined;
  readonly skus: Set<string>;
  readonly workCenters: Set<string>;
}

const latestReady = (plans: readonly LinePlan[]): IsoDate =>
  plans.reduce((latest, plan) => (plan.ready.date > latest ? plan.ready.date : latest), '');

/**
 * The lines of an order shipped whole, allocated together: the earliest day by which all of them
 * fit at once (DeadlinePlanner), but never earlier than the slowest line would be promised alone.
 * Whether the lines fit by a day only gets easier with more supply or a later day, so the day found
 * never gets later when supply is added, nor earlier when another order reserves some. The lines
 * planned one after another (`sequential`) are kept when they are ready on that day, as most are;
 * otherwise the lines are planned by that day.
 */
export function planLinesTogether(
  context: Context,
  lines: readonly OrderLine[],
  sequential: readonly LinePlan[],
): readonly LinePlan[] {
  const floor = latestReady(
    lines.map((line) =>
      new Planner(context.snapshot, context.start, context.orderId).promiseLine(
        line.product,
        line.quantity,
        new Set(),
        new Set(),
      ),
    ),
  );
  const found = earliestDue(context, lines, floor, latestReady(sequential));
  if (!found || found.due === latestReady(sequential)) return sequential;
  return found.lines.map((line) => found.planner.settle(line).plan);
}

interface Attempt {
  readonly due: IsoDate;
  readonly planner: DeadlinePlanner;
  readonly lines: readonly DueLine[];
}

function attempt(context: Context, lines: readonly OrderLine[], due: IsoDate): Attempt | undefined {
  const planner = new DeadlinePlanner(context.snapshot, context.start, context.orderId);
  const planned: DueLine[] = [];
  for (const line of lines) {
    const plan = planner.lineBy(line.product, line.quantity, due, context.skus, context.workCenters);
    if (!plan) return undefined;
    planned.push(plan);
  }
  return { due, planner, lines: planned };
}

/**
 * The first day from `floor` on by which the lines fit: the floor first (lines that do not get in
 * each other's way fit there), then `guess` (where the lines planned one after another are ready)
 * and doubling steps beyond it, then bisection between the last day that did not fit and the
 * first that did. Undefined when they do not fit as far ahead as the forward planner schedules.
 */
function earliestDue(
  context: Context,
  lines: readonly OrderLine[],
  floor: IsoDate,
  guess: IsoDate,
): Attempt | undefined {
  const atFloor = attempt(context, lines, floor);
  if (atFloor) return atFloor;
  const horizonDays = context.snapshot.plant.horizonDays;
  const limit = addDays(context.start, 2 * horizonDays);
  let low = floor;
  let probe = guess > floor ? guess : addDays(floor, 1);
  let best: Attempt | undefined;
  for (let step = 1; !best; step *= 2) {
    if (probe > limit) probe = limit;
    best = attempt(context, lines, probe);
    if (best) break;
    if (probe >= limit) return undefined;
    low = probe;
    probe = addDays(low, step);
  }
  let fits = daysBetween(low, best.due);
  let fails = 0;
  while (fits - fails > 1) {
    const middle = (fits + fails) >> 1;
    const tried = attempt(context, lines, addDays(low, middle));
    if (tried) {
      best = tried;
      fits = middle;
    } else fails = middle;
  }
  return best;
}
