/**
 * The plant's supply as the simulator keeps it: stock on hand, every order's holds of stock and
 * work-center hours, and the capacity calendar with breakdowns. It hands the promise engine the
 * same SupplySnapshot the DynamoDB adapter would load (the BOM closure of the SKUs asked for), and
 * it is where the plant's execution moves hours when the world does not go to plan.
 */
import { addDays, daysBetween, isoWeekday, isWorkingDay } from '../functions/domain/promise/calendar.ts';
import type {
  CapacityReservation,
  IsoDate,
  PlantSettings,
  Product,
  StockReservation,
  SupplySnapshot,
  WorkCenter,
} from '../functions/domain/promise/types.ts';

interface HourHold {
  readonly orderId: string;
  readonly workCenter: string;
  readonly date: IsoDate;
  hours: number;
}

const EPSILON = 1e-9;

/** Calendar days a re-sequence covers: a plant re-plans its next weeks, not its whole order book. */
const RESEQUENCE_WINDOW_DAYS = 28;

/** Earliest promise first, then the earliest release, then the order number (stable for one seed). */
function byPromise(
  a: { priority: IsoDate; release: IsoDate; orderId: string },
  b: { priority: IsoDate; release: IsoDate; orderId: string },
): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  if (a.release !== b.release) return a.release < b.release ? -1 : 1;
  return a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
}

/** Keeps the later of two last days per order. */
export function mergeEnds(
  into: Map<string, IsoDate>,
  from: ReadonlyMap<string, IsoDate>,
): Map<string, IsoDate> {
  for (const [orderId, end] of from) {
    const known = into.get(orderId);
    if (!known || end > known) into.set(orderId, end);
  }
  return into;
}

export class PlantWorld {
  readonly onHand = new Map<string, number>();
  /** Stock holds not yet consumed (dated today or later), by SKU. */
  private readonly stockHolds = new Map<string, StockReservation[]>();
  /** Hour holds by work center and date: what the plan uses of each day. */
  private readonly hours = new Map<string, Map<IsoDate, HourHold[]>>();
  /** Breakdown days (no capacity) by work center, as the ERP has reported them so far. */
  /** Where each order holds hours (work center and date), so its hours are found without a scan. */
  private readonly hoursOfOrder = new Map<string, Set<string>>();
  private readonly brokenDays = new Map<string, Set<IsoDate>>();
  /** The latest day each work center has ever held hours on: a re-sequence need not look beyond it. */
  private readonly lastHeld = new Map<string, IsoDate>();
  private readonly heldCache = new Map<string, CapacityReservation[]>();
  private readonly closures = new Map<string, { skus: string[]; centers: string[] }>();
  /** Every stock movement, for the conservation check: receipts and excess add, consumption takes. */
  readonly ledger = { initial: 0, consumed: 0, added: 0 };
  /** Hours held per work center and day, kept after the day has passed, for utilisation. */
  readonly usedHours = new Map<string, number>();
  lowestOnHand = 0;
  /** The date the plant works to for an order (its first promise): earliest first when work is re-sequenced. */
  priorityOf: (orderId: string) => IsoDate = () => '9999-12-31';
  /** The first day an order's work may be done (its material is ready). */
  releaseOf: (orderId: string) => IsoDate = () => '0000-01-01';

  constructor(
    readonly plant: PlantSettings,
    readonly products: ReadonlyMap<string, Product>,
    readonly workCenters: ReadonlyMap<string, WorkCenter>,
    readonly transitDays: ReadonlyMap<string, number>,
    initialStock: ReadonlyMap<string, number>,
  ) {
    for (const [sku, quantity] of initialStock) {
      this.onHand.set(sku, quantity);
      this.ledger.initial += quantity;
    }
  }

  /** Hours a work center has on a day: its weekday figure, an exception, or none while broken. */
  capacity(workCenter: string, date: IsoDate): number {
    if (this.brokenDays.get(workCenter)?.has(date)) return 0;
    const center = this.workCenters.get(workCenter);
    if (!center || !isWorkingDay(this.plant.plantCalendar, date)) return 0;
    const exception = center.exceptions[date];
    if (exception !== undefined) return exception;
    return center.hoursByWeekday[isoWeekday(date) as 1] ?? 0;
  }

  /** Hours one order holds on a work-center day. */
  heldBy(orderId: string, workCenter: string, date: IsoDate): number {
    return (this.hours.get(workCenter)?.get(date) ?? []).find((hold) => hold.orderId === orderId)?.hours ?? 0;
  }

  held(workCenter: string, date: IsoDate): number {
    return (this.hours.get(workCenter)?.get(date) ?? []).reduce((sum, hold) => sum + hold.hours, 0);
  }

  private closureOf(sku: string) {
    let closure = this.closures.get(sku);
    if (!closure) {
      const skus = new Set<string>();
      const centers = new Set<string>();
      const stack = [sku];
      while (stack.length) {
        const next = stack.pop() as string;
        if (skus.has(next)) continue;
        skus.add(next);
        const product = this.products.get(next);
        for (const line of product?.bom ?? []) stack.push(line.sku);
        for (const step of product?.routing ?? []) centers.add(step.workCenter);
      }
      closure = { skus: [...skus], centers: [...centers] };
      this.closures.set(sku, closure);
    }
    return closure;
  }

  /**
   * What the engine sees for these SKUs: their BOM closure, stock, holds and work centers with the
   * breakdowns reported so far. `capacityShare` below 1 hides part of each day's hours and stock
   * (the share protected for tier A customers) from the request.
   */
  snapshotFor(skus: readonly string[], capacityShare = 1, plannedShare = 1): SupplySnapshot {
    const closureSkus = new Set<string>();
    const closureCenters = new Set<string>();
    for (const sku of skus) {
      const closure = this.closureOf(sku);
      closure.skus.forEach((each) => closureSkus.add(each));
      closure.centers.forEach((each) => closureCenters.add(each));
    }
    const products = new Map<string, Product>();
    const onHand = new Map<string, number>();
    const stockReservations: StockReservation[] = [];
    for (const sku of closureSkus) {
      const product = this.products.get(sku);
      if (product) products.set(sku, product);
      const stock = this.onHand.get(sku);
      if (stock !== undefined) onHand.set(sku, capacityShare < 1 ? Math.floor(stock * capacityShare) : stock);
      // The engine needs only how much is held by date; one entry per day keeps quotes fast.
      const byDate = new Map<IsoDate, number>();
      for (const hold of this.stockHolds.get(sku) ?? [])
        byDate.set(hold.date, (byDate.get(hold.date) ?? 0) + hold.quantity);
      for (const [date, quantity] of byDate) stockReservations.push({ orderId: 'held', sku, quantity, date });
    }
    const workCenters = new Map<string, WorkCenter>();
    const capacityReservations: CapacityReservation[] = [];
    for (const id of closureCenters) {
      const center = this.workCenters.get(id);
      if (!center) continue;
      const broken = this.brokenDays.get(id);
      const hoursShare = capacityShare * plannedShare;
      const scaled =
        hoursShare < 1
          ? Object.fromEntries(
              Object.entries(center.hoursByWeekday).map(([day, hours]) => [day, (hours ?? 0) * hoursShare]),
            )
          : center.hoursByWeekday;
      workCenters.set(id, {
        id,
        hoursByWeekday: scaled,
        exceptions: {
          ...Object.fromEntries(
            Object.entries(center.exceptions).map(([day, hours]) => [day, hours * hoursShare]),
          ),
          ...(broken ? Object.fromEntries([...broken].map((day) => [day, 0])) : {}),
        },
      });
      capacityReservations.push(...this.heldByDay(id));
    }
    return {
      plant: this.plant,
      products,
      onHand,
      receipts: [],
      stockReservations,
      workCenters,
      capacityReservations,
      transitDays: this.transitDays,
    };
  }

  /** Holds what a confirmed plan uses. A negative stock quantity is a lot's excess, supply from its date. */
  reserve(
    orderId: string,
    stock: readonly { sku: string; quantity: number; date: IsoDate }[],
    capacity: readonly { workCenter: string; date: IsoDate; hours: number }[],
  ): void {
    for (const hold of stock) {
      const list = this.stockHolds.get(hold.sku) ?? [];
      list.push({ orderId, sku: hold.sku, quantity: hold.quantity, date: hold.date });
      this.stockHolds.set(hold.sku, list);
    }
    for (const hold of capacity) this.holdHours(orderId, hold.workCenter, hold.date, hold.hours);
  }

  /** A work center's held hours per day as the engine reads them, kept until its holds change. */
  private heldByDay(workCenter: string): readonly CapacityReservation[] {
    let list = this.heldCache.get(workCenter);
    if (!list) {
      list = [];
      for (const [date, holds] of this.hours.get(workCenter) ?? []) {
        const hours = holds.reduce((sum, hold) => sum + hold.hours, 0);
        if (hours > 0) list.push({ orderId: 'held', workCenter, date, hours });
      }
      this.heldCache.set(workCenter, list);
    }
    return list;
  }

  private holdHours(orderId: string, workCenter: string, date: IsoDate, hours: number) {
    this.heldCache.delete(workCenter);
    if (hours <= EPSILON) return;
    let byDate = this.hours.get(workCenter);
    if (!byDate) this.hours.set(workCenter, (byDate = new Map()));
    const list = byDate.get(date) ?? [];
    const own = list.find((hold) => hold.orderId === orderId);
    if (own) own.hours += hours;
    else list.push({ orderId, workCenter, date, hours });
    byDate.set(date, list);
    if (date > (this.lastHeld.get(workCenter) ?? '')) this.lastHeld.set(workCenter, date);
    let places = this.hoursOfOrder.get(orderId);
    if (!places) this.hoursOfOrder.set(orderId, (places = new Set()));
    places.add(`${workCenter}|${date}`);
  }

  /** The order's hours still ahead (from `from` on), per work center, taken off the calendar. */
  private takeHours(orderId: string, from: IsoDate, workCenter?: string, only?: ReadonlySet<IsoDate>) {
    this.heldCache.clear();
    const taken = new Map<string, number>();
    const places = this.hoursOfOrder.get(orderId);
    for (const place of [...(places ?? [])].sort()) {
      const [center, date] = place.split('|') as [string, IsoDate];
      if ((workCenter && center !== workCenter) || date < from || (only && !only.has(date))) continue;
      places?.delete(place);
      const list = this.hours.get(center)?.get(date);
      const index = list?.findIndex((hold) => hold.orderId === orderId) ?? -1;
      if (!list || index < 0) continue;
      taken.set(center, (taken.get(center) ?? 0) + (list[index] as HourHold).hours);
      list.splice(index, 1);
    }
    return taken;
  }

  /**
   * Re-sequences a work center's next weeks from `from` on, as a plant dispatches released work:
   * every hour held in that window is placed again, earliest promise first, each piece no earlier
   * than its order's material is ready (`releaseOf`), on the capacity left; `extra` adds work
   * (rework, hours moved by late material) from its own release day. Hours freed by a late order
   * are used by work already released rather than left idle, and a lost day pushes back the work
   * with the latest promises, only until the center's free hours absorb it. Work that no longer
   * fits the window goes to the first free hours after it. Returns the last day each moved order
   * now uses on this center.
   */
  resequence(
    workCenter: string,
    from: IsoDate,
    extra: readonly { orderId: string; hours: number; release: IsoDate }[] = [],
  ): Map<string, IsoDate> {
    this.heldCache.delete(workCenter);
    const byDate = this.hours.get(workCenter) ?? new Map<IsoDate, HourHold[]>();
    const ends = new Map<string, IsoDate>();
    type Piece = { orderId: string; hours: number; release: IsoDate; priority: IsoDate; planned: IsoDate };
    let carried: Piece[] = extra.map((piece) => ({
      ...piece,
      priority: this.priorityOf(piece.orderId),
      planned: '0000-01-01',
    }));
    const lastHeld = this.lastHeld.get(workCenter) ?? from;
    // Window by window: what does not fit one competes, by promise, with the work of the next, so
    // a cascade runs exactly as far as it has to.
    for (let start = from; ;) {
      const until = addDays(start, RESEQUENCE_WINDOW_DAYS);
      const pieces = carried;
      for (let date = start; date < until; date = addDays(date, 1)) {
        const list = byDate.get(date);
        if (!list) continue;
        for (const hold of list) {
          this.hoursOfOrder.get(hold.orderId)?.delete(`${workCenter}|${date}`);
          const release = this.releaseOf(hold.orderId);
          pieces.push({
            orderId: hold.orderId,
            hours: hold.hours,
            release: release < date ? release : date,
            priority: this.priorityOf(hold.orderId),
            planned: date,
          });
        }
        byDate.delete(date);
      }
      pieces.sort(byPromise);
      carried = [];
      const bounded = lastHeld >= until;
      // The window's days and their hours, all free now that its holds are lifted: each piece
      // scans from its release day or the first day with hours left, whichever is later.
      const dates: IsoDate[] = [];
      const free: number[] = [];
      for (let date = start; date < until; date = addDays(date, 1)) {
        dates.push(date);
        free.push(this.capacity(workCenter, date) - this.held(workCenter, date));
      }
      let firstFree = 0;
      for (const piece of pieces) {
        let left = piece.hours;
        let last: IsoDate | undefined;
        const releaseIndex = piece.release > start ? daysBetween(start, piece.release) : 0;
        while (firstFree < free.length && (free[firstFree] as number) <= EPSILON) firstFree += 1;
        for (
          let index = Math.max(releaseIndex, firstFree);
          index < free.length && left > EPSILON;
          index += 1
        ) {
          const hours = free[index] as number;
          if (hours <= EPSILON) continue;
          const take = Math.min(hours, left);
          free[index] = hours - take;
          left -= take;
          last = dates[index] as IsoDate;
          this.holdHours(piece.orderId, workCenter, last, take);
        }
        if (left > EPSILON && !bounded) {
          const placed = this.placeHours(
            piece.orderId,
            workCenter,
            left,
            piece.release > until ? piece.release : until,
          );
          left = placed.left;
          last = placed.last ?? last;
        }
        // Only work now done later than planned can move an order's end.
        if (last && last > piece.planned) {
          const end = ends.get(piece.orderId);
          if (!end || last > end) ends.set(piece.orderId, last);
        }
        if (left > EPSILON)
          carried.push({ ...piece, hours: left, release: piece.release > until ? piece.release : until });
      }
      if (!carried.length) return ends;
      start = until;
    }
  }

  /**
   * Places hours on a work center's free capacity from `from` on, before `until` when given; the
   * last day used, and the hours that did not fit.
   */
  private placeHours(
    orderId: string,
    workCenter: string,
    hours: number,
    from: IsoDate,
    until?: IsoDate,
  ): { last?: IsoDate; left: number } {
    let left = hours;
    let last: IsoDate | undefined;
    for (let day = from, guard = 0; left > EPSILON; guard += 1, day = addDays(day, 1)) {
      if (until && day >= until) break;
      if (guard > 2000) throw new Error(`No capacity on ${workCenter} for ${hours} h from ${from}`);
      const free = this.capacity(workCenter, day) - this.held(workCenter, day);
      if (free > EPSILON) {
        const take = Math.min(free, left);
        this.holdHours(orderId, workCenter, day, take);
        left -= take;
        last = day;
      }
    }
    return { ...(last ? { last } : {}), left };
  }

  /**
   * The order's production cannot start before `release` (late material): its hours from `from`
   * on are dispatched again from then, and each center it uses re-sequenced. Returns the last day
   * each order now uses (its own and those its hours pushed back).
   */
  delayOrder(orderId: string, release: IsoDate, from: IsoDate): Map<string, IsoDate> {
    const taken = this.takeHours(orderId, from);
    const ends = new Map<string, IsoDate>();
    for (const [center, hours] of taken)
      mergeEnds(ends, this.resequence(center, from, [{ orderId, hours, release }]));
    return ends;
  }

  /** A work center breaks down on these days: they lose their hours, and its work is re-sequenced. */
  breakDown(workCenter: string, days: readonly IsoDate[]): Map<string, IsoDate> {
    const broken = this.brokenDays.get(workCenter) ?? new Set<IsoDate>();
    days.forEach((each) => broken.add(each));
    this.brokenDays.set(workCenter, broken);
    return this.resequence(workCenter, days[0] as IsoDate);
  }

  /** Extra hours (rework of lost units) dispatched from `release` on; the last day each order now uses. */
  addWork(orderId: string, workCenter: string, hours: number, release: IsoDate): Map<string, IsoDate> {
    return this.resequence(workCenter, release, [{ orderId, hours, release }]);
  }

  /**
   * The day ends: stock held for it is consumed (a lot's excess arrives), and its hours are
   * counted as used. Returns the work-center hours checked against capacity that day.
   */
  closeDay(date: IsoDate, countUse = true): { capacityViolations: string[] } {
    this.heldCache.clear();
    for (const [sku, list] of this.stockHolds) {
      const due = list.filter((hold) => hold.date <= date);
      if (!due.length) continue;
      let stock = this.onHand.get(sku) ?? 0;
      for (const hold of due) {
        stock -= hold.quantity;
        if (hold.quantity > 0) this.ledger.consumed += hold.quantity;
        else this.ledger.added -= hold.quantity;
      }
      this.onHand.set(sku, stock);
      if (stock < this.lowestOnHand) this.lowestOnHand = stock;
      this.stockHolds.set(
        sku,
        list.filter((hold) => hold.date > date),
      );
    }
    const capacityViolations: string[] = [];
    for (const [center, byDate] of this.hours) {
      const list = byDate.get(date);
      if (!list) continue;
      const used = list.reduce((sum, hold) => sum + hold.hours, 0);
      if (used > this.capacity(center, date) + 1e-6)
        capacityViolations.push(`${center} ${date}: ${used.toFixed(2)} h > ${this.capacity(center, date)} h`);
      if (countUse) this.usedHours.set(center, (this.usedHours.get(center) ?? 0) + used);
      byDate.delete(date);
    }
    return { capacityViolations };
  }

  /** Capacity hours of every work center over the days given (for utilisation). */
  totalCapacity(days: readonly IsoDate[]): Map<string, number> {
    const total = new Map<string, number>();
    for (const center of this.workCenters.keys())
      total.set(
        center,
        days.reduce((sum, day) => sum + this.capacity(center, day), 0),
      );
    return total;
  }

  stockOnHand(): number {
    let total = 0;
    for (const quantity of this.onHand.values()) total += quantity;
    return total;
  }

  /** Stock still held for days to come (positive: to be consumed; negative: excess to arrive). */
  pendingHolds(): { consume: number; add: number } {
    let consume = 0;
    let add = 0;
    for (const list of this.stockHolds.values())
      for (const hold of list) {
        if (hold.quantity > 0) consume += hold.quantity;
        else add -= hold.quantity;
      }
    return { consume, add };
  }
}
