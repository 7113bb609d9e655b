/**
 * The plant's promise policy (PlantSettings.promisePolicy) applied to what the engine computed:
 * the supply a customer is quoted from, and the promise with its confidence buffer.
 */
import {
  bufferedDate,
  pathPlanOf,
  risksOf,
  withBookableHours,
  withoutProtectedShare,
  type PathPlan,
} from '../../domain/promise/policy.ts';
import { DEFAULT_RELIABILITY, ReliabilityModel, type RiskKey } from '../../domain/promise/reliability.ts';
import {
  computePromise,
  firstVersion,
  orderCountsFrom,
  type IsoDate,
  type PlantSettings,
  type PromiseRequest,
  type PromiseResult,
  type SupplySnapshot,
  type VersionedPromise,
} from '../../domain/promise/index.ts';
import type { PromiseDeps, ReliabilityStore } from './ports.ts';

/**
 * The supply an order is promised from: the bookable share of the hours, and of that all of it
 * for tier A, less the protected share for others.
 */
export function quotingSnapshot(snapshot: SupplySnapshot, tier: string | undefined): SupplySnapshot {
  const policy = snapshot.plant.promisePolicy;
  const bookable = withBookableHours(snapshot, policy?.bookableHoursShare ?? 1);
  const share = policy?.tierAProtectedShare ?? 0;
  // An order without a known tier (stored before tiers counted) is quoted as before.
  return share > 0 && tier !== undefined && tier !== 'A' ? withoutProtectedShare(bookable, share) : bookable;
}

/**
 * The plan an order reserves: from its tier's share of supply while that keeps its promise (so a
 * B order leaves tier A's share alone), otherwise from all of it, as the plant can physically
 * deliver; only a promise that all supply cannot keep moves.
 */
export function reservationPlan(
  request: PromiseRequest,
  order: { readonly tier?: string; readonly promisedDate: IsoDate },
  snapshot: SupplySnapshot,
  now: Date,
): PromiseResult {
  const quoting = quotingSnapshot(snapshot, order.tier);
  const fromShare = computePromise(request, quoting, now);
  return quoting === snapshot || fromShare.date <= order.promisedDate
    ? fromShare
    : computePromise(request, snapshot, now);
}

/** The reliability model of these risks, from what the store has learned so far. */
export async function learnedModel(
  store: ReliabilityStore,
  risks: readonly RiskKey[],
  minimumObservations = DEFAULT_RELIABILITY.minimumPool,
): Promise<ReliabilityModel> {
  const model = new ReliabilityModel({ ...DEFAULT_RELIABILITY, minimumPool: minimumObservations });
  const histories = await store.histories([...new Set(risks.flatMap((risk) => [risk.key, risk.pool]))]);
  for (const [key, days] of histories) model.restore(key, days);
  return model;
}

/**
 * Version 1 of a promise under the plant's policy, and the path its plan expects (kept with the
 * record so ERP events can teach lateness). With a confidence set, the promise is the engine's
 * date plus the buffer its path's history calls for, and the engine's date is the likely one.
 */
export async function firstPromiseUnderPolicy(
  deps: Pick<PromiseDeps, 'now' | 'reliability'>,
  result: PromiseResult,
  region: string,
  plant: PlantSettings,
): Promise<{ promise: VersionedPromise; path?: PathPlan }> {
  const first = firstVersion(result);
  if (!deps.reliability) return { promise: first };
  const { countsFrom } = orderCountsFrom(deps.now(), plant.timeZone, plant.dailyCutoff, plant.plantCalendar);
  const path = pathPlanOf(result, region, countsFrom, plant);
  const policy = plant.promisePolicy;
  if (policy?.confidence === undefined) return { promise: first, path };
  const model = await learnedModel(deps.reliability, risksOf(path.risks), policy.minimumObservations);
  const { date, buffer } = bufferedDate(result, plant, model, path.risks, policy.confidence);
  if (buffer <= 0) return { promise: first, path };
  return { promise: { ...first, date, likelyDate: result.date, bufferDays: buffer }, path };
}
