import { addDays, daysBetween } from './calendar.ts';
import { DeadlinePlanner, type DueLine } from './deadline.ts';
import { Planner, type LinePlan } from './planner.ts';
import type { IsoDate, Product, SupplySnapshot } from './types.ts';

export interface OrderLine {
  readonly product: Product;
  readonly quantity: number;
}

/**
 * For each line, whether it can draw on an item or work center an earlier line also reaches
 * (through their BOMs and routings): only such a line can be planned differently after the
 * others than alone. The products alone decide it, not the supply.
 */
export function sharesWithEarlierLine(snapshot: SupplySnapshot, lines: readonly OrderLine[]): boolean[] {
  const skuOwners = new Map<string, number>();
  const centerOwners = new Map<string, number>();
  return lines.map((line, index) => {
    let shares = false;
    /** Takes the key for this line; true when it was reached before (its BOM is walked already). */
    const claim = (owners: Map<string, number>, key: string) => {
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, index);
      else if (owner !== index) shares = true;
      return owner !== undefined;
    };
    const visit = (sku: string) => {
      if (claim(skuOwners, sku)) return;
      const product = snapshot.products.get(sku);
      for (const step of product?.routing ?? []) claim(centerOwners, step.workCenter);
      for (const component of product?.bom ?? []) visit(component.sku);
    };
    visit(line.product.sku);
    return shares;
  });
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
 * Whether the lines fit by a day only gets easier with more supply, so the day found never gets
 * later when supply is added, nor earlier when another order reserves some. That holds by
 * construction where every step on a shared work center is due on the order's day (one-step
 * routings); steps due on different days there (a first step due when the next one starts) are
 * list-scheduled again, a known limit (multiline.test.ts). Two things are assumed rather than
 * proven: a single line gets no later with more supply (the floor), and lines that fit by a day
 * fit by any later day (the bisection). The lines planned one after another (`sequential`) are
 * kept when they are ready on that day, as most are; otherwise the lines are planned by that day.
 */
export function planLinesTogether(
  context: Context,
  lines: readonly OrderLine[],
  sequential: readonly LinePlan[],
  plannedAlone: readonly boolean[],
): { readonly plans: readonly LinePlan[]; readonly binding?: number } {
  // A line planned one after another as it would be alone (nothing before it touched its supply)
  // is its own floor; the others are planned again on a fresh planner. What the floor depends on,
  // the promise depends on: its SKUs and work centers are counted.
  const floor = latestReady(
    lines.map((line, index) =>
      plannedAlone[index]
        ? (sequential[index] as LinePlan)
        : new Planner(context.snapshot, context.start, context.orderId).promiseLine(
            line.product,
            line.quantity,
            context.skus,
            context.workCenters,
          ),
    ),
  );
  const found = earliestDue(
    context,
    lines,
    planningOrders(context.snapshot, lines),
    floor,
    latestReady(sequential),
  );
  if (!found || found.due === latestReady(sequential)) return { plans: sequential };
  const settled: LinePlan[] = [];
  for (const index of found.order) settled[index] = found.planner.settle(found.lines[index] as DueLine).plan;
  return { plans: settled, binding: bindingLine(settled) };
}

/**
 * The line that explains the order's date. Lines planned by a due day all end near it, so among
 * the latest the one whose material came last is named: the others' production was only placed
 * late, while this one could not be earlier.
 */
function bindingLine(plans: readonly LinePlan[]): number {
  const last = latestReady(plans);
  const materialDate = (plan: LinePlan) =>
    plan.ready.basis.reduce(
      (latest, entry) =>
        entry.kind !== 'production-complete' && 'date' in entry && entry.date > latest ? entry.date : latest,
      '',
    );
  let binding = plans.findIndex((plan) => plan.ready.date === last);
  for (const [index, plan] of plans.entries())
    if (plan.ready.date === last && materialDate(plan) > materialDate(plans[binding] as LinePlan))
      binding = index;
  return binding;
}

interface Attempt {
  readonly due: IsoDate;
  readonly planner: DeadlinePlanner;
  /** By line, as entered. */
  readonly lines: readonly DueLine[];
  /** The order the lines were planned in, which is the order their holds are settled in. */
  readonly order: readonly number[];
}

/**
 * How many days of supplier lead time sit below a product, through its BOM: the products alone
 * decide it, not the supply.
 */
function leadTimeDays(snapshot: SupplySnapshot, sku: string, path: string[] = []): number {
  const product = snapshot.products.get(sku);
  if (!product || path.includes(sku) || path.length > 20) return 0;
  // One path, extended and restored around each component, rather than a copy per BOM line.
  let days = product.purchaseLeadTimeDays ?? 0;
  path.push(sku);
  for (const line of product.bom) days = Math.max(days, leadTimeDays(snapshot, line.sku, path));
  path.pop();
  return days;
}

/**
 * The orders in which lines are planned by a due day; the lines fit when they fit in one of them.
 * Planned backwards, the first line gets the latest capacity, so the line with the longest lead
 * time under it goes first; then each rotation of the order as entered and of its reverse (2n+1
 * orders at most, not n!), so each line is planned first once. The list depends only on the
 * products, so fitting in one of them still only gets easier with more supply.
 */
function planningOrders(snapshot: SupplySnapshot, lines: readonly OrderLine[]): number[][] {
  const given = lines.map((_, index) => index);
  const leadTimes = lines.map((line) => leadTimeDays(snapshot, line.product.sku));
  const byLeadTime = [...given].sort((a, b) => (leadTimes[b] ?? 0) - (leadTimes[a] ?? 0) || a - b);
  const rotations = (order: readonly number[]) =>
    order.map((_, shift) => [...order.slice(shift), ...order.slice(0, shift)]);
  const orders = [byLeadTime, ...rotations(given), ...rotations([...given].reverse())];
  const seen = new Set<string>();
  return orders.filter((order) => {
    const key = order.join();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function attempt(
  context: Context,
  lines: readonly OrderLine[],
  orders: readonly number[][],
  due: IsoDate,
): Attempt | undefined {
  for (const order of orders) {
    const tried = attemptInOrder(context, lines, order, due);
    if (tried) return tried;
  }
  return undefined;
}

function attemptInOrder(
  context: Context,
  lines: readonly OrderLine[],
  order: readonly number[],
  due: IsoDate,
): Attempt | undefined {
  const planner = new DeadlinePlanner(context.snapshot, context.start, context.orderId);
  const planned: DueLine[] = [];
  for (const index of order) {
    const line = lines[index] as OrderLine;
    const plan = planner.lineBy(line.product, line.quantity, due, context.skus, context.workCenters);
    if (!plan) return undefined;
    planned[index] = plan;
  }
  return { due, planner, lines: planned, order };
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
  orders: readonly number[][],
  floor: IsoDate,
  guess: IsoDate,
): Attempt | undefined {
  const atFloor = attempt(context, lines, orders, floor);
  if (atFloor) return atFloor;
  const horizonDays = context.snapshot.plant.horizonDays;
  const limit = addDays(context.start, 2 * horizonDays);
  let low = floor;
  let probe = guess > floor ? guess : addDays(floor, 1);
  let best: Attempt | undefined;
  for (let step = 1; !best; step *= 2) {
    if (probe > limit) probe = limit;
    best = attempt(context, lines, orders, probe);
    if (best) break;
    if (probe >= limit) return undefined;
    low = probe;
    probe = addDays(low, step);
  }
  let fits = daysBetween(low, best.due);
  let fails = 0;
  while (fits - fails > 1) {
    const middle = (fits + fails) >> 1;
    const tried = attempt(context, lines, orders, addDays(low, middle));
    if (tried) {
      best = tried;
      fits = middle;
    } else fails = middle;
  }
  return best;
}
