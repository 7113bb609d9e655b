/**
 * The world a simulation runs in, drawn once from the seed so that every policy meets the same
 * demand and the same disruptions: order arrivals (seasonality, bursts), customers in tiers, each
 * order's requested date, and what will go wrong (a late supplier, lost units, a late carrier,
 * work-center breakdowns). Every draw is keyed by what it is about (order number, work center),
 * so a policy that plans differently still meets the same world.
 */
import { addBusinessDays, addDays, isWorkingDay } from '../functions/domain/promise/calendar.ts';
import type { IsoDate, WorkCenter } from '../functions/domain/promise/types.ts';
import { generateCatalogue, seededRandom, type Random } from '../test/bench/catalogue.ts';
import { PlantWorld } from './world.ts';

/** The disruption profile; the default is the one issue 14 fixes so the goal cannot be met by a gentler world. */
export interface DisruptionProfile {
  readonly supplierLateShare: number;
  readonly supplierLateMeanDays: number;
  readonly supplierLateMaxDays: number;
  /** Business days before the planned arrival that a supplier announces lateness, drawn from 0 to this. */
  readonly supplierNoticeMaxDays: number;
  readonly breakdownEveryWorkingDays: number;
  readonly breakdownMaxDays: number;
  readonly shipmentLateShare: number;
  readonly shipmentLateMaxDays: number;
  readonly yieldLoss: number;
  readonly seasonality: number;
  readonly burstFactor: number;
  readonly targetUtilisation: number;
}

export const DEFAULT_PROFILE: DisruptionProfile = {
  supplierLateShare: 0.2,
  supplierLateMeanDays: 3,
  supplierLateMaxDays: 10,
  supplierNoticeMaxDays: 5,
  breakdownEveryWorkingDays: 60,
  breakdownMaxDays: 3,
  shipmentLateShare: 0.1,
  shipmentLateMaxDays: 2,
  yieldLoss: 0.03,
  seasonality: 0.3,
  burstFactor: 3,
  targetUtilisation: 0.8,
};

export type Tier = 'A' | 'B' | 'C';

export interface DemandOrder {
  readonly index: number;
  readonly day: IsoDate;
  /** Instant the inquiry arrives (UTC), within the plant's working hours. */
  readonly at: string;
  readonly customerId: string;
  readonly tier: Tier;
  readonly region: string;
  readonly sku: string;
  readonly quantity: number;
  readonly requestedDate: IsoDate;
  readonly makeToOrder: boolean;
  /** False for orders of the warm-up, which run like the others but are not counted. */
  readonly measured: boolean;
  /** What goes wrong for this order, if its plan gives it the chance. */
  readonly supplierLateDays: number;
  readonly supplierNoticeDays: number;
  readonly lostUnits: number;
  readonly shipmentLateDays: number;
}

export interface Breakdown {
  readonly workCenter: string;
  readonly days: readonly IsoDate[];
}

export interface Scenario {
  readonly seed: number;
  readonly profile: DisruptionProfile;
  readonly start: IsoDate;
  /** The first measured day (after the warm-up). */
  readonly measuredFrom: IsoDate;
  readonly workingDays: readonly IsoDate[];
  readonly orders: readonly DemandOrder[];
  readonly breakdowns: ReadonlyMap<IsoDate, readonly Breakdown[]>;
  readonly makeWorld: () => PlantWorld;
  /** Hours of capacity per working day over all work centers, as sized for the demand. */
  readonly capacityScale: number;
}

/** A random source for one keyed question, independent of every other question asked. */
export function keyed(seed: number, key: string): Random {
  let hash = 2166136261 ^ seed;
  for (let index = 0; index < key.length; index += 1)
    hash = Math.imul(hash ^ key.charCodeAt(index), 16777619);
  return seededRandom(hash >>> 0);
}

function geometric(random: Random, mean: number, max: number): number {
  const p = 1 / mean;
  for (;;) {
    const draw = 1 + Math.floor(Math.log(1 - random.next()) / Math.log(1 - p));
    if (draw <= max) return draw;
  }
}

function binomial(random: Random, trials: number, p: number): number {
  let count = 0;
  for (let trial = 0; trial < trials; trial += 1) if (random.next() < p) count += 1;
  return count;
}

export interface ScenarioOptions {
  readonly seed: number;
  readonly orders: number;
  readonly days: number;
  /** Days simulated before the measured ones (default none). */
  readonly warmupDays?: number;
  readonly profile?: DisruptionProfile;
}

export function buildScenario(options: ScenarioOptions): Scenario {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const catalogue = generateCatalogue(options.seed, {
    skus: 400,
    workCenters: 12,
    receipts: 0,
    stockReservations: 0,
    capacityReservations: 0,
    horizonDays: 365,
  });
  const { snapshot } = catalogue;
  const calendar = snapshot.plant.plantCalendar;
  // A warm-up before the measured year fills the plant's queues and the reliability history, as a
  // plant that has been running would have them; its orders are simulated but not counted.
  const warmupDays = options.warmupDays ?? 0;
  const measuredFrom = catalogue.today;
  const start = addDays(measuredFrom, -warmupDays);
  const workingDays: IsoDate[] = [];
  for (let offset = 0; offset < options.days + warmupDays; offset += 1) {
    const day = addDays(start, offset);
    if (isWorkingDay(calendar, day)) workingDays.push(day);
  }

  // Make-to-order: finished goods one level deep at most, so an order is days, not months, of work.
  const products = snapshot.products;
  const madeSellable = (catalogue.levels[0] ?? []).filter((sku) =>
    (products.get(sku)?.bom ?? []).every(
      (line) =>
        products.get(line.sku)?.kind !== 'make' ||
        (products.get(line.sku)?.bom ?? []).every((below) => products.get(below.sku)?.kind !== 'make'),
    ),
  );
  const stockSellable = catalogue.bought.slice(0, Math.round(catalogue.bought.length / 3));

  // Demand: ±seasonality over the year and two one-week bursts; orders placed by weight on working days.
  const demand = keyed(options.seed, 'demand');
  const burstStarts = [Math.floor(workingDays.length * 0.3), Math.floor(workingDays.length * 0.7)];
  const weights = workingDays.map((_, index) => {
    const season = 1 + profile.seasonality * Math.sin((2 * Math.PI * index) / workingDays.length);
    const burst = burstStarts.some((first) => index >= first && index < first + 5) ? profile.burstFactor : 1;
    return season * burst;
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, weight, index) => (cumulative[index] = sum + weight / total), 0);
  const customers = Array.from({ length: 200 }, (_, index) => ({
    customerId: `cust-${String(index).padStart(3, '0')}`,
    tier: (index < 40 ? 'A' : index < 100 ? 'B' : 'C') as Tier,
    region: catalogue.regions[index % catalogue.regions.length] as string,
  }));
  const measuredWorkingDays = workingDays.filter((day) => day >= measuredFrom).length;
  const orderCount = Math.round((options.orders * workingDays.length) / measuredWorkingDays);
  const arrivals = Array.from({ length: orderCount }, () => {
    const draw = demand.next();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < draw) low = mid + 1;
      else high = mid;
    }
    return { dayIndex: low, minute: demand.int(0, 7 * 60 - 1) };
  });
  arrivals.sort((a, b) => a.dayIndex - b.dayIndex || a.minute - b.minute);

  const orders: DemandOrder[] = arrivals.map((arrival, index) => {
    const random = keyed(options.seed, `order-${index}`);
    const customer = random.pick(customers);
    const makeToOrder = random.next() < 0.5;
    const sku = makeToOrder ? random.pick(madeSellable) : random.pick(stockSellable);
    const quantity = makeToOrder ? random.int(1, 6) : random.int(1, 20);
    const day = workingDays[arrival.dayIndex] as IsoDate;
    const at = new Date(Date.parse(`${day}T07:00:00Z`) + arrival.minute * 60_000).toISOString();
    const wanted = makeToOrder ? random.int(15, 45) : random.int(5, 20);
    const disruption = keyed(options.seed, `disruption-${index}`);
    const supplierLate = disruption.next() < profile.supplierLateShare;
    return {
      index,
      day,
      at,
      customerId: customer.customerId,
      tier: customer.tier,
      region: customer.region,
      sku,
      quantity,
      requestedDate: addBusinessDays(calendar, day, wanted),
      makeToOrder,
      measured: day >= measuredFrom,
      supplierLateDays: supplierLate
        ? geometric(disruption, profile.supplierLateMeanDays, profile.supplierLateMaxDays)
        : 0,
      supplierNoticeDays: disruption.int(0, profile.supplierNoticeMaxDays),
      lostUnits: makeToOrder ? binomial(disruption, quantity, profile.yieldLoss) : 0,
      shipmentLateDays:
        disruption.next() < profile.shipmentLateShare ? disruption.int(1, profile.shipmentLateMaxDays) : 0,
    };
  });

  // Each work center sized so that the demand's hours fill the target share of it on average
  // (assuming nothing comes from stock, which the run then measures).
  const demandHours = new Map<string, number>();
  const addHours = (sku: string, quantity: number, depth = 0) => {
    const product = products.get(sku);
    if (!product || product.kind !== 'make' || depth > 20) return;
    for (const step of product.routing)
      demandHours.set(
        step.workCenter,
        (demandHours.get(step.workCenter) ?? 0) + quantity * step.hoursPerUnit + step.setupHours,
      );
    for (const line of product.bom) addHours(line.sku, quantity * line.quantityPer, depth + 1);
  };
  for (const order of orders) if (order.makeToOrder) addHours(order.sku, order.quantity);
  const centers = [...snapshot.workCenters.values()];
  const scaled: WorkCenter[] = centers
    .map((center) => {
      const daily = (demandHours.get(center.id) ?? 0) / workingDays.length / profile.targetUtilisation;
      return {
        id: center.id,
        hoursByWeekday: { 1: daily, 2: daily, 3: daily, 4: daily, 5: daily },
        exceptions: {},
      };
    })
    .filter((center) => (center.hoursByWeekday[1] ?? 0) > 0);
  const capacityScale = scaled.reduce((sum, center) => sum + (center.hoursByWeekday[1] ?? 0), 0);

  const breakdowns = new Map<IsoDate, Breakdown[]>();
  for (const center of scaled) {
    const random = keyed(options.seed, `breakdown-${center.id}`);
    for (let index = 0; index < workingDays.length; index += 1) {
      if (random.next() >= 1 / profile.breakdownEveryWorkingDays) continue;
      const length = random.int(1, profile.breakdownMaxDays);
      const days = workingDays.slice(index, index + length);
      const first = days[0] as IsoDate;
      breakdowns.set(first, [...(breakdowns.get(first) ?? []), { workCenter: center.id, days }]);
      index += length;
    }
  }

  // Made items are made to order: only bought parts start in stock.
  const initialStock = new Map([...snapshot.onHand].filter(([sku]) => products.get(sku)?.kind !== 'make'));
  return {
    seed: options.seed,
    profile,
    start,
    measuredFrom,
    workingDays,
    orders,
    breakdowns,
    capacityScale,
    makeWorld: () =>
      new PlantWorld(
        snapshot.plant,
        products,
        new Map(scaled.map((center) => [center.id, center])),
        snapshot.transitDays,
        initialStock,
      ),
  };
}
