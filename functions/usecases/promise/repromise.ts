import { isWorkCenterPartition, skuOfPartition, type PromiseRecord } from '../../domain/promise/records.ts';
import {
  computePromise,
  localDateTime,
  overCommittedReservations,
  recheckPromise,
  type BasisEntry,
  type SupplySnapshot,
} from '../../domain/promise/index.ts';
import { groupBy } from '../../domain/promise/group.ts';
import { earlyWarningFor, withLikelyDate, type EarlyWarning } from '../../domain/promise/policy.ts';
import { ConcurrentChangeError } from '../../shared/errors.ts';
import { mapWithLimit } from '../../shared/map-with-limit.ts';
import { logger } from '../../shared/powertools/logger.ts';
import type { Dependencies, PromiseDeps } from './ports.ts';
import { requestOf, withRetries } from './quote.ts';

/** The outcome of re-checking one open order after a supply change. */
export interface PromiseChange {
  readonly orderId: string;
  /** `changed`: the promise could not hold and has a new version; `kept`: it still holds. */
  readonly kind: 'kept' | 'changed';
  /** The projection got later (a changed promise always has). */
  readonly slipped: boolean;
  readonly previousDate: string;
  readonly newDate: string;
  /** Version of the promise after the re-check. */
  readonly version: number;
  readonly cause: readonly BasisEntry[];
  /** SKUs this order holds whose commitments exceed supply (cumulative balance below zero): at risk. */
  readonly overCommitted: readonly string[];
  /** Those of `overCommitted` that were not over-committed at the previous re-check: flag once. */
  readonly newlyOverCommitted: readonly string[];
  /** The promise holds, but the projection ate more than half of its buffer (plant policy). */
  readonly earlyWarning?: EarlyWarning;
}

/**
 * SKUs the order holds that supply no longer covers: the cumulative balance (everyone's holds
 * included) is below zero on the date of one of the order's holds.
 */
function overCommittedHeld(record: PromiseRecord, snapshot: SupplySnapshot, now: Date): string[] {
  const today = localDateTime(now, snapshot.plant.timeZone).date;
  return record.holds
    .filter((hold) => !isWorkCenterPartition(hold.partition))
    .map((hold) => skuOfPartition(hold.partition))
    .filter((sku) =>
      overCommittedReservations(
        today,
        snapshot.onHand.get(sku) ?? 0,
        snapshot.receipts.filter((receipt) => receipt.sku === sku),
        snapshot.stockReservations.filter((reservation) => reservation.sku === sku),
      ).some((shortfall) => shortfall.orderId === record.orderId),
    );
}

/** The shared snapshot of a group of orders, indexed so each order's own view costs only its closure. */
function indexSnapshot(shared: SupplySnapshot) {
  const receipts = groupBy(shared.receipts, (receipt) => receipt.sku);
  const stockHolds = groupBy(shared.stockReservations, (hold) => hold.sku);
  const hourHolds = groupBy(shared.capacityReservations, (hold) => hold.workCenter);
  /** Exactly what loadSnapshot would have returned for these SKUs: their BOM closure and routings. */
  return (skus: readonly string[]): SupplySnapshot => {
    const closure = new Set<string>();
    const centers = new Set<string>();
    const stack = [...skus];
    while (stack.length) {
      const sku = stack.pop() as string;
      if (closure.has(sku)) continue;
      closure.add(sku);
      const product = shared.products.get(sku);
      for (const line of product?.bom ?? []) stack.push(line.sku);
      for (const step of product?.routing ?? []) centers.add(step.workCenter);
    }
    const pickFrom = <V>(map: ReadonlyMap<string, V>, keys: Iterable<string>) =>
      new Map([...keys].flatMap((key) => (map.has(key) ? [[key, map.get(key) as V] as const] : [])));
    return {
      plant: shared.plant,
      products: pickFrom(shared.products, closure),
      onHand: pickFrom(shared.onHand, closure),
      receipts: [...closure].flatMap((sku) => receipts.get(sku) ?? []),
      stockReservations: [...closure].flatMap((sku) => stockHolds.get(sku) ?? []),
      workCenters: pickFrom(shared.workCenters, centers),
      capacityReservations: [...centers].flatMap((id) => hourHolds.get(id) ?? []),
      transitDays: shared.transitDays,
    };
  };
}

/**
 * Re-checks one open order on a snapshot: keep a still-feasible promise (an earlier date is only
 * offered), or store a new version with its cause. The write is conditional on the record read,
 * so a concurrent re-check or reservation is never overwritten (ConcurrentChangeError instead).
 */
async function recheckOn(
  deps: PromiseDeps,
  record: PromiseRecord,
  snapshot: SupplySnapshot,
  now: Date,
): Promise<PromiseChange> {
  // On all supply: a tier A order using the protected share must not move a B order's promise.
  const fresh = computePromise(requestOf(record), snapshot, now);
  const recheck = recheckPromise(record.promise, fresh, record.projection?.date);
  const promise = recheck.kind === 'changed' ? recheck.promise : withLikelyDate(record.promise, fresh.date);
  const earlyWarning =
    recheck.kind === 'kept' ? earlyWarningFor(record.promise, fresh.date, snapshot.plant) : undefined;
  const betterDateOffered = recheck.kind === 'kept' ? recheck.betterDateOffered : undefined;
  const overCommitted = overCommittedHeld(record, snapshot, now);
  const unchanged =
    recheck.kind === 'kept' &&
    record.projection?.date === fresh.date &&
    promise.likelyDate === record.promise.likelyDate &&
    record.projection.betterDateOffered === betterDateOffered &&
    (record.overCommitted ?? []).join() === overCommitted.join();
  // Nothing but the time of the check would change: skip the write (a supply change can touch
  // thousands of orders, most of which keep their promise and their projection).
  if (!unchanged) {
    const { overCommitted: _previous, revision: _revision, ...rest } = record;
    await deps.records.put(
      {
        ...rest,
        promise,
        projection: {
          date: fresh.date,
          computedAt: fresh.computedAt,
          ...(betterDateOffered ? { betterDateOffered } : {}),
        },
        ...(overCommitted.length ? { overCommitted } : {}),
      },
      record,
    );
  }
  return {
    orderId: record.orderId,
    kind: recheck.kind,
    slipped: recheck.kind === 'kept' ? recheck.slipped : true,
    previousDate: record.promise.date,
    newDate: promise.date,
    version: promise.version,
    cause: recheck.kind === 'changed' ? (recheck.promise.cause ?? []) : fresh.basis,
    overCommitted,
    newlyOverCommitted: overCommitted.filter((sku) => !(record.overCommitted ?? []).includes(sku)),
    ...(earlyWarning ? { earlyWarning } : {}),
  };
}

/** One order on its own: fresh record, fresh snapshot (the fallback after losing a race). */
async function repromiseOne(
  deps: PromiseDeps,
  orderId: string,
  now: Date,
): Promise<PromiseChange | undefined> {
  const record = await deps.records.get(orderId);
  if (!record?.open) return undefined;
  const { snapshot } = await deps.supply.loadSnapshot(
    record.lines.map((line) => line.sku),
    record.region,
  );
  return recheckOn(deps, record, snapshot, now);
}

/** Orders re-checked per shared snapshot: bounds memory while keeping reads batched. */
const GROUP_SIZE = 250;

/**
 * After a supply change: find the open orders that depend on the changed SKUs or work centers
 * (GSI3, no scan), re-check each and store projections and new versions. Returns one entry per
 * open order found, sorted by order id.
 * 1. Query the dependency index for every changed SKU and work center.
 * 2. Per group of orders: BatchGet their records, load ONE snapshot of all their SKUs (one
 *    BatchGetItem round per BOM level), and re-check each order on its own part of it.
 * 3. Store each order conditionally on the record read, with bounded parallelism; an order that
 *    lost a race to another writer is re-read and re-checked on its own.
 */
export async function repromiseDependents(
  deps: PromiseDeps,
  changed: Dependencies,
  parallelism = 16,
): Promise<PromiseChange[]> {
  // One instant for the whole change: every order is judged against the same today.
  const now = deps.now();
  const orderIds = await deps.records.findDependents(changed);
  const changes: PromiseChange[] = [];
  for (let start = 0; start < orderIds.length; start += GROUP_SIZE) {
    const group = await deps.records.getMany(orderIds.slice(start, start + GROUP_SIZE));
    // Left behind by a release that raced a reservation: stop finding these orders.
    await mapWithLimit(
      group.filter((record) => !record.open),
      parallelism,
      (record) => deps.records.deleteDependencies(record.orderId),
    );
    const open = group.filter((record) => record.open);
    const { snapshot } = await deps.supply.loadSnapshot(
      open.flatMap((record) => record.lines.map((line) => line.sku)),
    );
    const view = indexSnapshot(snapshot);
    const results = await mapWithLimit(open, parallelism, async (record) => {
      try {
        return await recheckOn(deps, record, view(record.lines.map((line) => line.sku)), now);
      } catch (error) {
        if (!(error instanceof ConcurrentChangeError)) throw error;
        return withRetries(4, () => repromiseOne(deps, record.orderId, now));
      }
    });
    changes.push(...results.filter((change): change is PromiseChange => change !== undefined));
  }
  logger.info('Re-promised dependents of a supply change', {
    skus: changed.skus.length,
    workCenters: changed.workCenters.length,
    regions: changed.regions?.length ?? 0,
    plant: changed.plant ?? false,
    orders: changes.length,
    changed: changes.filter((change) => change.kind === 'changed').length,
  });
  return changes.sort((a, b) => a.orderId.localeCompare(b.orderId));
}
