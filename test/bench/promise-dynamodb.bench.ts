/**
 * The promise engine with its DynamoDB reads and writes, on a realistic catalogue in DynamoDB Local
 * (spawned here, in memory): 10,000 SKUs with BOMs up to 5 levels deep, 50 work centers, a 365-day
 * horizon, 100,000 scheduled receipts and 20,000 open holds of stock and capacity.
 *
 * Measures (issue 5, "Speed"):
 * - a 10-line order checked end to end: snapshot of only its partitions, then the computation
 *   (checkPromise), p50/p95/p99 over many orders; target p99 < 50 ms;
 * - one supply change that touches 1,000 open (reserved) orders: the change stored, every order
 *   found through GSI3, re-promised and stored (repromiseDependents); target < 10 s.
 *
 * The catalogue comes from a seeded generator, so every run loads the same data.
 */
import { cpus, loadavg } from 'node:os';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../functions/adapters/dynamodb/client.ts';
import { productItem } from '../../functions/adapters/dynamodb/entities/product.ts';
import {
  holdAttribute,
  receiptAttribute,
  stockKey,
} from '../../functions/adapters/dynamodb/entities/supply.ts';
import { transitKey } from '../../functions/adapters/dynamodb/entities/transit.ts';
import { calendarKey, PLANT_KEY } from '../../functions/adapters/dynamodb/entities/work-center.ts';
import {
  applySupplyUpdate,
  loadSnapshot,
  mapWithLimit,
} from '../../functions/adapters/dynamodb/supply-repository.ts';
import { computePromise } from '../../functions/domain/promise/index.ts';
import type { PlantSettings, Product, PromiseRequest } from '../../functions/domain/promise/types.ts';
import {
  checkPromise,
  quoteOrder,
  repromiseDependents,
  reserveForOrder,
} from '../../functions/usecases/promise/index.ts';
import { ensureTable, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { ms, percentile, type BenchTable } from './table.ts';

const NOW = new Date('2026-11-23T08:00:00Z');
const TODAY = Date.parse('2026-11-23T00:00:00Z');
const WORK_CENTERS = 50;
const RECEIPTS = 100_000;
const HOLDS = 20_000;
const ORDERS_MEASURED = 300;
const WARM_UP = 30;
const OPEN_ORDERS = 1_000;

/** Small, fast, seeded PRNG (mulberry32): the same catalogue on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(20261123);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const day = (offset: number) => new Date(TODAY + offset * 86_400_000).toISOString().slice(0, 10);

const PLANT: PlantSettings = {
  timeZone: 'Europe/Berlin',
  dailyCutoff: '16:00',
  horizonDays: 365,
  plantCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-12-24', '2026-12-25', '2027-01-01'] },
  shippingCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-12-25', '2027-01-01'] },
  supplierCalendar: { workingWeekdays: [1, 2, 3, 4, 5], holidays: ['2026-12-25', '2027-01-01'] },
};

interface Catalogue {
  readonly items: Record<string, unknown>[];
  /** Items written: products, stock (with receipts and holds), calendars, settings. */
  readonly raw: readonly string[];
  /** Products sold to customers: finished goods (made) and spare parts (stock). */
  readonly sellable: readonly string[];
}

/**
 * 6,000 bought items and 4,000 made ones on four levels (L1 sold, L4 lowest). A made item has one to
 * three components, each from the next level down with probability 0.4, else bought: BOMs reach
 * five levels (L1 > L2 > L3 > L4 > bought) without every order touching hundreds of SKUs.
 */
function generateCatalogue(): Catalogue {
  const items: Record<string, unknown>[] = [];
  const centers = Array.from(
    { length: WORK_CENTERS },
    (_, index) => `WC-${String(index + 1).padStart(2, '0')}`,
  );
  const calendars = new Map<string, Record<string, unknown>>(
    centers.map((id) => [
      id,
      {
        ...calendarKey(id),
        entity: 'CALENDAR',
        hoursByWeekday: { 1: 16, 2: 16, 3: 16, 4: 16, 5: 16 },
        exceptions: { '2026-12-24': 0, '2026-12-31': 8 },
        allocVersion: 0,
      },
    ]),
  );
  items.push({ ...PLANT_KEY, entity: 'PLANT', ...PLANT });
  for (const [region, days] of [
    ['EU', 2],
    ['US', 6],
    ['APAC', 9],
  ] as const)
    items.push({ ...transitKey(region), entity: 'TRANSIT', region, days });

  const raw = Array.from({ length: 6_000 }, (_, index) => `RAW-${String(index).padStart(4, '0')}`);
  const levels = [500, 700, 1_200, 1_600].map((count, level) =>
    Array.from({ length: count }, (_, index) => `L${level + 1}-${String(index).padStart(4, '0')}`),
  );
  const products: Product[] = raw.map((sku) => ({
    sku,
    name: sku,
    kind: 'stock',
    bom: [],
    routing: [],
    purchaseLeadTimeDays: int(5, 30),
    unitPrice: int(1, 200),
    ...(rand() < 0.2 ? { lotMultiple: pick([10, 25, 50]) } : {}),
  }));
  for (const [level, skus] of levels.entries()) {
    const below = levels[level + 1];
    for (const sku of skus) {
      const components = new Map<string, number>();
      for (let count = int(1, 3); count > 0; count -= 1)
        components.set(below && rand() < 0.4 ? pick(below) : pick(raw), int(1, 4));
      products.push({
        sku,
        name: sku,
        kind: 'make',
        bom: [...components].map(([component, quantityPer]) => ({ sku: component, quantityPer })),
        routing: Array.from({ length: int(1, 3) }, () => ({
          workCenter: pick(centers),
          hoursPerUnit: int(1, 20) / 100,
          setupHours: int(0, 2) / 2,
        })),
        unitPrice: int(100, 5_000),
      });
    }
  }
  const stock = new Map<string, Record<string, unknown>>();
  for (const product of products) {
    items.push(productItem(product));
    const onHand = product.kind === 'stock' || rand() < 0.3 ? int(0, 400) : 0;
    stock.set(product.sku, { ...stockKey(product.sku), entity: 'STOCK', onHand, allocVersion: 0 });
  }
  const supplied = [...raw, ...raw, ...raw, ...raw, ...levels.flat()];
  for (let index = 0; index < RECEIPTS; index += 1) {
    const sku = pick(supplied);
    const date = day(int(1, 365));
    const ref = `${sku.startsWith('RAW') ? 'PO' : 'MO'}-${index}`;
    const receipt = { sku, quantity: int(10, 500), date, ref };
    Object.assign(stock.get(sku) ?? {}, { [receiptAttribute(date, ref)]: receipt });
  }
  // Open holds of 20,000 background orders: 16,000 of stock, 4,000 of capacity.
  for (let index = 0; index < HOLDS; index += 1) {
    const orderId = `bg-${index}`;
    const capacity = index % 5 === 4;
    const holder = capacity ? calendars.get(pick(centers)) : stock.get(pick(supplied));
    const entries = Array.from({ length: int(1, 2) }, () => ({
      date: day(int(0, 200)),
      amount: capacity ? int(1, 4) : int(1, 30),
    }));
    Object.assign(holder ?? {}, { [holdAttribute(orderId)]: entries });
  }
  items.push(...calendars.values(), ...stock.values());
  return { items, raw, sellable: [...levels[0]!, ...levels[1]!, ...raw.slice(0, 2_000)] };
}

/** BatchWriteItem in 25s, 16 in flight, re-sending what DynamoDB Local leaves unprocessed. */
async function load(items: readonly Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  await mapWithLimit(batches, 16, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const result = await dynamo().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      requests = (result.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
  });
}

const tenLines = (sellable: readonly string[]): PromiseRequest => {
  const skus = new Set<string>();
  while (skus.size < 10) skus.add(pick(sellable));
  return {
    region: pick(['EU', 'US', 'APAC']),
    lines: [...skus].map((sku) => ({ sku, quantity: int(1, 20) })),
    acceptsSplitDelivery: rand() < 0.3,
  };
};

const median = (samples: readonly number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return [ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99))];
};

export async function run(): Promise<BenchTable> {
  const loadBefore = loadavg()[0] ?? 0;
  const local = await startDynamoDbLocal();
  try {
    const table = 'promise-bench';
    await ensureTable(local.endpoint, table);
    Object.assign(process.env, {
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: local.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });

    // 1. Catalogue.
    const catalogue = generateCatalogue();
    let started = performance.now();
    await load(catalogue.items);
    const loadSeconds = (performance.now() - started) / 1000;

    // 2. 10-line orders: reads (snapshot) and computation, then the whole check.
    const requests = Array.from({ length: ORDERS_MEASURED + WARM_UP }, () => tenLines(catalogue.sellable));
    const reads: number[] = [];
    const computes: number[] = [];
    const totals: number[] = [];
    const partitions: number[] = [];
    const rounds: number[] = [];
    for (const [index, request] of requests.entries()) {
      const begin = performance.now();
      const loaded = await loadSnapshot(
        request.lines.map((line) => line.sku),
        request.region,
      );
      const read = performance.now();
      computePromise(request, loaded.snapshot, NOW);
      const done = performance.now();
      if (index < WARM_UP) continue;
      reads.push(read - begin);
      computes.push(done - read);
      partitions.push(loaded.partitions.length);
      rounds.push(loaded.rounds);
    }
    for (const request of requests.slice(WARM_UP)) {
      const begin = performance.now();
      await checkPromise(request, NOW);
      totals.push(performance.now() - begin);
    }

    // 3. 1,000 open orders sharing one bought component, each with two more lines; then one change.
    const hot = 'RAW-HOT';
    await load([
      productItem({
        sku: hot,
        name: hot,
        kind: 'stock',
        bom: [],
        routing: [],
        purchaseLeadTimeDays: 20,
        unitPrice: 3,
      }),
      { ...stockKey(hot), entity: 'STOCK', onHand: OPEN_ORDERS * 10, allocVersion: 0 },
    ]);
    started = performance.now();
    for (let index = 0; index < OPEN_ORDERS; index += 1) {
      const orderId = `open-${index}`;
      await quoteOrder(
        {
          orderId,
          customerId: `c-${index % 50}`,
          region: pick(['EU', 'US', 'APAC']),
          acceptsSplitDelivery: false,
          lines: [
            { sku: hot, quantity: 10 },
            { sku: pick(catalogue.sellable), quantity: int(1, 10) },
            { sku: pick(catalogue.sellable), quantity: int(1, 10) },
          ],
        },
        NOW,
      );
      await reserveForOrder(orderId, NOW);
    }
    const setupSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const changed = await applySupplyUpdate({ stock: [{ sku: hot, onHand: OPEN_ORDERS * 5 }] });
    const changes = await repromiseDependents(changed, NOW);
    const repromiseSeconds = (performance.now() - started) / 1000;
    const kept = changes.filter((change) => change.kind === 'kept').length;

    return {
      title: 'Promise engine with DynamoDB Local (10,000 SKUs, 100,000 receipts, 20,000 holds)',
      columns: ['measure', 'p50', 'p95', 'p99', 'notes'],
      rows: [
        [
          '10-line order: snapshot reads',
          ...stats(reads),
          `per order p50: ${median(partitions)} partitions in ${median(rounds)} BatchGetItem rounds (max ${Math.max(...rounds)})`,
        ],
        ['10-line order: computation', ...stats(computes), ''],
        [
          '10-line order: checkPromise (reads + computation)',
          ...stats(totals),
          `${ORDERS_MEASURED} orders, target p99 < 50 ms`,
        ],
        [
          `supply change re-promising ${changes.length} open orders`,
          `${repromiseSeconds.toFixed(2)} s`,
          '',
          '',
          `${changes.length - kept} changed, ${kept} kept; target < 10 s`,
        ],
      ],
      notes: [
        `Catalogue: ${catalogue.items.length} items loaded in ${loadSeconds.toFixed(1)} s; ${OPEN_ORDERS} orders quoted and reserved in ${setupSeconds.toFixed(1)} s.`,
        'DynamoDB Local runs in memory on the same machine; every read and write is a real HTTP request to it.',
        `Machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]?.toFixed(1)} after the run.`,
      ],
    };
  } finally {
    await local.stop();
  }
}
