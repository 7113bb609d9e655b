import { earliestDateFor, freeOn } from './atp.ts';
import { addDays, onOrNextWorkingDay } from './calendar.ts';
import {
  checkBomLine,
  checkBomPath,
  lotSize,
  Planner,
  routingStep,
  type LinePlan,
  type Ready,
  type Take,
} from './planner.ts';
import type { BasisEntry, IsoDate, Product, SupplyStep, WorkCenter } from './types.ts';

/** One line planned to be ready by a due day, with what it holds, so the holds can be moved. */
export interface DueLine {
  readonly product: Product;
  readonly quantity: number;
  readonly plan: LinePlan;
  /** The line's own stock holds, in the order taken (negative: a lot's excess it adds). */
  readonly takes: readonly { readonly sku: string; readonly take: Take }[];
  /** Whole from stock: its one hold can move to the day the units are free. */
  readonly fromStock: boolean;
}

interface Booked {
  readonly center: string;
  readonly hours: number;
  readonly used: { workCenter: string; date: IsoDate; hours: number }[];
}

/**
 * Plans each line to be ready by a due day, as late as that allows: production is scheduled
 * backwards from the due day on free capacity, stock is held from the day it is needed (the due
 * day, or a component's first production day), and a component a purchase brings by then is bought
 * rather than taken from stock. Where each need falls depends only on capacity and the due day, so
 * a later due day or more supply only moves needs later or leaves more free: whether the lines fit
 * by a day does not flip with more supply, as it can when each line is planned as early as it can
 * be (list scheduling: an earlier start for one line can take what a later line needed). Not yet
 * for a step due when the next one starts, on a work center other lines use: see joint.ts.
 */
export class DeadlinePlanner extends Planner {
  private lineTakes: { sku: string; take: Take }[] = [];

  protected override take(sku: string, quantity: number, date: IsoDate): Take {
    const take = super.take(sku, quantity, date);
    this.lineTakes.push({ sku, take });
    return take;
  }

  /** The line planned to be ready by `due`; undefined when it does not fit by then. */
  lineBy(
    product: Product,
    quantity: number,
    due: IsoDate,
    skus: Set<string>,
    workCenters: Set<string>,
  ): DueLine | undefined {
    this.lineTakes = [];
    const stepsBefore = this.steps.length;
    const hoursBefore = this.scheduledHours.length;
    const ready = this.readyBy(product, quantity, due, skus, workCenters, []);
    if (!ready) return undefined;
    const takes = this.lineTakes;
    const fromStock = ready.fromStock === true;
    return {
      product,
      quantity,
      takes,
      fromStock,
      plan: {
        method: product.kind === 'make' && !fromStock ? 'CTP' : 'ATP',
        ready: { date: ready.date, basis: ready.basis },
        stock: [],
        capacity: this.scheduledHours
          .slice(hoursBefore)
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
        supplyPath: this.steps.slice(stepsBefore),
      },
    };
  }

  /**
   * A line whole from stock was held from the due day; it is held instead from the day its units
   * are free with every other line's holds in place, which is the line's own date. Call in line
   * order once all lines are planned: each move keeps every balance covered, as the units were free
   * from that day with the others held.
   */
  settle(line: DueLine): DueLine {
    const [hold] = line.takes;
    const stock = line.fromStock && hold ? hold : undefined;
    const plan = stock ? this.settleStock(line, stock) : line.plan;
    return {
      ...line,
      plan: {
        ...plan,
        stock: line.takes.map(({ sku, take }) => ({ sku, quantity: take.quantity, date: take.date })),
      },
    };
  }

  private settleStock(line: DueLine, { sku, take }: { sku: string; take: Take }): LinePlan {
    const others = (this.takenStock.get(sku) ?? []).filter((other) => other !== take);
    this.takenStock.set(sku, others);
    const ready = this.fromStock(sku, line.quantity);
    if (ready && ready.date < take.date) take.date = ready.date;
    // A new list, so the cached profile of the SKU is rebuilt with the hold on its new day.
    this.takenStock.set(sku, [...others, take]);
    const step = this.stockStepFor(sku, line.quantity, ready ?? line.plan.ready, 0);
    return { ...line.plan, ready: ready ?? line.plan.ready, supplyPath: [step] };
  }

  private readyBy(
    product: Product,
    quantity: number,
    due: IsoDate,
    skus: Set<string>,
    workCenters: Set<string>,
    path: readonly string[],
  ): (Ready & { fromStock?: true }) | undefined {
    checkBomPath(product, path);
    skus.add(product.sku);
    const bought = this.purchase(product);
    if (path.length > 0 && product.kind === 'stock' && bought && bought.date <= due) {
      // A component a purchase brings in time is bought, and stock is left to the needs that cannot
      // wait for the supplier: taken here, it could be what an earlier production day needs.
      const lot = lotSize(product, quantity);
      if (lot > quantity) this.take(product.sku, -(lot - quantity), bought.date);
      this.purchaseStep(product, quantity, bought.date, path.length);
      return bought;
    }
    const stock = this.earliestSourced(product, quantity);
    if (stock && stock.date <= due) {
      this.take(product.sku, quantity, due);
      this.stockStep(product.sku, quantity, stock, path.length);
      return { ...stock, fromStock: true };
    }
    if (product.kind === 'make') {
      // What is free on the due day is used, and only the rest is made to be ready by then.
      const profile = this.profile(product.sku).profile;
      const free = Math.min(Math.max(0, freeOn(profile, due)), quantity);
      const freeFrom = free > 0 ? (earliestDateFor(profile, free) ?? due) : due;
      if (free > 0) {
        this.take(product.sku, free, due);
        this.stockStep(product.sku, free, { date: freeFrom, basis: [] }, path.length);
      }
      if (free >= quantity)
        return {
          date: freeFrom,
          basis: [{ kind: 'stock-available', sku: product.sku, quantity, date: freeFrom }],
        };
      const made = this.makeBy(product, quantity - free, due, skus, workCenters, path);
      // The line is ready when the units from stock are free too.
      if (!made || free === 0 || freeFrom <= made.date) return made;
      return {
        date: freeFrom,
        basis: [...made.basis, { kind: 'stock-available', sku: product.sku, quantity: free, date: freeFrom }],
      };
    }
    if (!bought || bought.date > due) return undefined;
    this.buy(product, quantity, bought.date);
    this.purchaseStep(product, quantity, bought.date, path.length);
    return bought;
  }

  /** CTP by a due day: the routing scheduled backwards from it, then components due by its first day. */
  private makeBy(
    product: Product,
    quantity: number,
    due: IsoDate,
    skus: Set<string>,
    workCenters: Set<string>,
    path: readonly string[],
  ): Ready | undefined {
    const lot = lotSize(product, quantity);
    for (const line of product.bom) checkBomLine(product, line);
    let until = due;
    const booked: Booked[] = [];
    for (const step of [...product.routing].reverse()) {
      const { center, hours } = routingStep(this.snapshot.workCenters, product, step, lot);
      workCenters.add(center.id);
      const used = this.scheduleBackward(center, hours, until);
      if (!used) return undefined;
      booked.unshift({ center: center.id, hours, used });
      until = used[0]?.date ?? until;
    }
    const components: Ready[] = [];
    for (const line of product.bom) {
      const component = this.product(line.sku);
      const ready = this.readyBy(component, line.quantityPer * lot, until, skus, workCenters, [
        ...path,
        product.sku,
      ]);
      if (!ready) return undefined;
      components.push(ready);
    }
    const material = components.reduce<Ready>((a, b) => (b.date > a.date ? b : a), {
      date: this.start,
      basis: [],
    });
    const basis: BasisEntry[] = [
      ...material.basis,
      { kind: 'material-ready', sku: product.sku, date: material.date },
    ];
    let end = onOrNextWorkingDay(this.snapshot.plant.plantCalendar, material.date);
    let bottleneck: { workCenter: string; days: number } | undefined;
    const productionDays = new Set<IsoDate>();
    // Production sits as late as the due day allows, so free days left before it do not hold the
    // date back: no 'capacity' entry; the bottleneck is named on the production entry.
    for (const { center, hours, used } of booked) {
      const first = used[0]?.date ?? end;
      const last = used.at(-1)?.date ?? end;
      for (const day of used) productionDays.add(day.date);
      if (!bottleneck || used.length >= bottleneck.days)
        bottleneck = { workCenter: center, days: used.length };
      this.steps.push(productionStep(product.sku, lot, path.length, center, hours, first, last));
      if (last > end) end = last;
    }
    // Material in on a day without capacity, just before the due day: it cannot be ready by then.
    if (end > due) return undefined;
    basis.push({
      kind: 'production-complete',
      sku: product.sku,
      date: end,
      ...(bottleneck ? { workCenter: bottleneck.workCenter, productionDays: productionDays.size } : {}),
    });
    if (lot > quantity) this.take(product.sku, -(lot - quantity), end);
    return { date: end, basis };
  }

  /** Free capacity taken from `until` backwards; undefined when the hours do not fit from the start. */
  private scheduleBackward(center: WorkCenter, hours: number, until: IsoDate) {
    const used: { workCenter: string; date: IsoDate; hours: number }[] = [];
    let remaining = hours;
    for (let day = until; remaining > 1e-9; day = addDays(day, -1)) {
      if (day < this.start) return undefined;
      const key = `${center.id}|${day}`;
      const free =
        this.hoursOn(center, day) - this.reservedHours(center.id, day) - (this.takenHours.get(key) ?? 0);
      if (free <= 1e-9) continue;
      const take = Math.min(free, remaining);
      used.unshift({ workCenter: center.id, date: day, hours: take });
      this.scheduledHours.push({ workCenter: center.id, date: day, hours: take });
      this.takenHours.set(key, (this.takenHours.get(key) ?? 0) + take);
      this.centersWithHours.add(center.id);
      remaining -= take;
    }
    return used;
  }
}

const productionStep = (
  sku: string,
  quantity: number,
  level: number,
  workCenter: string,
  hours: number,
  start: IsoDate,
  end: IsoDate,
): SupplyStep => ({ sku, quantity, level, source: { kind: 'production', workCenter, hours }, start, end });
