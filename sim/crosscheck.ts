/**
 * The cross-check: the same seeded demand through the real local runtime (HTTP API, workflow,
 * DynamoDB Local, Lambda workers) and through the in-memory path the simulator builds on (the same
 * order and promise use cases on in-memory ports), compared order by order.
 *
 * Time in the local runtime is real, so only what needs no simulated clock is driven: quotes (with
 * sales confirmation where the rules ask for it), the customer's acceptance and the reservation,
 * a reported delay (re-promise from an ERP event) and a supply update (re-promise of dependents).
 * The two sides run in lockstep, each step on the in-memory side at the wall-clock instant it was
 * taken on the runtime, so both count from the same day and cut-off.
 */
import { randomUUID } from 'node:crypto';
import { MemoryOrderRepository } from '../functions/adapters/memory/order-repository.ts';
import { MemoryPromiseRecords } from '../functions/adapters/memory/promise-records.ts';
import { MemorySupplyRepository } from '../functions/adapters/memory/supply-repository.ts';
import { addBusinessDays, businessDaysBetween } from '../functions/domain/promise/calendar.ts';
import type { PlantSettings, Product, WorkCenter } from '../functions/domain/promise/types.ts';
import { confirmOrder } from '../functions/usecases/order/confirm-order.ts';
import { decidePromise, decideQuote } from '../functions/usecases/order/decisions.ts';
import { receiveErpEvent } from '../functions/usecases/order/erp-event.ts';
import { receiveInquiry } from '../functions/usecases/order/inquiry.ts';
import type { CustomerFacts, OrderDeps } from '../functions/usecases/order/ports.ts';
import { applyStage } from '../functions/usecases/order/steps/apply-stage.ts';
import { computeQuote } from '../functions/usecases/order/steps/compute-quote.ts';
import { notifyPromiseChanges } from '../functions/usecases/promise/changes.ts';
import { orderPromisePort } from '../functions/usecases/promise/order-port.ts';
import type { PromiseDeps } from '../functions/usecases/promise/ports.ts';
import { repromiseDependents } from '../functions/usecases/promise/repromise.ts';
import { storeProduct, storeSupply } from '../functions/usecases/promise/supply.ts';
import type { ApiClient, LocalSession } from '../infra/local/api-client.ts';
import { waitFor } from '../infra/local/api-client.ts';
import { trackingPathFromMail } from '../infra/local/scenario.ts';
import { keyed, buildScenario } from './scenario.ts';

/** What both sides are given: the plant's master and supply data, customers, and the orders in sequence. */
export interface CrosscheckPlan {
  readonly plant: PlantSettings;
  /** Components before the products that use them (the ERP must send them so). */
  readonly products: readonly Product[];
  readonly workCenters: readonly WorkCenter[];
  readonly stock: readonly { sku: string; onHand: number }[];
  readonly transit: readonly { region: string; days: number }[];
  readonly customers: readonly CustomerFacts[];
  readonly orders: readonly {
    readonly index: number;
    readonly customerId: string;
    readonly sku: string;
    readonly quantity: number;
    /** Business days after today that the customer asks for. */
    readonly requestedInBusinessDays: number;
    /** Business days of delay the plant reports after the quote, 0 for none. */
    readonly delayDays: number;
  }[];
}

/** Six decimals at most, as the API accepts (the simulator sizes work centers to fractions of an hour). */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The first `orders` orders of the simulator's seeded scenario (a `days`-day horizon), with the
 * master data they reach: their BOM closure, its work centers, bought parts' stock and transit times.
 * A third of the orders get a delay report.
 */
export function crosscheckPlan(options: { seed: number; orders: number; days: number }): CrosscheckPlan {
  const scenario = buildScenario({ seed: options.seed, orders: options.orders, days: options.days });
  const world = scenario.makeWorld();
  const demand = scenario.orders.slice(0, options.orders);
  const ordered: Product[] = [];
  const seen = new Set<string>();
  const visit = (sku: string) => {
    if (seen.has(sku)) return;
    seen.add(sku);
    const product = world.products.get(sku);
    if (!product) return;
    for (const line of product.bom) visit(line.sku);
    ordered.push(product);
  };
  for (const order of demand) visit(order.sku);
  const centers = new Set(ordered.flatMap((product) => product.routing.map((step) => step.workCenter)));
  const customers = new Map<string, CustomerFacts>();
  for (const order of demand)
    customers.set(order.customerId, {
      customerId: order.customerId,
      tier: order.tier,
      region: order.region,
      acceptsSplitDelivery: false,
    });
  const calendar = world.plant.shippingCalendar;
  return {
    plant: world.plant,
    products: ordered,
    workCenters: [...world.workCenters.values()]
      .filter((center) => centers.has(center.id))
      .map((center) => ({
        ...center,
        hoursByWeekday: Object.fromEntries(
          Object.entries(center.hoursByWeekday).map(([day, hours]) => [day, round6(hours ?? 0)]),
        ),
      })),
    stock: ordered
      .filter((product) => world.onHand.has(product.sku))
      .map((product) => ({ sku: product.sku, onHand: world.onHand.get(product.sku) ?? 0 })),
    transit: [...new Set(demand.map((order) => order.region))].map((region) => ({
      region,
      days: world.transitDays.get(region) ?? 0,
    })),
    customers: [...customers.values()],
    orders: demand.map((order) => ({
      index: order.index,
      customerId: order.customerId,
      sku: order.sku,
      quantity: order.quantity,
      requestedInBusinessDays: Math.max(1, businessDaysBetween(calendar, order.day, order.requestedDate)),
      delayDays:
        keyed(options.seed, `crosscheck-delay-${order.index}`).next() < 1 / 3 ? 1 + (order.index % 7) : 0,
    })),
  };
}

/** What is compared of one order after each phase. */
export interface OrderState {
  readonly status: string;
  readonly promisedDate?: string;
  readonly promiseVersion?: number;
  readonly firstPromisedDate?: string;
}

/** One way to run the product: the local runtime over HTTP, or the use cases on in-memory ports. */
export interface Side {
  setUp(plan: CrosscheckPlan): Promise<void>;
  /** Inquiry, quote, sales confirmation where asked, the customer's acceptance; the order's id. */
  place(order: CrosscheckPlan['orders'][number], requestedDate: string, key: string): Promise<string>;
  reportDelay(orderId: string, eventId: string, newEstimatedDate: string): Promise<void>;
  updateSupply(update: { stock: { sku: string; onHand: number }[] }): Promise<void>;
  read(orderId: string): Promise<OrderState>;
}

/** The order settings of both sides: the runtime gets them as its environment (crosscheckRuntimeEnv). */
export const CROSSCHECK_SETTINGS: OrderDeps['settings'] = {
  quoteValiditySeconds: 7 * 86_400,
  salesEscalationSeconds: 4 * 3600,
  orderValueThreshold: 50_000,
  overdueRecheckSeconds: 86_400,
  continueAsNewAfterSeconds: 300 * 86_400,
};

export const crosscheckRuntimeEnv = (): Record<string, string> => ({
  QUOTE_VALIDITY_SECONDS: String(CROSSCHECK_SETTINGS.quoteValiditySeconds),
  SALES_ESCALATION_SECONDS: String(CROSSCHECK_SETTINGS.salesEscalationSeconds),
  ORDER_VALUE_CONFIRMATION_THRESHOLD: String(CROSSCHECK_SETTINGS.orderValueThreshold),
  OVERDUE_RECHECK_SECONDS: String(CROSSCHECK_SETTINGS.overdueRecheckSeconds),
  CONTINUE_AS_NEW_AFTER_SECONDS: String(CROSSCHECK_SETTINGS.continueAsNewAfterSeconds),
});

/** Statuses the workflow rests in until someone acts (or the plan's next stage). */
const RESTING = new Set([
  'AWAITING_SALES_CONFIRMATION',
  'QUOTED',
  'MATERIAL_PREP',
  'NEEDS_ATTENTION',
  'QUOTE_EXPIRED',
  'CANCELLED',
]);

/** The real product: every step through the HTTP API of a running local runtime. */
export function runtimeSide(api: ApiClient, session: LocalSession): Side {
  const ok = async (what: string, result: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await result;
    if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
    return body as Record<string, unknown>;
  };
  const read = async (orderId: string): Promise<OrderState> =>
    (await ok(`GET order ${orderId}`, api.sales('GET', `/v1/orders/${orderId}`))) as unknown as OrderState;
  const settle = (orderId: string, leaving?: string) =>
    waitFor(
      `order ${orderId} to rest`,
      async () => {
        const state = await read(orderId);
        return RESTING.has(state.status) && state.status !== leaving && state;
      },
      120_000,
    );
  return {
    async setUp(plan) {
      await ok(
        'supply: plant, work centers, transit',
        api.erp('PUT', '/v1/erp/supply', {
          plant: plan.plant,
          workCenters: plan.workCenters,
          transit: plan.transit,
        }),
      );
      for (const { sku, ...product } of plan.products)
        await ok(`product ${sku}`, api.erp('PUT', `/v1/erp/products/${encodeURIComponent(sku)}`, product));
      await ok('supply: stock', api.erp('PUT', '/v1/erp/supply', { stock: plan.stock }));
      for (const customer of plan.customers)
        await ok(
          `customer ${customer.customerId}`,
          api.sales('PUT', `/v1/customers/${customer.customerId}`, {
            name: customer.customerId,
            tier: customer.tier,
            region: customer.region,
            timeZone: 'Europe/Berlin',
            contacts: [{ id: 'buyer', name: 'Buyer', email: `${customer.customerId}@example.com` }],
            salesOwner: { name: 'Sales', email: 'sales@example.com' },
          }),
        );
    },
    async place(order, requestedDate, key) {
      const body = await ok(
        `inquiry ${order.index}`,
        api.sales(
          'POST',
          '/v1/inquiries',
          {
            customerId: order.customerId,
            lines: [{ sku: order.sku, quantity: order.quantity }],
            requestedDate,
          },
          { 'idempotency-key': key },
        ),
      );
      const orderId = String(body.orderId);
      let state = await settle(orderId);
      if (state.status === 'AWAITING_SALES_CONFIRMATION') {
        await ok(
          `confirm ${orderId}`,
          api.sales('POST', `/v1/orders/${orderId}/promise`, { action: 'confirm' }),
        );
        state = await settle(orderId, 'AWAITING_SALES_CONFIRMATION');
      }
      if (state.status !== 'QUOTED') return orderId;
      const path = await trackingPathFromMail(session, orderId);
      await ok(`accept ${orderId}`, api.customer('POST', `${path}/decision`, { decision: 'accept' }));
      await settle(orderId, 'QUOTED');
      return orderId;
    },
    async reportDelay(orderId, eventId, newEstimatedDate) {
      await ok(
        `delay ${orderId}`,
        api.erp('POST', '/v1/erp/events', {
          eventId,
          orderId,
          type: 'DELAY_REPORTED',
          occurredAt: new Date().toISOString(),
          data: { stage: 'PRODUCTION_COMPLETED', newEstimatedDate, reason: 'cross-check delay' },
        }),
      );
    },
    async updateSupply(update) {
      await ok('supply update', api.erp('PUT', '/v1/erp/supply', update));
    },
    read,
  };
}

/**
 * The in-memory path: the product's order and promise use cases on in-memory ports, the workflow's
 * steps called in the order the state machine calls them, at the instant `clock` gives.
 */
export function memorySide(clock: () => Date, settings: OrderDeps['settings']): Side {
  const orders = new MemoryOrderRepository();
  const records = new MemoryPromiseRecords();
  const supply = new MemorySupplyRepository(records);
  const promiseDeps: PromiseDeps = { now: clock, records, supply };
  const customers = new Map<string, CustomerFacts>();
  const running = new Set<string>();
  const deps: OrderDeps = {
    now: clock,
    settings,
    orders,
    customers: { get: async (customerId) => customers.get(customerId) },
    products: {
      missing: async (skus) => {
        const found = await supply.getProducts(skus);
        return [...new Set(skus)].filter((sku) => !found.has(sku));
      },
    },
    promises: orderPromisePort(promiseDeps),
    workflow: {
      start: async (name) => void running.add(name),
      state: async (name) => (running.has(name) ? 'RUNNING' : 'MISSING'),
      stop: async (name) => void running.delete(name),
      // The steps below are the workflow: a resumed wait is the next call they make.
      resume: async () => 'resumed',
      fail: async () => 'failed',
    },
    notify: async () => undefined,
    requestErpStatus: async () => 'not-configured',
    trackingLink: async (orderId) => ({
      token: orderId,
      url: `memory://${orderId}`,
      tokenHash: `memory-${orderId}`,
    }),
  };
  const noticeDeps = { now: clock, orders, customers: deps.customers, notify: deps.notify };
  return {
    async setUp(plan) {
      await storeSupply(promiseDeps, {
        plant: plan.plant,
        workCenters: plan.workCenters,
        transit: plan.transit,
      });
      for (const { sku, ...product } of plan.products) await storeProduct(promiseDeps, sku, product);
      await storeSupply(promiseDeps, { stock: plan.stock });
      for (const customer of plan.customers) customers.set(customer.customerId, customer);
    },
    async place(order, requestedDate, key) {
      const { orderId } = await receiveInquiry(
        deps,
        {
          customerId: order.customerId,
          lines: [{ sku: order.sku, quantity: order.quantity }],
          requestedDate,
        },
        { createdBy: 'sales:crosscheck', idempotencyKey: key },
      );
      const quote = await computeQuote(deps, orderId);
      if (quote.needsSalesConfirmation) {
        await applyStage(deps, { orderId, transition: 'AWAITING_SALES_CONFIRMATION' });
        await decidePromise(deps, orderId, { action: 'confirm' });
      }
      await applyStage(deps, { orderId, transition: 'QUOTED' });
      await decideQuote(deps, orderId, 'accept');
      const { outcome } = await confirmOrder(deps, orderId);
      if (outcome === 'CONFIRMED') await applyStage(deps, { orderId, transition: 'STAGE', completed: null });
      return orderId;
    },
    async reportDelay(orderId, eventId, newEstimatedDate) {
      await receiveErpEvent(deps, {
        eventId,
        orderId,
        type: 'DELAY_REPORTED',
        occurredAt: clock().toISOString(),
        data: { stage: 'PRODUCTION_COMPLETED', newEstimatedDate, reason: 'cross-check delay' },
      });
    },
    async updateSupply(update) {
      const changed = await storeSupply(promiseDeps, update);
      await notifyPromiseChanges(noticeDeps, await repromiseDependents(promiseDeps, changed));
    },
    async read(orderId) {
      const order = await orders.getOrder(orderId);
      if (!order) throw new Error(`memory: no order ${orderId}`);
      return order;
    },
  };
}

export interface CrosscheckRow {
  readonly index: number;
  readonly phase: 'quote' | 'delay' | 'supply';
  readonly field: keyof OrderState;
  readonly runtime: unknown;
  readonly memory: unknown;
}

export interface PhaseSummary {
  readonly phase: CrosscheckRow['phase'];
  readonly compared: number;
  readonly agreed: number;
  readonly statuses: Readonly<Record<string, number>>;
  /** Orders at promise version 2 or later. */
  readonly moved: number;
}

export interface CrosscheckReport {
  readonly orders: number;
  /**
   * Per phase: fields compared and how many agreed, and what the runtime's orders had reached (so a
   * run where nothing moved is seen as such): orders per status, and orders whose promise moved.
   */
  readonly phases: readonly PhaseSummary[];
  readonly disagreements: readonly CrosscheckRow[];
}

const COMPARED: readonly (keyof OrderState)[] = [
  'status',
  'firstPromisedDate',
  'promisedDate',
  'promiseVersion',
];

/**
 * Runs the plan through both sides in lockstep and compares every order after each phase:
 * 1. quote: each order placed and accepted, in sequence (each side holds supply in the same order);
 * 2. delay: the planned delay reports (ERP events) for a third of the orders;
 * 3. supply: the stock of the three most ordered bought SKUs drops to zero (re-promise of dependents).
 */
export async function runCrosscheck(
  plan: CrosscheckPlan,
  runtime: Side,
  memory: Side,
  log: (line: string) => void = () => undefined,
): Promise<CrosscheckReport> {
  await runtime.setUp(plan);
  await memory.setUp(plan);
  log(
    `set up: ${plan.products.length} products, ${plan.workCenters.length} work centers, ${plan.customers.length} customers`,
  );
  const ids = new Map<number, { runtime: string; memory: string }>();
  const rows: CrosscheckRow[] = [];
  const phases: PhaseSummary[] = [];
  const compare = async (phase: CrosscheckRow['phase']) => {
    let compared = 0;
    let agreed = 0;
    let moved = 0;
    const statuses: Record<string, number> = {};
    for (const [index, id] of ids) {
      const [a, b] = await Promise.all([runtime.read(id.runtime), memory.read(id.memory)]);
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      if ((a.promiseVersion ?? 1) > 1) moved += 1;
      for (const field of COMPARED) {
        compared += 1;
        if (a[field] === b[field]) agreed += 1;
        else rows.push({ index, phase, field, runtime: a[field], memory: b[field] });
      }
    }
    phases.push({ phase, compared, agreed, statuses, moved });
    log(`${phase}: ${agreed}/${compared} fields agree`);
  };

  for (const [position, order] of plan.orders.entries()) {
    const today = new Date().toISOString().slice(0, 10);
    const requestedDate = addBusinessDays(plan.plant.shippingCalendar, today, order.requestedInBusinessDays);
    const key = randomUUID();
    const runtimeId = await runtime.place(order, requestedDate, key);
    const memoryId = await memory.place(order, requestedDate, key);
    ids.set(order.index, { runtime: runtimeId, memory: memoryId });
    if ((position + 1) % 10 === 0 || position + 1 === plan.orders.length)
      log(`placed ${position + 1}/${plan.orders.length}`);
  }
  await compare('quote');

  for (const order of plan.orders) {
    const id = ids.get(order.index);
    if (!order.delayDays || !id) continue;
    const state = await runtime.read(id.runtime);
    if (state.status !== 'MATERIAL_PREP' || !state.promisedDate) continue;
    const estimate = addBusinessDays(plan.plant.plantCalendar, state.promisedDate, order.delayDays);
    const eventId = `evt-${randomUUID()}`;
    await runtime.reportDelay(id.runtime, eventId, estimate);
    await memory.reportDelay(id.memory, eventId, estimate);
  }
  await compare('delay');

  const bought = new Map<string, number>();
  for (const order of plan.orders)
    if (plan.stock.some((entry) => entry.sku === order.sku))
      bought.set(order.sku, (bought.get(order.sku) ?? 0) + 1);
  const dropped = [...bought]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([sku]) => ({ sku, onHand: 0 }));
  if (dropped.length) {
    await runtime.updateSupply({ stock: dropped });
    await memory.updateSupply({ stock: dropped });
  }
  await compare('supply');
  return { orders: ids.size, phases, disagreements: rows };
}

/** The report as a terminal table, and the disagreements (at most `limit`) below it. */
export function crosscheckTable(report: CrosscheckReport, limit = 20): string {
  const lines = [
    `Cross-check of ${report.orders} orders: local runtime (HTTP, DynamoDB Local) vs in-memory use cases`,
    '',
    '| phase | fields compared | agree | disagree | orders by status (runtime) | promises moved |',
    '|---|---|---|---|---|---|',
    ...report.phases.map((phase) => {
      const statuses = Object.entries(phase.statuses)
        .map(([status, count]) => `${status} ${count}`)
        .join(', ');
      const disagree = phase.compared - phase.agreed;
      return `| ${phase.phase} | ${phase.compared} | ${phase.agreed} | ${disagree} | ${statuses} | ${phase.moved} |`;
    }),
  ];
  if (report.disagreements.length) {
    lines.push('', 'Disagreements (order, phase, field: runtime vs memory)');
    for (const row of report.disagreements.slice(0, limit))
      lines.push(
        `  #${row.index} ${row.phase} ${row.field}: ${String(row.runtime)} vs ${String(row.memory)}`,
      );
    if (report.disagreements.length > limit)
      lines.push(`  ... and ${report.disagreements.length - limit} more`);
  }
  return lines.join('\n');
}
