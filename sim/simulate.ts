/**
 * One simulated year under one promising policy. The simulator plays everyone outside the
 * product: customers (inquiries, accepting quotes), sales (confirming at once), the workflow
 * (calling the order steps in order) and the ERP (stage events and delay reports generated from
 * what the plant actually does). The product's own order use cases run on in-memory ports and a
 * simulated clock; its promise engine computes every quote and plan.
 */
import { MemoryOrderRepository } from '../functions/adapters/memory/order-repository.ts';
import {
  addBusinessDays,
  addDays,
  businessDaysBetween,
  daysBetween,
  isWorkingDay,
  orderCountsFrom,
} from '../functions/domain/promise/calendar.ts';
import { computePromise, firstVersion, projectFromStageEvent } from '../functions/domain/promise/index.ts';
import type { IsoDate, PromiseResult, VersionedPromise } from '../functions/domain/promise/types.ts';
import { decideQuote } from '../functions/usecases/order/decisions.ts';
import { confirmOrder } from '../functions/usecases/order/confirm-order.ts';
import { receiveErpEvent } from '../functions/usecases/order/erp-event.ts';
import { receiveInquiry } from '../functions/usecases/order/inquiry.ts';
import type { Notice, OrderDeps } from '../functions/usecases/order/ports.ts';
import { applyStage, closeOrder, computeQuote } from '../functions/usecases/order/steps.ts';
import type { StageEvent } from '../functions/domain/order/stages.ts';
import { SupplyDataError } from '../functions/shared/errors.ts';
import {
  pathRisks,
  promisedDate,
  ReliabilityHistory,
  type PathRisks,
  reliabilityClassOf,
  riskClassOf,
  type ReliabilityClass,
  type PolicySettings,
  type RiskClass,
} from './policies.ts';
import type { DemandOrder, Scenario } from './scenario.ts';
import { ReliabilityModel } from '../functions/domain/promise/reliability.ts';
import { mergeEnds, type PlantWorld } from './world.ts';
import { AggregateBuffer } from './aggregate-buffer.ts';

/** What the simulator knows about one order: the plan, what really happens, and when it was known. */
export interface OrderTruth {
  readonly demand: DemandOrder;
  readonly orderId: string;
  riskClass: RiskClass;
  reliabilityClass: ReliabilityClass;
  /** The engine's unbuffered date at the quote (the most likely date shown beside the promise). */
  engineDate: IsoDate;
  firstPromise: IsoDate;
  buffer: number;
  materialReady: IsoDate;
  productionEnd: IsoDate;
  delivery?: IsoDate;
  deliveredOn?: IsoDate;
  /** The first day the plant knew the order would arrive after its first promise. */
  lateKnownOn?: IsoDate;
  stage: StageEvent | 'CONFIRMED' | 'LOST';
  yieldChecked: boolean;
  reportedReady?: IsoDate;
  /** The risks on this order's path, for the per-cause reliability model. */
  risks: PathRisks;
  /** Business days each disruption moved this order's delivery (for the breakdown of late orders). */
  readonly delayedBy: Partial<Record<DelayCause, number>>;
}

/** What moved an order's delivery after its quote. */
export type DelayCause = 'supplier' | 'breakdown' | 'yield' | 'pushed back' | 'transport';

export interface NoticeSent {
  readonly orderId: string;
  readonly kind: string;
  readonly day: IsoDate;
}

export interface RunResult {
  readonly policy: PolicySettings;
  readonly truths: readonly OrderTruth[];
  readonly notices: readonly NoticeSent[];
  readonly noticeCount: number;
  readonly warnings: readonly NoticeSent[];
  readonly utilisation: readonly (readonly [string, number])[];
  readonly invariants: {
    readonly capacityViolations: readonly string[];
    readonly lowestOnHand: number;
    readonly stockBalanced: boolean;
    readonly unfinished: readonly string[];
  };
  /** The orders as the product stored them at the end. */
  readonly finalOrders: readonly {
    orderId: string;
    status: string;
    promisedDate?: string;
    promiseVersion?: number;
  }[];
}

interface PromiseRecordInMemory {
  plan: PromiseResult;
  promise: VersionedPromise;
  region: string;
}

const CAUSE_STAGE = 'PRODUCTION_COMPLETED';
/** Calendar days after its engine date that an order's lateness enters the history. */
const OBSERVE_AFTER_DAYS = 30;

export async function simulate(
  scenario: Scenario,
  policy: PolicySettings,
  onProgress?: (done: number, total: number) => void,
): Promise<RunResult> {
  const world: PlantWorld = scenario.makeWorld();
  const plant = world.plant;
  const repository = new MemoryOrderRepository();
  const records = new Map<string, PromiseRecordInMemory>();
  const truths = new Map<string, OrderTruth>();
  const history = new ReliabilityHistory();
  const model = new ReliabilityModel();
  const aggregate = policy.aggregate && new AggregateBuffer(policy.aggregate);
  /** The aggregate policy's date: the path's lateness distribution, and what each buffer does to the lead. */
  const aggregateQuote = (chooser: AggregateBuffer, plan: PromiseResult, risks: PathRisks) => {
    const { supplier, production, transport } = risks;
    const distribution = model.pathDistribution([
      transport,
      ...(supplier ? [supplier] : []),
      ...(production ? [production] : []),
    ]);
    const dateWith = (buffer: number) => addBusinessDays(plant.shippingCalendar, plan.date, buffer);
    const buffer = chooser.choose(distribution, (days) => daysBetween(today(), dateWith(days)));
    return { date: dateWith(buffer), buffer };
  };
  const notices: NoticeSent[] = [];
  const warnings: NoticeSent[] = [];
  const warned = new Set<string>();
  let noticeCount = 0;
  let clock = new Date(`${scenario.start}T07:00:00Z`);
  const today = () => clock.toISOString().slice(0, 10);
  const customers = new Map(scenario.orders.map((order) => [order.customerId, order]));
  const capacityViolations: string[] = [];
  world.priorityOf = (orderId) => truths.get(orderId)?.firstPromise ?? '9999-12-31';
  world.releaseOf = (orderId) => truths.get(orderId)?.materialReady ?? '9999-12-31';

  const snapshotFor = (sku: string, customerId: string) => {
    const tier = customers.get(customerId)?.tier;
    const share = policy.tierAProtectedShare && tier !== 'A' ? 1 - policy.tierAProtectedShare : 1;
    return world.snapshotFor([sku], share, policy.plannedCapacityShare ?? 1);
  };

  const deps: OrderDeps = {
    now: () => new Date(clock),
    settings: {
      quoteValiditySeconds: 14 * 86_400,
      salesEscalationSeconds: 4 * 3600,
      orderValueThreshold: 50_000,
      overdueRecheckSeconds: 86_400,
      continueAsNewAfterSeconds: 300 * 86_400,
    },
    orders: repository,
    customers: {
      get: async (customerId) => {
        const order = customers.get(customerId);
        return order && { customerId, tier: order.tier, region: order.region, acceptsSplitDelivery: false };
      },
    },
    products: { missing: async (skus) => skus.filter((sku) => !world.products.has(sku)) },
    promises: {
      async quote(order, customer) {
        const line = order.lines[0] as { sku: string; quantity: number };
        const plan = computePromise(
          {
            orderId: order.orderId,
            region: customer.region,
            lines: order.lines,
            acceptsSplitDelivery: false,
          },
          snapshotFor(line.sku, customer.customerId),
          clock,
        );
        const { countsFrom } = orderCountsFrom(clock, plant.timeZone, plant.dailyCutoff, plant.plantCalendar);
        const risks = pathRisks(plan, customer.region, countsFrom, plant);
        const quoted = aggregate
          ? aggregateQuote(aggregate, plan, risks)
          : promisedDate(policy, plan, {
              plant,
              countsFrom,
              transitDays: world.transitDays.get(customer.region) ?? 0,
              history,
              model,
              risks,
            });
        const promise = { ...firstVersion(plan), date: quoted.date };
        records.set(order.orderId, { plan, promise, region: customer.region });
        const truth = truths.get(order.orderId);
        if (truth) {
          truth.engineDate = plan.date;
          truth.buffer = quoted.buffer;
          truth.riskClass = riskClassOf(plan);
          truth.reliabilityClass = reliabilityClassOf(plan);
          truth.risks = risks;
        }
        const unitPrice = world.products.get(line.sku)?.unitPrice ?? 0;
        return { promise, orderValue: unitPrice * line.quantity };
      },
      async reserve(order) {
        const record = records.get(order.orderId);
        if (!record) throw new Error(`reserve: no promise for ${order.orderId}`);
        // Quoted and accepted in the same instant: the plan quoted is the plan reserved.
        const line = record.plan.lines[0];
        if (line) world.reserve(order.orderId, line.stockToReserve, line.capacityToReserve);
        return { outcome: 'reserved', promise: record.promise };
      },
      release: async () => undefined,
      current: async (orderId) => records.get(orderId)?.promise,
      adjust: async () => {
        throw new Error('sales do not adjust promises in the simulation');
      },
      plantTimeZone: async () => plant.timeZone,
      async recheckAfterEvent(order, event) {
        const record = records.get(order.orderId);
        if (!record) return { changed: false };
        const projected = projectFromStageEvent(event, {
          plant,
          transitDays: world.transitDays.get(record.region) ?? 0,
          region: record.region,
          plan: record.plan,
        });
        if (!projected) return { changed: false };
        if (projected.date <= record.promise.date) {
          const truth = truths.get(order.orderId);
          // The buffer absorbs the delay, but once half of it is gone the customer hears early.
          if (policy.earlyWarning && truth && truth.buffer > 0) {
            const left = businessDaysBetween(plant.shippingCalendar, projected.date, record.promise.date);
            if (left * 2 < truth.buffer && !warned.has(order.orderId)) {
              const warning = { orderId: order.orderId, kind: 'AT_RISK_WARNING', day: today() };
              warned.add(order.orderId);
              warnings.push(warning);
              await deps.notify({
                orderId: order.orderId,
                customerId: order.customerId,
                kind: 'AT_RISK_WARNING',
                occurrence: `v${record.promise.version}-warn`,
                facts: { promisedDate: record.promise.date, projectedDate: projected.date },
              });
            }
          }
          return { changed: false };
        }
        const promise: VersionedPromise = {
          version: record.promise.version + 1,
          date: projected.date,
          result: { ...record.promise.result, date: projected.date, basis: projected.basis },
          cause: projected.basis,
          previousDate: record.promise.date,
        };
        const previousDate = record.promise.date;
        record.promise = promise;
        return { changed: true, promise, previousDate, cause: projected.basis };
      },
    },
    workflow: {
      start: async () => undefined,
      state: async () => 'RUNNING',
      stop: async () => undefined,
      resume: async () => 'resumed',
      fail: async () => 'failed',
    },
    notify: async (notice: Notice) => {
      noticeCount += 1;
      if (notice.kind === 'PROMISE_CHANGED')
        notices.push({ orderId: notice.orderId, kind: notice.kind, day: today() });
    },
    requestErpStatus: async () => 'not-configured',
    trackingLink: async (orderId) => ({
      token: orderId,
      url: `sim://track/${orderId}`,
      tokenHash: `sim-${orderId}`,
    }),
  };

  // Each day's work, by kind, so the day runs in a fixed order: what went wrong, then what happened.
  const due = new Map<IsoDate, Set<string>>();
  const schedule = (orderId: string, day: IsoDate) => {
    const set = due.get(day) ?? new Set<string>();
    set.add(orderId);
    due.set(day, set);
  };
  let eventNumber = 0;
  const erp = async (
    truth: OrderTruth,
    type: StageEvent | 'DELAY_REPORTED',
    data: Record<string, unknown> = {},
  ) => {
    eventNumber += 1;
    await receiveErpEvent(deps, {
      eventId: `evt-${eventNumber}`,
      orderId: truth.orderId,
      type,
      occurredAt: clock.toISOString(),
      data,
    });
    if (type !== 'DELAY_REPORTED') {
      if (type === 'DELIVERED') await closeOrder(deps, truth.orderId);
      else await applyStage(deps, { orderId: truth.orderId, transition: 'STAGE', completed: type });
    }
  };
  const transit = (truth: OrderTruth) => world.transitDays.get(truth.demand.region) ?? 0;
  const deliveryFrom = (truth: OrderTruth, ready: IsoDate, carrierLate = 0) =>
    addBusinessDays(plant.shippingCalendar, ready, transit(truth) + carrierLate);
  /** The plant's estimate changed: note when lateness became known, and tell the product as the ERP would. */
  const readyMoved = async (truth: OrderTruth, ready: IsoDate, reason: string, cause: DelayCause) => {
    if (truth.reportedReady && ready <= truth.reportedReady) return;
    if (truth.reportedReady)
      truth.delayedBy[cause] =
        (truth.delayedBy[cause] ?? 0) +
        businessDaysBetween(plant.shippingCalendar, truth.reportedReady, ready);
    truth.reportedReady = ready;
    if (!truth.lateKnownOn && deliveryFrom(truth, ready) > truth.firstPromise) truth.lateKnownOn = today();
    await erp(truth, 'DELAY_REPORTED', {
      stage: truth.riskClass === 'made' ? CAUSE_STAGE : 'SHIPPED',
      reason,
      newEstimatedDate: ready,
    });
  };

  async function arrive(demand: DemandOrder) {
    clock = new Date(demand.at);
    const { orderId } = await receiveInquiry(
      deps,
      {
        customerId: demand.customerId,
        lines: [{ sku: demand.sku, quantity: demand.quantity }],
        requestedDate: demand.requestedDate,
      },
      { createdBy: 'erp', idempotencyKey: `sim-${demand.index}` },
    );
    const truth: OrderTruth = {
      demand,
      orderId,
      riskClass: 'stock',
      reliabilityClass: 'stock',
      engineDate: demand.day,
      firstPromise: demand.day,
      buffer: 0,
      materialReady: demand.day,
      productionEnd: demand.day,
      stage: 'CONFIRMED',
      yieldChecked: false,
      delayedBy: {},
      risks: { transport: { key: `transport:${demand.region}`, pool: 'transport' } },
    };
    truths.set(orderId, truth);
    unobserved.push(truth);
    let quote: Awaited<ReturnType<typeof computeQuote>>;
    try {
      quote = await computeQuote(deps, orderId);
    } catch (error) {
      // No date within the horizon: the product sends the order to a person; here it is lost.
      if (!(error instanceof SupplyDataError)) throw error;
      truth.stage = 'LOST';
      lost += 1;
      return;
    }
    await applyStage(deps, { orderId, transition: 'QUOTED' });
    await decideQuote(deps, orderId, 'accept');
    const { outcome } = await confirmOrder(deps, orderId);
    if (outcome !== 'CONFIRMED') {
      truth.stage = 'LOST';
      lost += 1;
      return;
    }
    await applyStage(deps, { orderId, transition: 'STAGE', completed: null });
    truth.firstPromise = quote.promisedDate;
    const plan = (records.get(orderId) as PromiseRecordInMemory).plan;
    const basis = plan.lines[0]?.basis ?? [];
    const ready =
      basis.filter((entry) => entry.kind !== 'transit' && entry.kind !== 'order-cutoff').at(-1)?.date ??
      demand.day;
    const material = basis.findLast((entry) => entry.kind === 'material-ready')?.date;
    truth.materialReady = plan.usedCtp && material ? material : ready;
    truth.productionEnd = ready;
    truth.reportedReady = ready;
    if (deliveryFrom(truth, ready) > truth.firstPromise) truth.lateKnownOn = demand.day;
    // A late supplier says so some days before the parts were due (never before the order exists).
    const dependsOnSupplier = basis.some(
      (entry) => entry.kind === 'purchase-lead-time' || entry.kind === 'awaiting-receipt',
    );
    if (demand.supplierLateDays > 0 && dependsOnSupplier) {
      const due = truth.materialReady;
      let notice = addBusinessDays(plant.plantCalendar, demand.day, 1);
      for (let back = demand.supplierNoticeDays; back >= 0; back -= 1) {
        const day = subtractBusinessDays(due, back);
        if (day >= notice) {
          notice = day;
          break;
        }
      }
      supplierNotices.set(orderId, notice > due ? due : notice);
      schedule(orderId, notice > due ? due : notice);
    }
    schedule(orderId, truth.materialReady);
  }

  const subtractBusinessDays = (date: IsoDate, days: number) => {
    let day = date;
    for (let left = days; left > 0;) {
      day = addDays(day, -1);
      if (isWorkingDay(plant.plantCalendar, day)) left -= 1;
    }
    return day;
  };
  const supplierNotices = new Map<string, IsoDate>();
  /** Orders not yet counted in the reliability history, in arrival order. */
  let unobserved: OrderTruth[] = [];
  const observeReliability = (day: IsoDate) => {
    const cutoff = addDays(day, -OBSERVE_AFTER_DAYS);
    unobserved = unobserved.filter((truth) => {
      if (truth.stage === 'LOST') return false;
      if (truth.engineDate > cutoff) return true;
      const seen = truth.deliveredOn ?? day;
      history.record(
        truth.reliabilityClass,
        seen > truth.engineDate ? businessDaysBetween(plant.shippingCalendar, truth.engineDate, seen) : 0,
      );
      return false;
    });
  };
  let delivered = 0;
  let lost = 0;

  /** Orders whose work a re-sequence moved later than their planned end: the ERP reports each. */
  async function pushedBack(
    ends: ReadonlyMap<string, IsoDate>,
    except: OrderTruth | undefined,
    cause: DelayCause,
    reason: string,
  ) {
    for (const [orderId, end] of [...ends].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const truth = truths.get(orderId);
      if (!truth || truth === except || truth.stage === 'SHIPPED' || truth.stage === 'DELIVERED') continue;
      if (end <= truth.productionEnd) continue;
      truth.productionEnd = end;
      await readyMoved(truth, end, reason, cause);
      schedule(orderId, end);
    }
  }

  async function advance(truth: OrderTruth) {
    const day = today();
    const demand = truth.demand;
    if (supplierNotices.get(truth.orderId) === day) {
      supplierNotices.delete(truth.orderId);
      const material = addBusinessDays(plant.plantCalendar, truth.materialReady, demand.supplierLateDays);
      truth.materialReady = material;
      const tomorrow = addDays(day, 1);
      const ends =
        truth.riskClass === 'made' ? world.delayOrder(truth.orderId, material, tomorrow) : new Map();
      const end = ends.get(truth.orderId);
      const ready = end && end > material ? end : material;
      if (ready > truth.productionEnd) truth.productionEnd = ready;
      await readyMoved(truth, truth.productionEnd, 'supplier delivery late', 'supplier');
      await pushedBack(ends, truth, 'pushed back', 'work re-sequenced behind a late supplier delivery');
      schedule(truth.orderId, truth.materialReady);
    }
    if (truth.stage === 'CONFIRMED' && truth.materialReady <= day) {
      // The parts are in: what the supplier cost this order is known now.
      if (truth.risks.supplier) model.observe(truth.risks.supplier, truth.delayedBy.supplier ?? 0);
      await erp(truth, 'MATERIALS_READY');
      await erp(truth, 'PRODUCTION_STARTED');
      truth.stage = 'PRODUCTION_STARTED';
      schedule(truth.orderId, truth.productionEnd > day ? truth.productionEnd : day);
      if (truth.productionEnd > day) return;
    }
    if (truth.stage === 'PRODUCTION_STARTED' && truth.productionEnd <= day) {
      if (!truth.yieldChecked) {
        truth.yieldChecked = true;
        if (demand.lostUnits > 0 && truth.riskClass === 'made') {
          // Units lost at the end of production are made again: the order waits for the rework.
          const product = world.products.get(demand.sku);
          const ends = new Map<string, IsoDate>();
          for (const step of product?.routing ?? [])
            mergeEnds(
              ends,
              world.addWork(
                truth.orderId,
                step.workCenter,
                demand.lostUnits * step.hoursPerUnit + step.setupHours,
                addDays(day, 1),
              ),
            );
          const own = ends.get(truth.orderId);
          const end = own && own > day ? own : day;
          truth.productionEnd = end;
          await pushedBack(ends, truth, 'pushed back', 'work re-sequenced behind rework');
          await readyMoved(truth, end, `${demand.lostUnits} unit(s) lost to yield, made again`, 'yield');
          schedule(truth.orderId, end);
          return;
        }
      }
      await erp(truth, 'PRODUCTION_COMPLETED');
      if (truth.risks.production)
        model.observe(
          truth.risks.production,
          (truth.delayedBy.breakdown ?? 0) +
            (truth.delayedBy.yield ?? 0) +
            (truth.delayedBy['pushed back'] ?? 0),
        );
      const delivery = deliveryFrom(truth, day, demand.shipmentLateDays);
      if (demand.shipmentLateDays > 0) truth.delayedBy.transport = demand.shipmentLateDays;
      // The carrier's estimate at pickup says how late this shipment is.
      model.observe(truth.risks.transport, demand.shipmentLateDays);
      truth.delivery = delivery;
      if (!truth.lateKnownOn && delivery > truth.firstPromise) truth.lateKnownOn = day;
      await erp(truth, 'SHIPPED', { carrier: 'SimFreight', estimatedDelivery: delivery });
      truth.stage = 'SHIPPED';
      schedule(truth.orderId, delivery);
      return;
    }
    if (truth.stage === 'SHIPPED' && truth.delivery && truth.delivery <= day) {
      await erp(truth, 'DELIVERED');
      truth.stage = 'DELIVERED';
      truth.deliveredOn = day;
      delivered += 1;
    }
  }

  const byDay = new Map<IsoDate, DemandOrder[]>();
  for (const order of scenario.orders) byDay.set(order.day, [...(byDay.get(order.day) ?? []), order]);
  const lastArrival = scenario.orders.at(-1)?.day ?? scenario.start;
  const total = scenario.orders.length;
  // Progress counts every order, the warm-up's included.
  for (let day = scenario.start; ; day = addDays(day, 1)) {
    if (day > lastArrival && delivered + lost === truths.size) break;
    if (day > addDays(lastArrival, 400)) break;
    clock = new Date(`${day}T06:00:00Z`);
    if (isWorkingDay(plant.plantCalendar, day)) {
      for (const breakdown of scenario.breakdowns.get(day) ?? []) {
        const ends = world.breakDown(breakdown.workCenter, breakdown.days);
        await pushedBack(ends, undefined, 'breakdown', `work center ${breakdown.workCenter} broke down`);
      }
    }
    // Orders whose day has come, in a stable order, in the morning and again after the day's
    // inquiries (what is ready today ships today); a step may schedule the same order again today.
    const work = async (at: string) => {
      for (let pass = 0; pass < 4; pass += 1) {
        const ids = [...(due.get(day) ?? [])].sort();
        due.delete(day);
        if (!ids.length) break;
        for (const orderId of ids) {
          clock = new Date(`${day}T${at}Z`);
          const truth = truths.get(orderId);
          if (truth && truth.stage !== 'DELIVERED' && truth.stage !== 'LOST') await advance(truth);
        }
      }
    };
    observeReliability(day);
    await work('06:30:00');
    for (const demand of byDay.get(day) ?? []) await arrive(demand);
    await work('14:30:00');
    capacityViolations.push(
      ...world.closeDay(day, day >= scenario.measuredFrom && day <= lastArrival).capacityViolations,
    );
    onProgress?.(delivered, total);
  }

  const days: IsoDate[] = [];
  for (let day = scenario.measuredFrom; day <= lastArrival; day = addDays(day, 1)) days.push(day);
  const capacity = world.totalCapacity(days);
  const utilisation = [...capacity].map(
    ([center, hours]) => [center, hours > 0 ? (world.usedHours.get(center) ?? 0) / hours : 0] as const,
  );
  const pending = world.pendingHolds();
  const stockBalanced =
    world.ledger.initial + world.ledger.added - world.ledger.consumed === world.stockOnHand() &&
    pending.consume >= 0 &&
    pending.add >= 0;
  return {
    policy,
    truths: [...truths.values()],
    notices,
    noticeCount,
    warnings,
    utilisation,
    invariants: {
      capacityViolations,
      lowestOnHand: world.lowestOnHand,
      stockBalanced,
      unfinished: [...truths.values()]
        .filter((truth) => truth.stage !== 'DELIVERED')
        .map((truth) => truth.orderId),
    },
    finalOrders: repository.allOrders().map((order) => ({
      orderId: order.orderId,
      status: order.status,
      ...(order.promisedDate ? { promisedDate: order.promisedDate } : {}),
      ...(order.promiseVersion ? { promiseVersion: order.promiseVersion } : {}),
    })),
  };
}
