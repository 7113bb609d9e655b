import { SupplyDataError } from '../../shared/errors.ts';
import { atpProfile, earliestDateFor, freeOn, type AtpProfile } from './atp.ts';
import { addBusinessDays, addDays, daysBetween, onOrNextWorkingDay } from './calendar.ts';
import type {
  BasisEntry,
  CapacityReservation,
  IsoDate,
  LinePromise,
  Product,
  SupplySnapshot,
  SupplyStep,
  WorkCenter,
} from './types.ts';
import { groupBy as group } from './group.ts';
import { capacityHoursOn } from './horizon.ts';

/** Split deliveries are offered when part of a line is ready at least this many days earlier. */
const SPLIT_OFFER_MIN_DAYS = 3;
export const MAX_BOM_DEPTH = 20;

export interface Ready {
  readonly date: IsoDate;
  readonly basis: BasisEntry[];
}

export interface LinePlan {
  readonly method: 'ATP' | 'CTP';
  readonly ready: Ready;
  readonly partial?: { quantity: number; date: IsoDate };
  readonly stock: LinePromise['stockToReserve'];
  readonly capacity: LinePromise['capacityToReserve'];
  readonly supplyPath: readonly SupplyStep[];
}

/** A quantity this computation holds (negative: adds) of a SKU from a date. */
export interface Take {
  date: IsoDate;
  readonly quantity: number;
}

export const noSupplyPath = (sku: string) =>
  new SupplyDataError(
    `No supply path for ${sku}: no stock or receipts within the horizon and no purchase lead time`,
    { sku },
  );

/**
 * The lot that covers a net quantity: raised to the minimum, then rounded up to whole multiples, so
 * it satisfies both (a minimum of 15 and a multiple of 10 make 20, as frePPLe's `size_minimum` and
 * `size_multiple` do). Applied only to what stock lacks, never to a gross requirement.
 */
/** Refuses, by name, a BOM cycle or a BOM deeper than MAX_BOM_DEPTH on the way to `product`. */
export function checkBomPath(product: Product, path: readonly string[]): void {
  if (path.includes(product.sku))
    throw new SupplyDataError(`BOM cycle: ${[...path, product.sku].join(' -> ')}`, {
      cycle: [...path, product.sku],
    });
  if (path.length > MAX_BOM_DEPTH)
    throw new SupplyDataError(`BOM deeper than ${MAX_BOM_DEPTH} levels at ${product.sku}`);
}

/** Refuses, by name, a BOM line without a positive quantity per unit. */
export function checkBomLine(product: Product, line: Product['bom'][number]): void {
  if (!(line.quantityPer > 0))
    throw new SupplyDataError(`BOM of ${product.sku} needs a positive quantity of ${line.sku}`, {
      sku: product.sku,
      component: line.sku,
    });
}

/**
 * A routing step's work center and the hours it takes for a lot; a step on an unknown work center
 * or with negative hours is bad supply data, refused by name.
 */
export function routingStep(
  workCenters: ReadonlyMap<string, WorkCenter>,
  product: Product,
  step: Product['routing'][number],
  lot: number,
): { center: WorkCenter; hours: number } {
  const center = workCenters.get(step.workCenter);
  if (!center)
    throw new SupplyDataError(`Routing of ${product.sku} uses unknown work center ${step.workCenter}`, {
      workCenter: step.workCenter,
    });
  if (!(step.hoursPerUnit >= 0 && step.setupHours >= 0))
    throw new SupplyDataError(`Routing of ${product.sku} has negative hours on ${step.workCenter}`, {
      sku: product.sku,
      workCenter: step.workCenter,
    });
  return { center, hours: step.setupHours + step.hoursPerUnit * lot };
}

export function lotSize(product: Product, quantity: number): number {
  const multiple = product.lotMultiple && product.lotMultiple > 0 ? product.lotMultiple : 1;
  return Math.ceil(Math.max(product.lotMinimum ?? 0, quantity) / multiple) * multiple;
}

/** Supply grouped by SKU and work-center day, so each lookup touches only its own entries. */
interface SupplyIndex {
  readonly receiptsBySku: Map<string, SupplySnapshot['receipts'][number][]>;
  readonly reservationsBySku: Map<string, SupplySnapshot['stockReservations'][number][]>;
  /**
   * Each work center's holds, searched by bisection once sorted by day: a request indexes a fresh
   * snapshot, and a map per day (or a `center|day` key per hold) was most of what it allocated.
   * Sorted on first use (`holdsOf`): an order reaches a score of work centers but schedules on few,
   * and sorting them all was a third of a typical request.
   */
  readonly capacityByCenter: Map<string, CapacityReservation[]>;
  /** The work centers whose list in `capacityByCenter` is sorted already. */
  readonly sortedCenters: Set<string>;
  /** Profiles with nothing taken yet, by `start|orderId|sku`: see Planner.buildProfile. */
  readonly untouchedProfiles: Map<
    string,
    { profile: AtpProfile; receipts: SupplySnapshot['receipts'][number][] }
  >;
}

/**
 * A snapshot is read-only, so its index is shared: by every planner of the computation in
 * progress (`current`), and by every computation on a snapshot computed on more than once (a
 * re-check of many orders on one snapshot, the in-memory benchmark), indexed again on its second
 * computation and kept from then on. A request's own snapshot, used once, is
 * not kept in the WeakMap: the indexes kept there survived the minor collections that run during
 * later requests (`--trace-gc` on the benchmark: each scavenge left ~1.9 MB more heap and paused
 * ~3 ms, against ~1.1 MB and ~1.7 ms without them), and those pauses are the tail of a request.
 */
const sharedIndexes = new WeakMap<SupplySnapshot, SupplyIndex>();
const computedOnBefore = new WeakSet<SupplySnapshot>();
let current: { readonly snapshot: SupplySnapshot; readonly index: SupplyIndex } | undefined;

/** Ends the computation in progress: its index is kept only if its snapshot is shared (see above). */
export function releaseCurrentIndex(): void {
  current = undefined;
}

function indexOf(snapshot: SupplySnapshot): SupplyIndex {
  if (current?.snapshot === snapshot) return current.index;
  let index = sharedIndexes.get(snapshot);
  if (!index) {
    index = buildIndex(snapshot);
    if (computedOnBefore.has(snapshot)) sharedIndexes.set(snapshot, index);
    else computedOnBefore.add(snapshot);
  }
  current = { snapshot, index };
  return index;
}

function buildIndex(snapshot: SupplySnapshot): SupplyIndex {
  const index: SupplyIndex = {
    receiptsBySku: group(snapshot.receipts, (receipt) => receipt.sku),
    reservationsBySku: group(snapshot.stockReservations, (reservation) => reservation.sku),
    capacityByCenter: group(snapshot.capacityReservations, (reservation) => reservation.workCenter),
    sortedCenters: new Set(),
    untouchedProfiles: new Map(),
  };
  return index;
}

/** A shallow copy of a map, in its order: `new Map(map)` makes an array per entry to iterate it. */
function copyOf<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const copy = new Map<K, V>();
  map.forEach((value, key) => copy.set(key, value));
  return copy;
}

/** A work center's holds sorted by day (a stable sort: holds of one day keep the snapshot's order). */
function holdsOf(index: SupplyIndex, center: string): readonly CapacityReservation[] {
  const holds = index.capacityByCenter.get(center);
  if (!holds) return [];
  if (!index.sortedCenters.has(center)) {
    // group() made new lists, so sorting them leaves the snapshot as it was.
    sortByDay(holds);
    index.sortedCenters.add(center);
  }
  return holds;
}

/** Positions kept in the low bits of a sort key, below the day: lists longer are sorted as strings. */
const POSITION_BITS = 16;

/** A day written `YYYY-MM-DD` as the number YYYYMMDD; undefined for any other string. */
function dayAsNumber(date: string): number | undefined {
  if (typeof date !== 'string' || date.length !== 10) return undefined;
  let day = 0;
  for (let index = 0; index < 10; index += 1) {
    const code = date.charCodeAt(index);
    if (index === 4 || index === 7) {
      if (code !== 45) return undefined; // '-'
    } else if (code >= 48 && code <= 57) day = day * 10 + (code - 48);
    else return undefined;
  }
  return day;
}

/**
 * Sorts items by day, stably, in the order a comparison of their date strings gives. Comparing
 * strings was most of the sort, and the sort a fifth of a request, so `YYYY-MM-DD` days are sorted
 * as numbers (YYYYMMDD orders them as their strings do), each with its position below it to keep
 * the sort stable: 2-3 times faster. A list with any other date is sorted by its strings.
 */
function sortByDay<T extends { readonly date: IsoDate }>(items: T[]): void {
  const byString = (a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  if (items.length >= 2 ** POSITION_BITS) return void items.sort(byString);
  const keys = new Float64Array(items.length);
  for (let position = 0; position < items.length; position += 1) {
    const day = dayAsNumber((items[position] as T).date);
    if (day === undefined) return void items.sort(byString);
    keys[position] = day * 2 ** POSITION_BITS + position;
  }
  keys.sort();
  const unsorted = items.slice();
  for (let index = 0; index < keys.length; index += 1)
    items[index] = unsorted[(keys[index] as number) % 2 ** POSITION_BITS] as T;
}

export class Planner {
  protected readonly takenStock = new Map<string, Take[]>();
  protected readonly takenHours = new Map<string, number>();
  /** Every work center this computation has taken hours on, even if undone since. */
  protected readonly centersWithHours = new Set<string>();
  /** Every hour this computation scheduled, sub-assemblies included, in order: what a line must hold. */
  protected readonly scheduledHours: { workCenter: string; date: IsoDate; hours: number }[] = [];
  /** The supply path this computation planned, in order; undone with the plan it belongs to. */
  protected readonly steps: SupplyStep[] = [];
  protected readonly index: SupplyIndex;
  readonly horizonEnd: IsoDate;

  constructor(
    protected readonly snapshot: SupplySnapshot,
    protected readonly start: IsoDate,
    protected readonly orderId: string | undefined,
  ) {
    this.horizonEnd = addDays(start, snapshot.plant.horizonDays);
    this.index = indexOf(snapshot);
  }

  /** Hours other orders hold on a work-center day; the order being re-promised does not count its own. */
  protected reservedHours(center: string, date: IsoDate): number {
    const holds = holdsOf(this.index, center);
    let low = 0;
    let high = holds.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((holds[middle] as CapacityReservation).date < date) low = middle + 1;
      else high = middle;
    }
    let hours = 0;
    for (let index = low; index < holds.length && holds[index]?.date === date; index += 1) {
      const hold = holds[index] as CapacityReservation;
      if (hold.orderId !== this.orderId) hours += hold.hours;
    }
    return hours;
  }

  /**
   * Whether this computation holds stock of an item, or has taken hours on a work center, that a
   * product can reach through its BOM and routings. When it has not, the product is planned here
   * exactly as on a fresh planner: planning it reads only those holds (the rest of what this
   * computation keeps is appended to, or is a profile an untouched item has on any planner).
   */
  hasTouchedSupplyOf(product: Product): boolean {
    const visited = new Set<string>();
    const touched = (sku: string): boolean => {
      if (visited.has(sku)) return false;
      visited.add(sku);
      if (this.takenStock.has(sku)) return true;
      const reached = this.snapshot.products.get(sku);
      if (!reached) return false;
      for (const step of reached.routing) if (this.centersWithHours.has(step.workCenter)) return true;
      return reached.bom.some((line) => touched(line.sku));
    };
    return touched(product.sku);
  }

  product(sku: string): Product {
    const product = this.snapshot.products.get(sku);
    if (!product) throw new SupplyDataError(`Unknown SKU ${sku}`, { sku });
    return product;
  }

  /**
   * The last profile built for each SKU, with the list of takes it saw: take() and a checkpoint's
   * restore replace that list, so the same list means the same profile. Netting asks for a SKU's
   * profile several times between two takes.
   */
  protected readonly profiles = new Map<
    string,
    { takes: unknown; built: { profile: AtpProfile; receipts: SupplySnapshot['receipts'][number][] } }
  >();

  protected profile(sku: string) {
    const takes = this.takenStock.get(sku);
    const cached = this.profiles.get(sku);
    if (cached && cached.takes === takes) return cached.built;
    const built = this.buildProfile(sku);
    this.profiles.set(sku, { takes, built });
    return built;
  }

  protected buildProfile(sku: string) {
    const takes = this.takenStock.get(sku) ?? [];
    const key = `${this.start}|${this.orderId ?? ''}|${sku}`;
    // Before this computation takes any, a SKU's profile is the same for every computation from
    // the same day for the same order: planning an order's lines together builds it many times.
    const untouched = takes.length === 0 ? this.index.untouchedProfiles.get(key) : undefined;
    if (untouched) return untouched;
    const receipts = (this.index.receiptsBySku.get(sku) ?? []).filter(
      (receipt) => receipt.date <= this.horizonEnd,
    );
    const reservations = [
      ...(this.index.reservationsBySku.get(sku) ?? []).filter(
        (reservation) => reservation.orderId !== this.orderId,
      ),
      ...takes,
    ];
    const built = {
      profile: atpProfile(this.start, this.snapshot.onHand.get(sku) ?? 0, receipts, reservations),
      receipts,
    };
    if (takes.length === 0) {
      // Bounded like the calendar's caches: a long-lived snapshot re-checks many orders.
      if (this.index.untouchedProfiles.size > 50_000) this.index.untouchedProfiles.clear();
      this.index.untouchedProfiles.set(key, built);
    }
    return built;
  }

  /** Restores what this computation has taken so far to the state at the time of the call. */
  protected checkpoint(): () => void {
    // take() replaces a SKU's list instead of pushing to it, so copying the maps is enough; the
    // scheduled hours are copied, as a plan tried after this one overwrites their tail.
    const stock = copyOf(this.takenStock);
    const hours = copyOf(this.takenHours);
    const scheduled = [...this.scheduledHours];
    const steps = [...this.steps];
    return () => {
      this.steps.length = 0;
      this.steps.push(...steps);
      this.takenStock.clear();
      stock.forEach((takes, sku) => this.takenStock.set(sku, takes));
      this.takenHours.clear();
      hours.forEach((taken, key) => this.takenHours.set(key, taken));
      this.scheduledHours.length = 0;
      this.scheduledHours.push(...scheduled);
    };
  }

  /** A step of stock or of a receipt, from what set its date (fromStock's basis). */
  protected stockStep(sku: string, quantity: number, ready: Ready, level: number) {
    this.steps.push(this.stockStepFor(sku, quantity, ready, level));
  }

  protected stockStepFor(sku: string, quantity: number, ready: Ready, level: number): SupplyStep {
    const receipt = ready.basis.find((entry) => entry.kind === 'awaiting-receipt');
    return {
      sku,
      quantity,
      level,
      source:
        receipt?.kind === 'awaiting-receipt' ? { kind: 'receipt', ref: receipt.ref } : { kind: 'stock' },
      start: this.start,
      end: ready.date,
    };
  }

  protected purchaseStep(product: Product, quantity: number, date: IsoDate, level: number) {
    this.steps.push({
      sku: product.sku,
      quantity,
      level,
      source: { kind: 'purchase', leadTimeDays: product.purchaseLeadTimeDays ?? 0 },
      start: this.start,
      end: date,
    });
  }

  protected take(sku: string, quantity: number, date: IsoDate): Take {
    const take = { date, quantity };
    this.takenStock.set(sku, [...(this.takenStock.get(sku) ?? []), take]);
    return take;
  }

  /** When `quantity` of a stock item is free, and what set that date; undefined when not within the horizon. */
  protected fromStock(
    sku: string,
    quantity: number,
  ): (Ready & { partial?: { quantity: number; date: IsoDate } }) | undefined {
    const { profile, receipts } = this.profile(sku);
    const date = earliestDateFor(profile, quantity);
    if (!date) return undefined;
    if (date === this.start) return { date, basis: [{ kind: 'stock-available', sku, quantity, date }] };
    const freeNow = freeOn(profile, this.start);
    // The last receipt due by then (the first listed of that day), found without sorting a copy.
    let receipt: (typeof receipts)[number] | undefined;
    for (const candidate of receipts)
      if (candidate.date <= date && (!receipt || candidate.date > receipt.date)) receipt = candidate;
    const basis: BasisEntry[] = receipt
      ? [{ kind: 'awaiting-receipt', sku, shortQuantity: quantity - freeNow, ref: receipt.ref, date }]
      : [{ kind: 'stock-available', sku, quantity, date }];
    const earlyEnough = daysBetween(this.start, date) >= SPLIT_OFFER_MIN_DAYS;
    return {
      date,
      basis,
      ...(freeNow > 0 && earlyEnough ? { partial: { quantity: freeNow, date: this.start } } : {}),
    };
  }

  protected purchase(product: Product): Ready | undefined {
    if (product.purchaseLeadTimeDays === undefined) return undefined;
    const date = addBusinessDays(
      this.snapshot.plant.supplierCalendar,
      this.start,
      product.purchaseLeadTimeDays,
    );
    return {
      date,
      basis: [
        { kind: 'purchase-lead-time', sku: product.sku, leadTimeDays: product.purchaseLeadTimeDays, date },
      ],
    };
  }

  /** The date a required quantity of any item is ready at the plant, taking what it uses. */
  protected ready(
    product: Product,
    quantity: number,
    skus: Set<string>,
    workCenters: Set<string>,
    path: readonly string[],
  ): Ready {
    checkBomPath(product, path);
    skus.add(product.sku);
    const stock = this.earliestSourced(product, quantity);
    if (stock && (product.kind !== 'make' || stock.date === this.start)) {
      this.take(product.sku, quantity, stock.date);
      this.stockStep(product.sku, quantity, stock, path.length);
      return stock;
    }
    if (product.kind === 'make') {
      // What is free now is used now and only the rest is made, unless all of it comes from stock
      // (a production order, another order's lot) no later than that.
      const undo = stock ? this.checkpoint() : undefined;
      const freeNow = Math.min(freeOn(this.profile(product.sku).profile, this.start), quantity);
      if (freeNow > 0) {
        this.take(product.sku, freeNow, this.start);
        this.stockStep(product.sku, freeNow, { date: this.start, basis: [] }, path.length);
      }
      const made = this.makeNetted(product, quantity - freeNow, skus, workCenters, path).ready;
      if (!stock || !undo || made.date < stock.date) return made;
      undo();
      this.take(product.sku, quantity, stock.date);
      this.stockStep(product.sku, quantity, stock, path.length);
      return stock;
    }
    const bought = this.purchase(product);
    if (!bought) throw noSupplyPath(product.sku);
    this.buy(product, quantity, bought.date);
    this.purchaseStep(product, quantity, bought.date, path.length);
    return bought;
  }

  /**
   * Netting for a bought item: what stock lacks by the day a purchase would arrive is bought in
   * whole lots, and stock covers only what those lots leave (held on that day). Stock the lot makes
   * unnecessary stays free for others now rather than coming back as the lot's excess later; an
   * excess that remains is supply from that day, held as a negative quantity like a made lot's.
   */
  protected buy(product: Product, quantity: number, date: IsoDate) {
    const free = Math.min(freeOn(this.profile(product.sku).profile, date), quantity);
    // Callers buy only when stock falls short, but a lot minimum must never buy for nothing.
    const lot = free < quantity ? lotSize(product, quantity - free) : 0;
    const inStock = Math.max(0, quantity - lot);
    if (inStock > 0) this.take(product.sku, inStock, date);
    const excess = lot - (quantity - inStock);
    if (excess > 0) this.take(product.sku, -excess, date);
  }

  /** The holds this computation added since `before` (a copy of the taken stock), in order. */
  protected takenSince(before: ReadonlyMap<string, readonly { date: IsoDate; quantity: number }[]>) {
    const since: { sku: string; quantity: number; date: IsoDate }[] = [];
    this.takenStock.forEach((takes, sku) => {
      for (let index = before.get(sku)?.length ?? 0; index < takes.length; index += 1) {
        const take = takes[index] as Take;
        since.push({ sku, quantity: take.quantity, date: take.date });
      }
    });
    return since;
  }

  /**
   * Stock (on hand or a scheduled receipt) when it comes no later than buying anew would; a far-off
   * receipt never beats the supplier's lead time, so more supply can only make a date earlier.
   */
  protected earliestSourced(product: Product, quantity: number) {
    const stock = this.fromStock(product.sku, quantity);
    const bought = this.purchase(product);
    return stock && (!bought || stock.date <= bought.date) ? stock : undefined;
  }

  /**
   * Makes `quantity`, or less when stock arrives while it is being made (a production order, another
   * order's lot): for each day before making all of it would end on which more becomes free, that
   * much is taken and only the rest is made; the plan ready first wins. Every such day is tried, as
   * taking the most that ever arrives can wait longer than making one more unit. Stock free now is
   * the caller's to take first.
   */
  protected makeNetted(
    product: Product,
    quantity: number,
    skus: Set<string>,
    workCenters: Set<string>,
    path: readonly string[],
  ) {
    const profile = this.profile(product.sku).profile;
    const restore = this.checkpoint();
    let best = this.make(product, quantity, skus, workCenters, path);
    let keepBest: (() => void) | undefined;
    let taken = 0;
    for (let index = 0; index < profile.dates.length; index += 1) {
      const from = profile.dates[index] as IsoDate;
      if (from >= best.ready.date) break;
      // Keep one unit to make: stock for all of it by then is the caller's stock plan.
      const arriving = Math.min(profile.atp[index] ?? 0, quantity - 1);
      if (arriving <= taken) continue;
      taken = arriving;
      // The same lot would be made for the rest: no sooner than the whole, and not worth a plan.
      if (lotSize(product, quantity - arriving) === lotSize(product, quantity)) continue;
      keepBest ??= this.checkpoint();
      restore();
      this.take(product.sku, arriving, from);
      this.steps.push({
        sku: product.sku,
        quantity: arriving,
        level: path.length,
        source: { kind: 'stock' },
        start: this.start,
        end: from,
      });
      const rest = this.make(product, quantity - arriving, skus, workCenters, path);
      const date = from > rest.ready.date ? from : rest.ready.date;
      if (date < best.ready.date) {
        const basis: BasisEntry[] =
          from > rest.ready.date
            ? [
                ...rest.ready.basis,
                { kind: 'stock-available', sku: product.sku, quantity: arriving, date: from },
              ]
            : rest.ready.basis;
        best = { ready: { date, basis }, capacity: rest.capacity };
        keepBest = this.checkpoint();
      }
    }
    keepBest?.();
    return best;
  }

  /** CTP: components ready (latest of them), then the routing scheduled forward on free capacity. */
  protected make(
    product: Product,
    quantity: number,
    skus: Set<string>,
    workCenters: Set<string>,
    path: readonly string[],
  ) {
    const lot = lotSize(product, quantity);
    const components = product.bom.map((line) => {
      checkBomLine(product, line);
      const component = this.product(line.sku);
      // The gross need: the component's own lot applies later, to what its stock lacks.
      return this.ready(component, line.quantityPer * lot, skus, workCenters, [...path, product.sku]);
    });
    const material = components.reduce<Ready>((a, b) => (b.date > a.date ? b : a), {
      date: this.start,
      basis: [],
    });
    const materialReady: BasisEntry = { kind: 'material-ready', sku: product.sku, date: material.date };
    let day = onOrNextWorkingDay(this.snapshot.plant.plantCalendar, material.date);
    const capacity: { workCenter: string; date: IsoDate; hours: number }[] = [];
    const basis: BasisEntry[] = [...material.basis, materialReady];
    // The step that took the most working days is where capacity holds production back.
    let bottleneck: { workCenter: string; days: number } | undefined;
    for (const step of product.routing) {
      const { center, hours } = routingStep(this.snapshot.workCenters, product, step, lot);
      workCenters.add(center.id);
      const scheduled = this.schedule(center, hours, day);
      capacity.push(...scheduled.used);
      const days = new Set(scheduled.used.map((used) => used.date)).size;
      if (!bottleneck || days >= bottleneck.days) bottleneck = { workCenter: center.id, days };
      this.steps.push({
        sku: product.sku,
        quantity: lot,
        level: path.length,
        source: { kind: 'production', workCenter: center.id, hours },
        start: scheduled.used[0]?.date ?? day,
        end: scheduled.end,
      });
      if (scheduled.fullUntil)
        basis.push({
          kind: 'capacity',
          workCenter: center.id,
          fullUntil: scheduled.fullUntil,
          date: scheduled.end,
        });
      day = scheduled.end;
    }
    // Named so sales see where the days go when capacity (not material) sets the date.
    basis.push({
      kind: 'production-complete',
      sku: product.sku,
      date: day,
      ...(bottleneck
        ? {
            workCenter: bottleneck.workCenter,
            productionDays: new Set(capacity.map((used) => used.date)).size,
          }
        : {}),
    });
    // What the lot makes beyond the need is supply from the day production ends: held as a
    // negative quantity, it counts as a receipt for the other lines and, once reserved, for other
    // orders; releasing the order withdraws it with the lot.
    if (lot > quantity) this.take(product.sku, -(lot - quantity), day);
    return { ready: { date: day, basis }, capacity };
  }

  protected hoursOn(center: WorkCenter, date: IsoDate): number {
    return capacityHoursOn(center, this.snapshot.plant.plantCalendar, date);
  }

  /** Forward scheduling on free capacity (capacity − reservations − this order), skipping days with none. */
  protected schedule(center: WorkCenter, hours: number, from: IsoDate) {
    const used: { workCenter: string; date: IsoDate; hours: number }[] = [];
    let remaining = hours;
    let day = from;
    let fullUntil: IsoDate | undefined;
    const limit = addDays(this.horizonEnd, this.snapshot.plant.horizonDays);
    while (remaining > 1e-9) {
      if (day > limit)
        throw new SupplyDataError(`Work center ${center.id} has no free capacity within the horizon`, {
          workCenter: center.id,
        });
      const key = `${center.id}|${day}`;
      const reserved = this.reservedHours(center.id, day);
      const free = this.hoursOn(center, day) - reserved - (this.takenHours.get(key) ?? 0);
      if (free > 1e-9) {
        const take = Math.min(free, remaining);
        used.push({ workCenter: center.id, date: day, hours: take });
        this.scheduledHours.push({ workCenter: center.id, date: day, hours: take });
        this.takenHours.set(key, (this.takenHours.get(key) ?? 0) + take);
        this.centersWithHours.add(center.id);
        remaining -= take;
      } else if (this.hoursOn(center, day) > 0 && used.length === 0) {
        fullUntil = day;
      }
      if (remaining > 1e-9) day = addDays(day, 1);
    }
    return { used, end: day, ...(fullUntil ? { fullUntil } : {}) };
  }

  /**
   * Shipping part of a line early takes those units early: with split deliveries accepted they are
   * held on the day they leave, or another order could be promised units that are already gone.
   */
  protected holds(sku: string, quantity: number, date: IsoDate, early: { quantity: number } | undefined) {
    const holds = early
      ? [
          { sku, quantity: early.quantity, date: this.start },
          { sku, quantity: quantity - early.quantity, date },
        ]
      : [{ sku, quantity, date }];
    for (const hold of holds) if (hold.quantity > 0) this.take(hold.sku, hold.quantity, hold.date);
    return holds.filter((hold) => hold.quantity > 0);
  }

  promiseLine(
    product: Product,
    quantity: number,
    skus: Set<string>,
    workCenters: Set<string>,
    splitAccepted = false,
  ): LinePlan {
    skus.add(product.sku);
    const stepsBefore = this.steps.length;
    const path = () => this.steps.slice(stepsBefore);
    const stock = this.earliestSourced(product, quantity);
    const fromStock = (ready: NonNullable<typeof stock>): LinePlan => {
      const held = this.holds(product.sku, quantity, ready.date, splitAccepted ? ready.partial : undefined);
      if (ready.partial) {
        this.stockStep(product.sku, ready.partial.quantity, { date: this.start, basis: [] }, 0);
        this.stockStep(product.sku, quantity - ready.partial.quantity, ready, 0);
      } else this.stockStep(product.sku, quantity, ready, 0);
      return {
        method: 'ATP' as const,
        ready,
        ...(ready.partial ? { partial: ready.partial } : {}),
        stock: held,
        capacity: [],
        supplyPath: path(),
      };
    };
    if (stock && (product.kind === 'stock' || stock.date === this.start)) return fromStock(stock);
    if (product.kind === 'make') {
      // Stock that comes later (a production order, another order's lot) may still beat making
      // anew: plan the making, and undo it if the stock is ready no later.
      const undo = stock ? this.checkpoint() : undefined;
      // Finished goods in stock now are taken now and only the rest is made; with split deliveries
      // accepted they also leave now.
      const freeNow = Math.min(freeOn(this.profile(product.sku).profile, this.start), quantity - 1);
      const early = freeNow > 0 ? this.holds(product.sku, freeNow, this.start, undefined) : [];
      if (early.length) this.stockStep(product.sku, freeNow, { date: this.start, basis: [] }, 0);
      const before = copyOf(this.takenStock);
      const hoursBefore = this.scheduledHours.length;
      const made = this.makeNetted(product, quantity - (early.length ? freeNow : 0), skus, workCenters, []);
      if (stock && undo && stock.date <= made.ready.date) {
        undo();
        return fromStock(stock);
      }
      const stockUsed = this.takenSince(before);
      const partial =
        freeNow > 0 && daysBetween(this.start, made.ready.date) >= SPLIT_OFFER_MIN_DAYS
          ? { quantity: freeNow, date: this.start }
          : undefined;
      return {
        method: 'CTP' as const,
        ready: made.ready,
        ...(partial ? { partial } : {}),
        stock: [...early, ...stockUsed],
        // Includes the hours of components made for this line, not only the top-level routing.
        capacity: this.scheduledHours.slice(hoursBefore),
        supplyPath: path(),
      };
    }
    const bought = this.purchase(product);
    if (!bought) throw noSupplyPath(product.sku);
    // The whole quantity waits for the supplier, but what is free now can still go ahead; only what
    // stock lacks on the day the purchase arrives is bought.
    const freeNow = Math.min(freeOn(this.profile(product.sku).profile, this.start), quantity - 1);
    const partial =
      freeNow > 0 && daysBetween(this.start, bought.date) >= SPLIT_OFFER_MIN_DAYS
        ? { quantity: freeNow, date: this.start }
        : undefined;
    const early =
      partial && splitAccepted ? this.holds(product.sku, partial.quantity, this.start, undefined) : [];
    if (early.length) this.stockStep(product.sku, freeNow, { date: this.start, basis: [] }, 0);
    const before = copyOf(this.takenStock);
    this.buy(product, quantity - (early.length ? freeNow : 0), bought.date);
    this.purchaseStep(product, quantity - (early.length ? freeNow : 0), bought.date, 0);
    return {
      method: 'ATP' as const,
      ready: bought,
      ...(partial ? { partial } : {}),
      stock: [...early, ...this.takenSince(before)],
      capacity: [],
      supplyPath: path(),
    };
  }
}
