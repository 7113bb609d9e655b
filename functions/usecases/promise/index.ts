import * as supply from '../../adapters/dynamodb/supply-repository.ts';
import {
  skuPartition,
  workCenterPartition,
  type Hold,
  type PromiseRecord,
} from '../../adapters/dynamodb/entities/supply.ts';
import {
  adjustedVersion,
  computePromise,
  firstVersion,
  projectFromStageEvent,
  recheckPromise,
  type BasisEntry,
  type PromiseRequest,
  type PromiseResult,
  type VersionedPromise,
} from '../../domain/promise/index.ts';
import { ConcurrentChangeError, NotFoundError } from '../../shared/errors.ts';

export interface PromiseSubject {
  readonly orderId: string;
  readonly customerId: string;
  readonly region: string;
  readonly acceptsSplitDelivery: boolean;
  readonly lines: PromiseRequest['lines'];
  readonly requestedDate?: string;
}

const toRequest = (
  subject: Omit<PromiseSubject, 'customerId'> | PromiseRecord,
  withOrderId = true,
): PromiseRequest => ({
  ...(withOrderId ? { orderId: subject.orderId } : {}),
  region: subject.region,
  lines: subject.lines,
  acceptsSplitDelivery: subject.acceptsSplitDelivery,
  ...(subject.requestedDate ? { requestedDate: subject.requestedDate } : {}),
});

/** Computes a promise without storing anything (POST /v1/promise-check). */
export async function checkPromise(request: PromiseRequest, now: Date): Promise<PromiseResult> {
  const { snapshot } = await supply.loadSnapshot(request.lines.map((line) => line.sku));
  return computePromise(request, snapshot, now);
}

/** Computes and stores version 1 of an order's promise, with the order value for the confirmation rules. */
export async function quoteOrder(
  subject: PromiseSubject,
  now: Date,
): Promise<{ promise: VersionedPromise; orderValue: number }> {
  const existing = await supply.getPromiseRecord(subject.orderId);
  const { snapshot } = await supply.loadSnapshot(subject.lines.map((line) => line.sku));
  const orderValue = subject.lines.reduce(
    (sum, line) => sum + line.quantity * (snapshot.products.get(line.sku)?.unitPrice ?? 0),
    0,
  );
  if (existing) return { promise: existing.promise, orderValue };
  const result = computePromise(toRequest(subject), snapshot, now);
  const promise = firstVersion(result);
  await supply.putPromiseRecord({
    ...subject,
    promise,
    projection: { date: result.date, computedAt: result.computedAt },
    holds: [],
    open: true,
  });
  return { promise, orderValue };
}

function holdsOf(result: PromiseResult): Hold[] {
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

/**
 * At acceptance: recompute on current supply, then hold stock and capacity atomically.
 * 1. Recompute; if the promised date no longer holds, store a new version and report `moved`.
 * 2. Write the holds conditionally on the allocation versions read (writeHolds).
 * 3. A concurrent reservation makes the write fail: recompute and try again (a few times).
 */
export async function reserveForOrder(orderId: string, now: Date, attempts = 5): Promise<ReserveOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    const record = await supply.getPromiseRecord(orderId);
    if (!record) throw new NotFoundError(`Order ${orderId} has no promise to reserve`);
    if (record.holds.length) return { outcome: 'reserved', promise: record.promise };
    const { snapshot, versions } = await supply.loadSnapshot(record.lines.map((line) => line.sku));
    const fresh = computePromise(toRequest(record), snapshot, now);
    const recheck = recheckPromise(record.promise, fresh);
    if (recheck.kind === 'changed') {
      await supply.putPromiseRecord(
        {
          ...record,
          promise: recheck.promise,
          projection: { date: fresh.date, computedAt: fresh.computedAt },
        },
        record.promise.version,
      );
      return { outcome: 'moved', fresh, promise: recheck.promise };
    }
    const holds = holdsOf(fresh);
    try {
      await supply.writeHolds(orderId, holds, versions);
      await supply.putPromiseRecord(
        { ...record, holds, projection: { date: fresh.date, computedAt: fresh.computedAt } },
        record.promise.version,
      );
      await supply.writeDependencies(orderId, fresh.dependsOn);
      return { outcome: 'reserved', promise: record.promise };
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= attempts) throw error;
    }
  }
}

/** Frees everything an order holds and stops re-promising it (cancellation, delivery). Safe to repeat. */
export async function releaseForOrder(orderId: string): Promise<void> {
  const record = await supply.getPromiseRecord(orderId);
  if (!record) return;
  await supply.deleteHolds(orderId, record.holds);
  await supply.deleteDependencies(orderId);
  if (record.holds.length || record.open)
    await supply.putPromiseRecord({ ...record, holds: [], open: false });
}

/** Sales set the promise to a date they commit to, with the reason recorded as its cause. */
export async function adjustPromise(
  orderId: string,
  date: string,
  reason: string,
): Promise<VersionedPromise> {
  const record = await supply.getPromiseRecord(orderId);
  if (!record) throw new NotFoundError(`Order ${orderId} has no promise`);
  const promise = adjustedVersion(record.promise, date, reason);
  await supply.putPromiseRecord({ ...record, promise }, record.promise.version);
  return promise;
}

export interface PromiseChange {
  readonly orderId: string;
  readonly kind: 'kept' | 'changed';
  readonly slipped: boolean;
  readonly previousDate: string;
  readonly newDate: string;
  readonly version: number;
  readonly cause: readonly BasisEntry[];
}

async function repromise(orderId: string, now: Date): Promise<PromiseChange | undefined> {
  const record = await supply.getPromiseRecord(orderId);
  if (!record?.open) return undefined;
  const { snapshot } = await supply.loadSnapshot(record.lines.map((line) => line.sku));
  const fresh = computePromise(toRequest(record), snapshot, now);
  const recheck = recheckPromise(record.promise, fresh, record.projection?.date);
  const promise = recheck.kind === 'changed' ? recheck.promise : record.promise;
  const betterDateOffered = recheck.kind === 'kept' ? recheck.betterDateOffered : undefined;
  await supply.putPromiseRecord(
    {
      ...record,
      promise,
      projection: {
        date: fresh.date,
        computedAt: fresh.computedAt,
        ...(betterDateOffered ? { betterDateOffered } : {}),
      },
    },
    record.promise.version,
  );
  return {
    orderId,
    kind: recheck.kind,
    slipped: recheck.kind === 'kept' ? recheck.slipped : true,
    previousDate: record.promise.date,
    newDate: promise.date,
    version: promise.version,
    cause: recheck.kind === 'changed' ? (recheck.promise.cause ?? []) : fresh.basis,
  };
}

/**
 * After a supply change: find the open orders that depend on the changed SKUs or work centers
 * (GSI3), recompute each with bounded parallelism, store projections and new versions.
 */
export async function repromiseDependents(
  changed: { skus: readonly string[]; workCenters: readonly string[] },
  now: Date,
  parallelism = 16,
): Promise<PromiseChange[]> {
  const orderIds = await supply.findDependents(changed.skus, changed.workCenters);
  const changes: PromiseChange[] = [];
  let next = 0;
  const worker = async () => {
    while (next < orderIds.length) {
      const orderId = orderIds[next++]!;
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        try {
          const change = await repromise(orderId, now);
          if (change) changes.push(change);
          break;
        } catch (error) {
          if (!(error instanceof ConcurrentChangeError) || attempt === 3) throw error;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, orderIds.length) }, worker));
  return changes;
}

/** Re-checks an order's promise after an ERP event that carries a date (a reported delay, a carrier estimate). */
export async function recheckAfterEvent(
  orderId: string,
  event: { type: string; data: Record<string, unknown> },
) {
  const record = await supply.getPromiseRecord(orderId);
  if (!record) return { changed: false };
  const [plant, transit] = await Promise.all([supply.getPlant(), supply.loadSnapshot([])]);
  const transitDays = transit.snapshot.transitDays.get(record.region) ?? 0;
  const projected = projectFromStageEvent(event, { plant, transitDays, region: record.region });
  if (!projected || projected.date <= record.promise.date) return { changed: false };
  const promise: VersionedPromise = {
    version: record.promise.version + 1,
    date: projected.date,
    result: { ...record.promise.result, date: projected.date, basis: projected.basis },
    cause: projected.basis,
    previousDate: record.promise.date,
  };
  await supply.putPromiseRecord(
    { ...record, promise, projection: { date: projected.date, computedAt: new Date().toISOString() } },
    record.promise.version,
  );
  return { changed: true, promise, previousDate: record.promise.date, cause: projected.basis };
}
