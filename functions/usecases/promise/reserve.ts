/**
 * Reserving stock and capacity at acceptance, and releasing it.
 *
 * Atomicity. An order's holds are written together with the version checks of every SKU and work
 * center they touch (SupplyRepository.commitHolds): a concurrent acceptance that read the same partitions
 * makes exactly one of them fail and recompute, so two orders never hold the same unit or hour.
 *
 * Orders too large for one transaction (DynamoDB takes 100 items; each hold needs two) reserve in
 * a saga, all or nothing:
 *  1. Intent: the promise record gets `pendingHolds` (every hold the order is about to write) and a
 *     lease `{token, since}`, by compare-and-swap on its revision, so only one writer owns it.
 *  2. The holds go out in chunks, each its own transaction with the same version conditions.
 *  3. Commit: the record's `holds` is set and the pending fields removed, again by compare-and-swap.
 *  If a chunk fails (someone else moved a version), the saga compensates: it deletes every pending
 *  hold (deleting an absent hold is harmless, and bumps the version so nothing built on the partial
 *  state commits), clears the intent and recomputes. If the process dies between 1 and 3, the
 *  intent stays on the record; the next reserve or release of the order undoes it once the lease
 *  (longer than any invocation) has run out, and a release undoes it at once.
 *  While a saga runs, other orders can see its partial holds. That can only make their dates
 *  later (a `moved` they recompute from), never let two orders hold one unit.
 *
 * Dependency items are written before the holds: a crash leaves at worst an extra re-check of the
 * order, never an order that holds supply but is not re-checked when that supply changes.
 */
import { randomUUID } from 'node:crypto';
import {
  skuPartition,
  workCenterPartition,
  type Hold,
  type PromiseRecord,
} from '../../domain/promise/records.ts';
import { recheckPromise, type PromiseResult, type VersionedPromise } from '../../domain/promise/index.ts';
import { withLikelyDate } from '../../domain/promise/policy.ts';
import { ConcurrentChangeError, ConflictError, NotFoundError } from '../../shared/errors.ts';
import { logger } from '../../shared/powertools/logger.ts';
import { reservationPlan } from './policy.ts';
import type { AllocationVersions, PromiseDeps, PromiseRecordContent } from './ports.ts';
import { requestOf } from './quote.ts';

/** How long a multi-transaction reservation owns its record before another may undo it. */
export const RESERVATION_LEASE_MS = 60_000;

/** What a promise asks to hold, one entry per SKU or work-center partition (same dates merged). */
export function holdsOf(result: PromiseResult): Hold[] {
  const byPartition = new Map<string, Map<string, number>>();
  const add = (partition: string, date: string, amount: number) => {
    const entries = byPartition.get(partition) ?? new Map<string, number>();
    entries.set(date, (entries.get(date) ?? 0) + amount);
    byPartition.set(partition, entries);
  };
  for (const line of result.lines) {
    for (const stock of line.stockToReserve) add(skuPartition(stock.sku), stock.date, stock.quantity);
    for (const hours of line.capacityToReserve)
      add(workCenterPartition(hours.workCenter), hours.date, hours.hours);
  }
  return [...byPartition].map(([partition, entries]) => ({
    partition,
    entries: [...entries].map(([date, amount]) => ({ date, amount })),
  }));
}

export type ReserveOutcome =
  | { readonly outcome: 'reserved'; readonly promise: VersionedPromise }
  | { readonly outcome: 'moved'; readonly fresh: PromiseResult; readonly promise: VersionedPromise };

/** The record without any reservation in flight. */
function withoutIntent(record: PromiseRecord): PromiseRecordContent {
  const { pendingHolds: _p, pendingLease: _l, revision: _r, ...rest } = record;
  return rest;
}

/** Undoes the holds of an interrupted or losing saga and clears its intent. */
async function undoIntent(deps: PromiseDeps, orderId: string, record: PromiseRecord): Promise<PromiseRecord> {
  await deps.supply.deleteHolds(orderId, record.pendingHolds ?? []);
  return deps.records.put(withoutIntent(record), record);
}

/** Steps 1-3 of the saga above; on failure the holds are undone and the error rethrown. */
export async function reserveInChunks(
  deps: PromiseDeps,
  record: PromiseRecord,
  reserved: PromiseRecordContent,
  versions: AllocationVersions,
): Promise<void> {
  const holds = reserved.holds;
  const token = randomUUID();
  // 1. Intent, owned through the lease.
  const intent = await deps.records.put(
    {
      ...withoutIntent(record),
      pendingHolds: holds,
      pendingLease: { token, since: deps.now().toISOString() },
    },
    record,
  );
  // 2. Chunks; 3. commit. Any failure compensates before the caller recomputes.
  try {
    const chunk = deps.supply.holdsPerTransaction;
    for (let start = 0; start < holds.length; start += chunk)
      await deps.supply.commitHolds(record.orderId, holds.slice(start, start + chunk), versions);
    await deps.records.put(reserved, intent);
  } catch (error) {
    logger.info('Large reservation lost a race; undoing its chunks', {
      orderId: record.orderId,
      holds: holds.length,
    });
    await undoIntent(deps, record.orderId, intent).catch(() => {
      // Lost the record to a concurrent writer: the intent stays and the next reserve or release undoes it.
    });
    throw error;
  }
}

/**
 * At acceptance: recompute on current supply, then hold stock and capacity, all or nothing.
 * 1. Undo the leftovers of an interrupted reservation, if any; an order already holding is done.
 * 2. Recompute; if the promised date no longer holds, store the new version and report `moved`.
 * 3. Write dependency items, then the holds and the record in one transaction conditioned on the
 *    allocation versions read (or the saga above when they do not fit one transaction).
 * 4. A concurrent change makes the write fail: start again from 1, a few times.
 */
export async function reserveForOrder(
  deps: PromiseDeps,
  orderId: string,
  attempts = 6,
): Promise<ReserveOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const now = deps.now();
      let record = await deps.records.get(orderId);
      if (!record) throw new NotFoundError(`Order ${orderId} has no promise to reserve`);
      if (!record.open) throw new ConflictError(`Order ${orderId} was released; it cannot reserve again`);
      if (record.pendingLease) {
        const age = now.getTime() - Date.parse(record.pendingLease.since);
        if (age < RESERVATION_LEASE_MS && age >= 0)
          throw new ConcurrentChangeError(`Order ${orderId} is being reserved by another request`);
        logger.warn('Undoing an interrupted reservation', { orderId, since: record.pendingLease.since });
        record = await undoIntent(deps, orderId, record);
      }
      if (record.holds.length) return { outcome: 'reserved', promise: record.promise };

      const { snapshot, versions } = await deps.supply.loadSnapshot(
        record.lines.map((line) => line.sku),
        record.region,
      );
      const fresh = reservationPlan(
        requestOf(record),
        { promisedDate: record.promise.date, ...(record.tier ? { tier: record.tier } : {}) },
        snapshot,
        now,
      );
      const recheck = recheckPromise(record.promise, fresh, record.projection?.date);
      const projection = { date: fresh.date, computedAt: fresh.computedAt };
      if (recheck.kind === 'changed') {
        await deps.records.put({ ...withoutIntent(record), promise: recheck.promise, projection }, record);
        return { outcome: 'moved', fresh, promise: recheck.promise };
      }

      const holds = holdsOf(fresh);
      const promise = withLikelyDate(record.promise, fresh.date);
      const reserved = { ...withoutIntent(record), promise, holds, projection };
      // Its transit time and the plant's settings set the date too: their changes re-check it.
      await deps.records.writeDependencies(orderId, {
        ...fresh.dependsOn,
        regions: [record.region],
        plant: true,
      });
      if (holds.length <= deps.supply.holdsPerTransaction)
        await deps.supply.commitHolds(orderId, holds, versions, { next: reserved, read: record });
      else await reserveInChunks(deps, record, reserved, versions);
      return { outcome: 'reserved', promise };
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= attempts) throw error;
      // Spread retries of the losers so they do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/**
 * Frees everything an order holds and stops re-promising it (cancellation, delivery), including
 * the holds of a reservation in flight. Safe to repeat.
 */
export async function releaseForOrder(deps: Omit<PromiseDeps, 'now'>, orderId: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const record = await deps.records.get(orderId);
    if (!record) return;
    await deps.records.deleteDependencies(orderId);
    if (!record.open && !record.holds.length && !record.pendingHolds) return;
    await deps.supply.deleteHolds(orderId, [...record.holds, ...(record.pendingHolds ?? [])]);
    try {
      await deps.records.put({ ...withoutIntent(record), holds: [], open: false }, record);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= 5) throw error;
    }
  }
}
