/**
 * Promise policies shared by the product and the simulator (sim/ imports these): the risks on a
 * promise's path, the buffer that covers them with a set confidence, what an ERP event teaches
 * about them, and the share of supply kept for tier A. No storage, no AWS.
 */
import { addBusinessDays, businessDaysBetween, localDateTime } from './calendar.ts';
import { exposureBucket, type ReliabilityModel, type RiskKey } from './reliability.ts';
import type {
  IsoDate,
  PlantSettings,
  PromiseResult,
  SupplySnapshot,
  VersionedPromise,
  WorkCenter,
} from './types.ts';

export interface PathRisks {
  readonly supplier?: RiskKey;
  readonly production?: RiskKey;
  readonly transport: RiskKey;
}

/** The plan's entry of a bought part: what the supplier must deliver, if the plan waits for one. */
const boughtEntry = (plan: PromiseResult) =>
  (plan.lines[0]?.basis ?? []).find(
    (entry) => entry.kind === 'purchase-lead-time' || entry.kind === 'awaiting-receipt',
  );

/** The day the plan has goods ready to leave: its last entry before transit. */
const readyDate = (plan: PromiseResult) =>
  (plan.lines[0]?.basis ?? [])
    .filter((entry) => entry.kind !== 'transit' && entry.kind !== 'order-cutoff')
    .at(-1)?.date;

/**
 * The risks on a plan's path: the carrier always; a supplier only when the plan waits for a
 * purchase or a receipt (stock on hand needs no supplier buffer); production only when the plan
 * makes something, keyed by how long its work waits in the queue (more waiting, more to push it).
 */
export function pathRisks(
  plan: PromiseResult,
  region: string,
  countsFrom: IsoDate,
  plant: PlantSettings,
): PathRisks {
  const bought = boughtEntry(plan);
  const ready = readyDate(plan);
  const exposure =
    ready && ready > countsFrom ? businessDaysBetween(plant.plantCalendar, countsFrom, ready) : 0;
  return {
    transport: { key: `transport:${region}`, pool: 'transport' },
    ...(bought && 'sku' in bought ? { supplier: { key: `supplier:${bought.sku}`, pool: 'supplier' } } : {}),
    ...(plan.usedCtp
      ? { production: { key: `production:${exposureBucket(exposure)}`, pool: 'production' } }
      : {}),
  };
}

/** The path's risks as one list, in the order the buffer convolves them. */
export const risksOf = (risks: PathRisks): RiskKey[] => [
  risks.transport,
  ...(risks.supplier ? [risks.supplier] : []),
  ...(risks.production ? [risks.production] : []),
];

/**
 * The engine's date plus the business days (shipping calendar) that cover the path's risks with
 * this confidence; a path without enough history gets no buffer.
 */
export function bufferedDate(
  plan: PromiseResult,
  plant: PlantSettings,
  model: ReliabilityModel,
  risks: PathRisks,
  confidence: number,
): { date: IsoDate; buffer: number } {
  const buffer = model.buffer(risksOf(risks), confidence);
  return { date: addBusinessDays(plant.shippingCalendar, plan.date, buffer), buffer };
}

/**
 * What a promise's plan expects of its path, kept with the promise so that ERP events can be
 * judged against the plan quoted even after a reported delay replaced the promise's basis.
 */
export interface PathPlan {
  readonly risks: PathRisks;
  /** When the supplier's parts should be in (only when the plan waits for a purchase or receipt). */
  readonly materialReady?: IsoDate;
  /** When production should be complete (only when the plan makes something). */
  readonly ready?: IsoDate;
  /** Business days the supplier was late for this order, once MATERIALS_READY told. */
  readonly supplierLateDays?: number;
}

export function pathPlanOf(
  plan: PromiseResult,
  region: string,
  countsFrom: IsoDate,
  plant: PlantSettings,
): PathPlan {
  const risks = pathRisks(plan, region, countsFrom, plant);
  const basis = plan.lines[0]?.basis ?? [];
  // A made item is ready for production when its last component is; a bought one when it arrives.
  const materialReady =
    basis.findLast((entry) => entry.kind === 'material-ready')?.date ?? boughtEntry(plan)?.date;
  const ready = readyDate(plan);
  return {
    risks,
    ...(risks.supplier && materialReady ? { materialReady } : {}),
    ...(risks.production && ready ? { ready } : {}),
  };
}

/** One lateness observation an ERP event gives about a risk of the order's path. */
export interface Observation {
  readonly risk: RiskKey;
  readonly businessDaysLate: number;
}

const lateBy = (calendar: PlantSettings['plantCalendar'], due: IsoDate, actual: IsoDate) =>
  actual > due ? businessDaysBetween(calendar, due, actual) : 0;

/**
 * What an ERP event teaches, as the simulator learns it: a supplier's lateness when the materials
 * are in (only when the plan waited for a supplier), production's at completion (beyond what the
 * supplier already cost), the carrier's at shipping (its estimate against the transit time).
 */
/** The ERP events that say how late a risk on the path was: the only ones observationOf reads. */
export const TEACHING_EVENTS: ReadonlySet<string> = new Set([
  'MATERIALS_READY',
  'PRODUCTION_COMPLETED',
  'SHIPPED',
]);

export function observationOf(
  event: { readonly type: string; readonly data: Record<string, unknown>; readonly occurredAt: string },
  path: PathPlan,
  plant: PlantSettings,
  transitDays: number,
): Observation | undefined {
  const day = localDateTime(new Date(event.occurredAt), plant.timeZone).date;
  if (event.type === 'MATERIALS_READY' && path.risks.supplier && path.materialReady)
    return {
      risk: path.risks.supplier,
      businessDaysLate: lateBy(plant.plantCalendar, path.materialReady, day),
    };
  if (event.type === 'PRODUCTION_COMPLETED' && path.risks.production && path.ready)
    return {
      risk: path.risks.production,
      businessDaysLate: Math.max(
        0,
        lateBy(plant.plantCalendar, path.ready, day) - (path.supplierLateDays ?? 0),
      ),
    };
  if (event.type === 'SHIPPED' && typeof event.data.estimatedDelivery === 'string') {
    const due = addBusinessDays(plant.shippingCalendar, day, transitDays);
    return {
      risk: path.risks.transport,
      businessDaysLate: lateBy(plant.shippingCalendar, due, event.data.estimatedDelivery),
    };
  }
  return undefined;
}

/**
 * The promise with its most likely date set to a new projection: only a buffered promise has one,
 * and only while the projection is earlier than the promise.
 */
export function withLikelyDate(promise: VersionedPromise, projected: IsoDate): VersionedPromise {
  if (promise.bufferDays === undefined) return promise;
  const { likelyDate: _previous, ...rest } = promise;
  return projected < promise.date ? { ...rest, likelyDate: projected } : rest;
}

/**
 * Whether a projection that still keeps the promise has eaten more than half of its buffer: the
 * customer should hear early, before the promise itself slips.
 */
export function bufferMostlyEaten(
  promise: VersionedPromise,
  projected: IsoDate,
  plant: PlantSettings,
): boolean {
  const buffer = promise.bufferDays ?? 0;
  if (buffer <= 0 || projected > promise.date) return false;
  const left = businessDaysBetween(plant.shippingCalendar, projected, promise.date);
  return left * 2 < buffer;
}

/**
 * What a customer outside tier A is quoted from when a share is protected for tier A: that share
 * of stock on hand, of each scheduled receipt and of every work center's hours is left out (as the
 * simulator's snapshot does with stock and hours), so it stays free for tier A orders.
 */
export function withoutProtectedShare(snapshot: SupplySnapshot, share: number): SupplySnapshot {
  if (share <= 0) return snapshot;
  const keep = 1 - share;
  return {
    ...withBookableHours(snapshot, keep),
    onHand: new Map([...snapshot.onHand].map(([sku, units]) => [sku, Math.floor(units * keep)])),
    receipts: snapshot.receipts.map((receipt) => ({
      ...receipt,
      quantity: Math.floor(receipt.quantity * keep),
    })),
  };
}

/** The supply with only `share` of every work center's hours (the simulator's "hours free"). */
export function withBookableHours(snapshot: SupplySnapshot, share: number): SupplySnapshot {
  if (share >= 1) return snapshot;
  const scale = (hours: number | undefined) => (hours ?? 0) * share;
  return {
    ...snapshot,
    workCenters: new Map(
      [...snapshot.workCenters].map(([id, center]) => [
        id,
        {
          ...center,
          hoursByWeekday: Object.fromEntries(
            Object.entries(center.hoursByWeekday).map(([weekday, hours]) => [weekday, scale(hours)]),
          ) as WorkCenter['hoursByWeekday'],
          exceptions: Object.fromEntries(
            Object.entries(center.exceptions).map(([date, hours]) => [date, scale(hours)]),
          ),
        },
      ]),
    ),
  };
}

/** A promise whose buffer is mostly eaten while it still holds: the customer hears once per version. */
export interface EarlyWarning {
  readonly version: number;
  readonly promisedDate: IsoDate;
  readonly projectedDate: IsoDate;
}

/** The early warning a projection calls for under the plant's policy, if any. */
export function earlyWarningFor(
  promise: VersionedPromise,
  projected: IsoDate,
  plant: PlantSettings,
): EarlyWarning | undefined {
  if (!plant.promisePolicy?.earlyWarning || !bufferMostlyEaten(promise, projected, plant)) return undefined;
  return { version: promise.version, promisedDate: promise.date, projectedDate: projected };
}
