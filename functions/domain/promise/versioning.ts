import { addBusinessDays } from './calendar.ts';
import type {
  BasisEntry,
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
    return {
      kind: 'kept',
      projection: fresh,
      slipped: previousProjection !== undefined && fresh.date > previousProjection,
      ...(fresh.date < stored.date ? { betterDateOffered: fresh.date } : {}),
    };
  }
  return {
    kind: 'changed',
    projection: fresh,
    promise: {
      version: stored.version + 1,
      date: fresh.date,
      result: fresh,
      cause: fresh.basis,
      previousDate: stored.date,
    },
  };
}

/** A promise version set by a person (sales adjusting the date), with the reason as its cause. */
export function adjustedVersion(stored: VersionedPromise, date: IsoDate, reason: string): VersionedPromise {
  const cause: BasisEntry[] = [{ kind: 'reported-delay', stage: 'SALES_ADJUSTMENT', reason, date }];
  return {
    version: stored.version + 1,
    date,
    result: { ...stored.result, date },
    cause,
    previousDate: stored.date,
  };
}

const BEFORE_SHIPPING = new Set(['MATERIALS_READY', 'PRODUCTION_STARTED', 'PRODUCTION_COMPLETED']);

/**
 * The delivery date an ERP report implies: a delay at a stage before shipping moves the ready date,
 * to which transit is added; a shipment's carrier estimate is the delivery date itself.
 * Undefined when the event says nothing about dates.
 */
export function projectFromStageEvent(
  event: { type: string; data: Record<string, unknown> },
  context: { plant: PlantSettings; transitDays: number; region: string },
): { date: IsoDate; basis: BasisEntry[] } | undefined {
  if (event.type === 'DELAY_REPORTED') {
    const stage = String(event.data.stage);
    const estimate = String(event.data.newEstimatedDate);
    const reported: BasisEntry = {
      kind: 'reported-delay',
      stage,
      reason: String(event.data.reason ?? ''),
      date: estimate,
    };
    if (!BEFORE_SHIPPING.has(stage)) return { date: estimate, basis: [reported] };
    const date = addBusinessDays(context.plant.shippingCalendar, estimate, context.transitDays);
    return {
      date,
      basis: [reported, { kind: 'transit', region: context.region, businessDays: context.transitDays, date }],
    };
  }
  if (event.type === 'SHIPPED' && event.data.estimatedDelivery) {
    const date = String(event.data.estimatedDelivery);
    return { date, basis: [{ kind: 'carrier-estimate', carrier: String(event.data.carrier ?? ''), date }] };
  }
  return undefined;
}
