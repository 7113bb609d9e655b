import type { PromiseRecord } from '../../adapters/dynamodb/entities/promise.ts';
import { skuOfPartition } from '../../adapters/dynamodb/entities/supply.ts';
import { isWorkCenterPartition } from '../../adapters/dynamodb/entities/work-center.ts';
import * as records from '../../adapters/dynamodb/promise-repository.ts';
import { loadSnapshot, mapWithLimit } from '../../adapters/dynamodb/supply-repository.ts';
import { localDateTime } from '../../domain/promise/calendar.ts';
import {
  atpProfile,
  computePromise,
  isOverCommitted,
  recheckPromise,
  type BasisEntry,
  type SupplySnapshot,
} from '../../domain/promise/index.ts';
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
}

/** SKUs the order holds whose cumulative balance (everyone's holds included) goes below zero. */
function overCommittedHeld(record: PromiseRecord, snapshot: SupplySnapshot, now: Date): string[] {
  const today = localDateTime(now, snapshot.plant.timeZone).date;
  return record.holds
    .filter((hold) => !isWorkCenterPartition(hold.partition))
    .map((hold) => skuOfPartition(hold.partition))
    .filter((sku) =>
      isOverCommitted(
        atpProfile(
          today,
          snapshot.onHand.get(sku) ?? 0,
          snapshot.receipts.filter((receipt) => receipt.sku === sku),
          snapshot.stockReservations.filter((reservation) => reservation.sku === sku),
        ),
      ),
    );
}

/**
 * Re-checks one open order: recompute on current supply, keep a still-feasible promise (an earlier
 * date is only offered), or store a new version with its cause. The write is conditional on the
 * record read, so a concurrent re-check or reservation is never overwritten.
 */
async function repromise(orderId: string, now: Date): Promise<PromiseChange | undefined> {
  const record = await records.getPromiseRecord(orderId);
  if (!record) return undefined;
  if (!record.open) {
    // Left behind by a release that raced a reservation: stop finding this order.
    await records.deleteDependencies(orderId);
    return undefined;
  }
  const { snapshot } = await loadSnapshot(
    record.lines.map((line) => line.sku),
    record.region,
  );
  const fresh = computePromise(requestOf(record), snapshot, now);
  const recheck = recheckPromise(record.promise, fresh, record.projection?.date);
  const promise = recheck.kind === 'changed' ? recheck.promise : record.promise;
  const betterDateOffered = recheck.kind === 'kept' ? recheck.betterDateOffered : undefined;
  const overCommitted = overCommittedHeld(record, snapshot, now);
  const { overCommitted: _previous, revision: _revision, ...rest } = record;
  await records.putPromiseRecord(
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
  return {
    orderId,
    kind: recheck.kind,
    slipped: recheck.kind === 'kept' ? recheck.slipped : true,
    previousDate: record.promise.date,
    newDate: promise.date,
    version: promise.version,
    cause: recheck.kind === 'changed' ? (recheck.promise.cause ?? []) : fresh.basis,
    overCommitted,
    newlyOverCommitted: overCommitted.filter((sku) => !(record.overCommitted ?? []).includes(sku)),
  };
}

/**
 * After a supply change: find the open orders that depend on the changed SKUs or work centers
 * (GSI3, no scan), re-check each with bounded parallelism, store projections and new versions.
 * Returns one entry per open order found, sorted by order id.
 * 1. Query the dependency index for every changed SKU and work center.
 * 2. Re-check each order (re-reading and retrying when a concurrent writer got there first).
 */
export async function repromiseDependents(
  changed: { readonly skus: readonly string[]; readonly workCenters: readonly string[] },
  now: Date,
  parallelism = 16,
): Promise<PromiseChange[]> {
  const orderIds = await records.findDependents(changed.skus, changed.workCenters);
  const changes = await mapWithLimit(orderIds, parallelism, (orderId) =>
    withRetries(4, () => repromise(orderId, now)),
  );
  return changes.filter((change): change is PromiseChange => change !== undefined);
}
