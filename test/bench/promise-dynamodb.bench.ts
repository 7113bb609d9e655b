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
 * The catalogue is the shared seeded one (test/bench/catalogue.ts), so every run loads the same data
 * and the in-memory bench (promise-engine.bench.ts) measures the engine on the same supply.
 */
import { cpus, loadavg } from 'node:os';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../functions/adapters/dynamodb/client.ts';
import {
  closureFrom,
  productItem,
  type ClosureHint,
} from '../../functions/adapters/dynamodb/entities/product.ts';
import {
  encodeHolds,
  HOLDS_ATTRIBUTE,
  type HoldEntry,
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
import {
  checkPromise,
  quoteOrder,
  repromiseDependents,
  reserveForOrder,
} from '../../functions/usecases/promise/index.ts';
import { ensureTable, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import type { PromiseRequest } from '../../functions/domain/promise/types.ts';
import { drawOrder, generateCatalogue, type Catalogue } from './catalogue.ts';
import { ms, percentile, type BenchTable } from './table.ts';

const SEED = 20261123;
const ORDERS_MEASURED = 300;
const WARM_UP = 30;
const OPEN_ORDERS = 1_000;

/**
 * The shared catalogue (test/bench/catalogue.ts) as table items, in this table's layout: one STOCK
 * item per SKU carrying its receipts and holds, one CALENDAR item per work center with its holds.
 */
export function catalogueItems(catalogue: Catalogue): Record<string, unknown>[] {
  const { snapshot } = catalogue;
  // Closure hints as storing each product bottom-up through the API would leave them.
  const hints = new Map<string, ClosureHint>();
  const hintOf = (sku: string): ClosureHint | undefined => {
    const product = snapshot.products.get(sku);
    if (!product) return undefined;
    let hint = hints.get(sku);
    if (!hint) {
      hint = closureFrom(product, new Map(product.bom.map((line) => [line.sku, hintOf(line.sku)])));
      hints.set(sku, hint);
    }
    return hint;
  };
  const stock = new Map<string, Record<string, unknown>>();
  for (const sku of snapshot.products.keys())
    stock.set(sku, {
      ...stockKey(sku),
      entity: 'STOCK',
      onHand: snapshot.onHand.get(sku) ?? 0,
      allocVersion: 0,
    });
  for (const receipt of snapshot.receipts)
    Object.assign(stock.get(receipt.sku) ?? {}, {
      [receiptAttribute(receipt.date, receipt.ref)]: receipt.quantity,
    });
  // Each item's holds by order, written as its `holds` attribute once all are known.
  const holdsOf = new Map<Record<string, unknown>, Map<string, HoldEntry[]>>();
  const addHold = (
    item: Record<string, unknown> | undefined,
    orderId: string,
    date: string,
    amount: number,
  ) => {
    if (!item) return;
    const holds = holdsOf.get(item) ?? new Map<string, HoldEntry[]>();
    holds.set(orderId, [...(holds.get(orderId) ?? []), { date, amount }]);
    holdsOf.set(item, holds);
  };
  for (const hold of snapshot.stockReservations)
    addHold(stock.get(hold.sku), hold.orderId, hold.date, hold.quantity);
  const calendars = new Map<string, Record<string, unknown>>(
    [...snapshot.workCenters.values()].map((center) => [
      center.id,
      {
        ...calendarKey(center.id),
        entity: 'CALENDAR',
        hoursByWeekday: center.hoursByWeekday,
        exceptions: center.exceptions,
        allocVersion: 0,
      },
    ]),
  );
  for (const hold of snapshot.capacityReservations)
    addHold(calendars.get(hold.workCenter), hold.orderId, hold.date, hold.hours);
  for (const [item, holds] of holdsOf) item[HOLDS_ATTRIBUTE] = encodeHolds(holds);
  return [
    { ...PLANT_KEY, entity: 'PLANT', ...snapshot.plant },
    ...[...snapshot.transitDays].map(([region, days]) => ({
      ...transitKey(region),
      entity: 'TRANSIT',
      region,
      days,
    })),
    ...[...snapshot.products.values()].map((product) => productItem(product, hintOf(product.sku))),
    ...stock.values(),
    ...calendars.values(),
  ];
}

/** BatchWriteItem in 25s, 16 in flight, re-sending what DynamoDB Local leaves unprocessed. */
export async function load(items: readonly Record<string, unknown>[]): Promise<void> {
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
    const catalogue = generateCatalogue(SEED);
    const NOW = catalogue.now;
    const items = catalogueItems(catalogue);
    let started = performance.now();
    await load(items);
    const loadSeconds = (performance.now() - started) / 1000;

    // 2. 10-line orders: reads (snapshot) and computation, then the whole check.
    /** Reads and computation of orders, timed separately. */
    const measure = async (requests: readonly PromiseRequest[]) => {
      const result = {
        reads: [] as number[],
        computes: [] as number[],
        partitions: [] as number[],
        rounds: [] as number[],
      };
      for (const request of requests) {
        const begin = performance.now();
        const loaded = await loadSnapshot(
          request.lines.map((line) => line.sku),
          request.region,
        );
        const read = performance.now();
        computePromise(request, loaded.snapshot, NOW);
        result.reads.push(read - begin);
        result.computes.push(performance.now() - read);
        result.partitions.push(loaded.partitions.length);
        result.rounds.push(loaded.rounds);
      }
      return result;
    };
    const draw = (count: number) => Array.from({ length: count }, () => drawOrder(catalogue, 10));
    // A function's first orders meet products it has not read yet: their BOMs cost a second round.
    await measure(draw(WARM_UP));
    const firstTouch = await measure(draw(ORDERS_MEASURED));
    // A warm function has read the catalogue's products before (they stay valid until one changes).
    for (let start = 0; start < catalogue.sellable.length; start += 200)
      await loadSnapshot(catalogue.sellable.slice(start, start + 200));
    const warmOrders = draw(ORDERS_MEASURED);
    const warm = await measure(warmOrders);
    const totals: number[] = [];
    for (const request of warmOrders) {
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
    const { int, pick } = catalogue.random;
    started = performance.now();
    for (let index = 0; index < OPEN_ORDERS; index += 1) {
      const orderId = `bench-order-${index}`;
      await quoteOrder(
        {
          orderId,
          customerId: `c-${index % 50}`,
          region: pick(catalogue.regions),
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
          '10-line order: snapshot reads, products not yet read',
          ...stats(firstTouch.reads),
          `p50 ${median(firstTouch.partitions)} partitions in ${median(firstTouch.rounds)} BatchGetItem rounds`,
        ],
        [
          '10-line order: snapshot reads, warm function',
          ...stats(warm.reads),
          `p50 ${median(warm.partitions)} partitions in ${median(warm.rounds)} BatchGetItem rounds`,
        ],
        ['10-line order: computation', ...stats(warm.computes), ''],
        [
          '10-line order: checkPromise (reads + computation), warm',
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
        `Catalogue (test/bench/catalogue.ts, seed ${SEED}): ${items.length} items loaded in ${loadSeconds.toFixed(1)} s; ${OPEN_ORDERS} orders quoted and reserved in ${setupSeconds.toFixed(1)} s.`,
        'DynamoDB Local runs in memory on the same machine; every read and write is a real HTTP request to it.',
        `Machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0]?.toFixed(1)} after the run.`,
      ],
    };
  } finally {
    await local.stop();
  }
}
