/**
 * A seeded generator for a realistic catalogue, shared by the in-memory and DynamoDB benchmarks of
 * the promise engine (issue 5, "Speed"): 10,000 SKUs with BOMs up to 5 levels deep, 50 work centers,
 * a 365-day horizon, 100,000 scheduled receipts and 20,000 open reservations (16,000 of stock,
 * 4,000 of capacity). The same seed gives the same catalogue, so runs are comparable.
 *
 * Shape: levels L0 (sold finished goods) to L4 are made; RAW items are bought. A made item at level
 * L has one to three components, each a made item of level L+1 with probability 0.4 or a bought
 * item otherwise, so the deepest BOM is L0 > L1 > L2 > L3 > L4 > RAW (5 levels) while a typical
 * order touches tens of SKUs, not hundreds. Some made items also sit in stock (finished-goods stock).
 */
import type {
  CapacityReservation,
  IsoDate,
  PlantSettings,
  Product,
  PromiseRequest,
  ScheduledReceipt,
  StockReservation,
  SupplySnapshot,
  WorkCenter,
} from '../../functions/domain/promise/types.ts';

export interface CatalogueSize {
  readonly skus: number;
  readonly workCenters: number;
  readonly receipts: number;
  readonly stockReservations: number;
  readonly capacityReservations: number;
  readonly horizonDays: number;
}

export const FULL_SIZE: CatalogueSize = {
  skus: 10_000,
  workCenters: 50,
  receipts: 100_000,
  stockReservations: 16_000,
  capacityReservations: 4_000,
  horizonDays: 365,
};

export interface Catalogue {
  /** Monday 08:00 in the plant (Europe/Berlin, 07:00 UTC), before the 16:00 cut-off. */
  readonly now: Date;
  /** The plant's "today" for `now`, the first day of the horizon. */
  readonly today: IsoDate;
  readonly snapshot: SupplySnapshot;
  /** SKUs sold to customers: finished goods (made) and spare parts (bought, kept in stock). */
  readonly sellable: readonly string[];
  /** Made SKUs by level, L0 first. */
  readonly levels: readonly (readonly string[])[];
  readonly bought: readonly string[];
  readonly regions: readonly string[];
  /** A seeded random source continuing from the generator, for drawing orders. */
  readonly random: Random;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast and good enough for test data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (!items.length) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

const NOW = new Date('2026-11-23T07:00:00Z');
const TODAY = '2026-11-23';
const DAY_MS = 86_400_000;
const day = (offset: number): IsoDate =>
  new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

/** German public holidays in the horizon: what a plant near Stuttgart closes for. */
const HOLIDAYS = [
  '2026-12-24',
  '2026-12-25',
  '2026-12-26',
  '2026-12-31',
  '2027-01-01',
  '2027-01-06',
  '2027-03-26',
  '2027-03-29',
  '2027-05-01',
  '2027-05-06',
  '2027-05-17',
  '2027-05-27',
  '2027-10-03',
  '2027-11-01',
];

export const CATALOGUE_PLANT: PlantSettings = {
  timeZone: 'Europe/Berlin',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: HOLIDAYS },
  shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-12-25', '2027-01-01'] },
  supplierCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-12-25', '2027-01-01'] },
};

const padded = (prefix: string, index: number) => `${prefix}-${String(index).padStart(5, '0')}`;

/** Generates the catalogue for a seed; `size` scales it down for quick runs. */
export function generateCatalogue(seed: number, size: CatalogueSize = FULL_SIZE): Catalogue {
  const random = seededRandom(seed);
  const { int, pick, next } = random;

  const centers: WorkCenter[] = Array.from({ length: size.workCenters }, (_, index) => {
    const hours = pick([8, 8, 16, 16, 24]);
    return {
      id: padded('WC', index + 1),
      hoursByWeekday: { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, ...(hours > 8 ? { 6: 8 } : {}) },
      // Maintenance shutdowns and year-end overtime replace the weekday figure.
      exceptions: { [day(int(10, 300))]: 0, '2026-12-30': hours + 4 },
    };
  });

  // 40% bought, 60% made over five levels, fewer at the top (finished goods) than below.
  const boughtCount = Math.round(size.skus * 0.4);
  const madeShares = [0.1, 0.15, 0.2, 0.25, 0.3];
  const madeCount = size.skus - boughtCount;
  const bought = Array.from({ length: boughtCount }, (_, index) => padded('RAW', index));
  const levels = madeShares.map((share, level) =>
    Array.from({ length: Math.max(1, Math.round(madeCount * share)) }, (_, index) =>
      padded(`L${level}`, index),
    ),
  );

  const products: Product[] = bought.map((sku) => ({
    sku,
    name: `Part ${sku}`,
    kind: 'stock',
    bom: [],
    routing: [],
    purchaseLeadTimeDays: int(5, 40),
    unitPrice: int(1, 200),
    ...(next() < 0.2 ? { lotMultiple: pick([10, 25, 50]) } : {}),
    ...(next() < 0.1 ? { lotMinimum: pick([100, 250]) } : {}),
  }));
  for (const [level, skus] of levels.entries()) {
    const below = levels[level + 1];
    for (const sku of skus) {
      const components = new Map<string, number>();
      for (let count = int(1, 3); count > 0; count -= 1)
        components.set(below && next() < 0.4 ? pick(below) : pick(bought), int(1, 4));
      products.push({
        sku,
        name: `Assembly ${sku}`,
        kind: 'make',
        bom: [...components].map(([component, quantityPer]) => ({ sku: component, quantityPer })),
        routing: Array.from({ length: int(1, 3) }, () => ({
          workCenter: pick(centers).id,
          hoursPerUnit: int(1, 20) / 100,
          setupHours: int(0, 2) / 2,
        })),
        unitPrice: int(100, 5_000),
        ...(next() < 0.1 ? { lotMultiple: pick([5, 10]) } : {}),
      });
    }
  }

  const onHand = new Map<string, number>();
  for (const product of products)
    if (product.kind === 'stock' || next() < 0.3) onHand.set(product.sku, int(0, 400));

  // Purchase orders for bought items (four in five receipts), production orders for made ones.
  const made = levels.flat();
  const receipts: ScheduledReceipt[] = Array.from({ length: size.receipts }, (_, index) => {
    const isPurchase = next() < 0.8;
    return {
      sku: isPurchase ? pick(bought) : pick(made),
      quantity: int(10, 500),
      date: day(int(1, size.horizonDays)),
      ref: `${isPurchase ? 'PO' : 'MO'}-${index}`,
    };
  });
  const stockReservations: StockReservation[] = Array.from(
    { length: size.stockReservations },
    (_, index) => ({
      orderId: `open-${index}`,
      sku: next() < 0.7 ? pick(bought) : pick(made),
      quantity: int(1, 30),
      date: day(int(0, 200)),
    }),
  );
  const capacityReservations: CapacityReservation[] = Array.from(
    { length: size.capacityReservations },
    (_, index) => ({
      orderId: `open-${size.stockReservations + index}`,
      workCenter: pick(centers).id,
      date: day(int(0, 120)),
      hours: int(1, 8),
    }),
  );
  const regions = ['DE', 'EU', 'US', 'APAC'];
  const snapshot: SupplySnapshot = {
    plant: { ...CATALOGUE_PLANT, horizonDays: size.horizonDays },
    products: new Map(products.map((product) => [product.sku, product])),
    onHand,
    receipts,
    stockReservations,
    workCenters: new Map(centers.map((center) => [center.id, center])),
    capacityReservations,
    transitDays: new Map([
      ['DE', 1],
      ['EU', 3],
      ['US', 7],
      ['APAC', 10],
    ]),
  };
  const spares = bought.slice(0, Math.round(bought.length / 3));
  return {
    now: NOW,
    today: TODAY,
    snapshot,
    sellable: [...(levels[0] ?? []), ...(levels[1] ?? []), ...spares],
    levels,
    bought,
    regions,
    random,
  };
}

/** An order of `lines` distinct sellable SKUs, drawn from the catalogue's own random source. */
export function drawOrder(catalogue: Catalogue, lines = 10): PromiseRequest {
  const { int, pick, next } = catalogue.random;
  const skus = new Set<string>();
  while (skus.size < lines) skus.add(pick(catalogue.sellable));
  return {
    region: pick(catalogue.regions),
    lines: [...skus].map((sku) => ({ sku, quantity: int(1, 20) })),
    acceptsSplitDelivery: next() < 0.3,
  };
}
