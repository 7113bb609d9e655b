import { addBusinessDays, businessDaysBetween } from './calendar.ts';
import type {
  BasisEntry,
  Calendar,
  IsoDate,
  PlantSettings,
  PromiseRecheck,
  PromiseResult,
  VersionedPromise,
} from './types.ts';

/** Version 1 of a promise, from its first computation. */
export const firstVersion = (result: PromiseResult): VersionedPromise => ({
  version: 1,
  date: result.date,
  result,
});

/**
 * What set the new date: the entries of the fresh basis that the stored promise did not have (a
 * new shortage, a full work center); the whole fresh basis when nothing differs entry by entry.
 */
function changedBasis(before: readonly BasisEntry[], after: readonly BasisEntry[]): readonly BasisEntry[] {
  const known = new Set(before.map((entry) => JSON.stringify(entry)));
  const changed = after.filter((entry) => !known.has(JSON.stringify(entry)));
  return changed.length ? changed : after;
}

/**
 * Re-checks a stored promise against a fresh computation. A date that is still feasible never
 * moves (no flapping, no quiet improvements): an earlier date is only offered. A later date makes
 * a new version, with the basis of the new date as its cause. `slipped` tells when the projection
 * got later than before even though the promise still holds (tier A customers hear about that).
 */
export function recheckPromise(
  stored: VersionedPromise,
  fresh: PromiseResult,
  previousProjection?: IsoDate,
): PromiseRecheck {
  if (fresh.date <= stored.date) {
    // A buffered promise is always later than the engine: only a date before the likely one is better.
    const offerBefore = stored.bufferDays !== undefined ? (stored.likelyDate ?? stored.date) : stored.date;
    return {
      kind: 'kept',
      projection: fresh,
      slipped: previousProjection !== undefined && fresh.date > previousProjection,
      ...(fresh.date < offerBefore ? { betterDateOffered: fresh.date } : {}),
    };
  }
  return {
    kind: 'changed',
    projection: fresh,
    promise: {
      version: stored.version + 1,
      date: fresh.date,
      result: fresh,
      cause: changedBasis(stored.result.basis, fresh.basis),
      previousDate: stored.date,
    },
  };
}

/** A promise version set by a person (sales adjusting the date), with the reason as its cause. */
/** The basis stage of a date sales set earlier than the engine's capable date. */
export const SALES_OVERRIDE = 'SALES_OVERRIDE';

export function adjustedVersion(
  stored: VersionedPromise,
  date: IsoDate,
  reason: string,
  override = false,
): VersionedPromise {
  // An override promises earlier than the plant can make it: the basis says so, in words sales read.
  const stage = override ? SALES_OVERRIDE : 'SALES_ADJUSTMENT';
  const cause: BasisEntry[] = [{ kind: 'reported-delay', stage, reason, date }];
  return {
    version: stored.version + 1,
    date,
    result: { ...stored.result, date },
    cause,
    previousDate: stored.date,
  };
}

/** Stages whose reported date is when goods are ready to ship: transit follows. */
const READY_TO_SHIP = new Set(['PRODUCTION_COMPLETED', 'SHIPPED']);
/** Stages before production ends: the plan's remaining production days follow, then transit. */
const BEFORE_PRODUCTION_ENDS = new Set(['MATERIALS_READY', 'PRODUCTION_STARTED']);

/**
 * Plant working days the plan leaves between material ready and the end of production, and the
 * made SKU, read from the promise's basis; 0 days when the basis does not say.
 */
function remainingProduction(plan: PromiseResult | undefined, calendar: Calendar) {
  const ready = plan?.basis.findLast((entry) => entry.kind === 'material-ready');
  const complete = plan?.basis.findLast((entry) => entry.kind === 'production-complete');
  return {
    days: ready && complete ? businessDaysBetween(calendar, ready.date, complete.date) : 0,
    sku: complete?.kind === 'production-complete' ? complete.sku : undefined,
  };
}

/**
 * The delivery date an ERP report implies, with its basis. Kept simple on purpose:
 * - DELAY_REPORTED for MATERIALS_READY or PRODUCTION_STARTED: the new estimate, plus the plant
 *   working days the plan had between material ready and production complete (from
 *   `context.plan`, the promise in force; none when absent), plus transit;
 * - DELAY_REPORTED for PRODUCTION_COMPLETED or SHIPPED: the new estimate is when goods leave, so
 *   transit is added;
 * - DELAY_REPORTED for DELIVERED: the new estimate is the delivery date;
 * - SHIPPED with an estimated delivery: the carrier's estimate is the delivery date.
 * Undefined when the event says nothing about dates.
 */
export function projectFromStageEvent(
  event: { type: string; data: Record<string, unknown> },
  context: { plant: PlantSettings; transitDays: number; region: string; plan?: PromiseResult },
): { date: IsoDate; basis: BasisEntry[] } | undefined {
  if (event.type === 'DELAY_REPORTED' && typeof event.data.newEstimatedDate === 'string') {
    const stage = String(event.data.stage);
    const estimate = event.data.newEstimatedDate;
    const reported: BasisEntry = {
      kind: 'reported-delay',
      stage,
      reason: String(event.data.reason ?? ''),
      date: estimate,
      ...(typeof event.data.customerNote === 'string' ? { customerNote: event.data.customerNote } : {}),
      ...(typeof event.data.category === 'string'
        ? { category: event.data.category as 'material' | 'capacity' | 'transport' | 'quality' }
        : {}),
    };
    if (!READY_TO_SHIP.has(stage) && !BEFORE_PRODUCTION_ENDS.has(stage))
      return { date: estimate, basis: [reported] };
    const { plantCalendar, shippingCalendar } = context.plant;
    const basis: BasisEntry[] = [reported];
    let leaves = estimate;
    if (BEFORE_PRODUCTION_ENDS.has(stage)) {
      const remaining = remainingProduction(context.plan, plantCalendar);
      leaves = addBusinessDays(plantCalendar, estimate, remaining.days);
      if (remaining.sku) basis.push({ kind: 'production-complete', sku: remaining.sku, date: leaves });
    }
    const date = addBusinessDays(shippingCalendar, leaves, context.transitDays);
    basis.push({ kind: 'transit', region: context.region, businessDays: context.transitDays, date });
    return { date, basis };
  }
  if (event.type === 'SHIPPED' && typeof event.data.estimatedDelivery === 'string') {
    const date = event.data.estimatedDelivery;
    return { date, basis: [{ kind: 'carrier-estimate', carrier: String(event.data.carrier ?? ''), date }] };
  }
  return undefined;
}
