import type { PromiseRecord } from '../../domain/promise/records.ts';
import {
  adjustedVersion,
  computePromise,
  projectFromStageEvent,
  type BasisEntry,
  type PromiseRequest,
  type PromiseResult,
  type VersionedPromise,
} from '../../domain/promise/index.ts';
import { earlyWarningFor, withLikelyDate, type EarlyWarning } from '../../domain/promise/policy.ts';
import { ConcurrentChangeError, NotFoundError } from '../../shared/errors.ts';
import { firstPromiseUnderPolicy, quotingSnapshot } from './policy.ts';
import type { PromiseDeps } from './ports.ts';

/** The order facts a promise is computed for. */
export interface PromiseSubject {
  readonly orderId: string;
  readonly customerId: string;
  readonly region: string;
  readonly acceptsSplitDelivery: boolean;
  readonly lines: PromiseRequest['lines'];
  readonly requestedDate?: string;
  /** The customer's tier: outside tier A, a protected share of supply is not promised (policy). */
  readonly tier?: string;
}

/** The engine's request for a stored or new order; its own holds are not counted against it. */
export const requestOf = (subject: Omit<PromiseSubject, 'customerId'> | PromiseRecord): PromiseRequest => ({
  orderId: subject.orderId,
  region: subject.region,
  lines: subject.lines,
  acceptsSplitDelivery: subject.acceptsSplitDelivery,
  ...(subject.requestedDate ? { requestedDate: subject.requestedDate } : {}),
});

/**
 * Retries `work` when it loses a compare-and-swap to a concurrent writer; each try re-reads.
 * Other errors, and the last ConcurrentChangeError, go to the caller.
 */
export async function withRetries<T>(attempts: number, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= attempts) throw error;
    }
  }
}

/** Computes a promise without storing anything (POST /v1/promise-check). */
export async function checkPromise(
  deps: Pick<PromiseDeps, 'supply' | 'now'>,
  request: PromiseRequest,
): Promise<PromiseResult> {
  const { snapshot } = await deps.supply.loadSnapshot(
    request.lines.map((line) => line.sku),
    request.region,
  );
  return computePromise(request, snapshot, deps.now());
}

/**
 * What a quote for these lines would promise now, storing nothing: the engine's plan from the
 * supply the customer's tier may book, and the date the plant's promise policy would promise
 * (with its likely date and buffer when a confidence is set). The what-ifs (POST
 * /v1/promise-check, the console's quick quote) show exactly what the real quote would say.
 */
export async function checkQuote(
  deps: Pick<PromiseDeps, 'supply' | 'now' | 'reliability'>,
  request: PromiseRequest,
  tier?: string,
): Promise<{ result: PromiseResult; promise: VersionedPromise }> {
  const { snapshot } = await deps.supply.loadSnapshot(
    request.lines.map((line) => line.sku),
    request.region,
  );
  const result = computePromise(request, quotingSnapshot(snapshot, tier), deps.now());
  const { promise } = await firstPromiseUnderPolicy(deps, result, request.region, snapshot.plant);
  return { result, promise };
}

/**
 * Computes and stores version 1 of an order's promise, and the order value for the confirmation
 * rules. Quoting an order that already has a promise returns the stored one (retries are safe).
 * 1. Read the supply of the order's BOM closure.
 * 2. If a record exists, answer with it.
 * 3. Compute, and create the record only if none exists (a concurrent quote wins the same way).
 */
export async function quoteOrder(
  deps: PromiseDeps,
  subject: PromiseSubject,
): Promise<{ promise: VersionedPromise; orderValue: number }> {
  const [existing, { snapshot }] = await Promise.all([
    deps.records.get(subject.orderId),
    deps.supply.loadSnapshot(
      subject.lines.map((line) => line.sku),
      subject.region,
    ),
  ]);
  const orderValue = subject.lines.reduce(
    (sum, line) => sum + line.quantity * (snapshot.products.get(line.sku)?.unitPrice ?? 0),
    0,
  );
  if (existing) return { promise: existing.promise, orderValue };
  const result = computePromise(requestOf(subject), quotingSnapshot(snapshot, subject.tier), deps.now());
  const { promise, path } = await firstPromiseUnderPolicy(deps, result, subject.region, snapshot.plant);
  try {
    await deps.records.put({
      ...subject,
      promise,
      projection: { date: result.date, computedAt: result.computedAt },
      holds: [],
      open: true,
      ...(path ? { path } : {}),
    });
  } catch (error) {
    const winner = error instanceof ConcurrentChangeError && (await deps.records.get(subject.orderId));
    if (!winner) throw error;
    return { promise: winner.promise, orderValue };
  }
  return { promise, orderValue };
}

/** The stored promise record of an order (versioned promise, projection, holds); NotFoundError if none. */
export async function getPromiseRecord(
  deps: Pick<PromiseDeps, 'records'>,
  orderId: string,
): Promise<PromiseRecord> {
  const record = await deps.records.get(orderId);
  if (!record) throw new NotFoundError(`Order ${orderId} has no promise`);
  return record;
}

/** Sales set the promise to a date they commit to, with the reason recorded as its cause. */
export async function adjustPromise(
  deps: Pick<PromiseDeps, 'records'>,
  orderId: string,
  date: string,
  reason: string,
  override = false,
): Promise<VersionedPromise> {
  return withRetries(3, async () => {
    const record = await getPromiseRecord(deps, orderId);
    const promise = adjustedVersion(record.promise, date, reason, override);
    await deps.records.put({ ...record, promise }, record);
    return promise;
  });
}

/**
 * Re-checks an order's promise after an ERP event that carries a date (a reported delay, a carrier
 * estimate). A projection within a buffered promise becomes its likely date, and one that ate more
 * than half of the buffer asks for an early warning (plant policy); a later one moves the promise.
 */
export async function recheckAfterEvent(
  deps: PromiseDeps,
  orderId: string,
  event: { type: string; data: Record<string, unknown> },
): Promise<
  | { changed: false; earlyWarning?: EarlyWarning; cause?: readonly BasisEntry[] }
  | { changed: true; promise: VersionedPromise; previousDate: string; cause: readonly BasisEntry[] }
> {
  return withRetries(3, async () => {
    const record = await deps.records.get(orderId);
    if (!record) return { changed: false as const };
    const { snapshot } = await deps.supply.loadSnapshot([], record.region);
    const transitDays = snapshot.transitDays.get(record.region) ?? 0;
    const projected = projectFromStageEvent(event, {
      plant: snapshot.plant,
      transitDays,
      region: record.region,
      // The plan keeps the production days still ahead of a late material stage.
      plan: record.promise.result,
    });
    if (!projected) return { changed: false as const };
    if (projected.date <= record.promise.date) {
      const promise = withLikelyDate(record.promise, projected.date);
      if (promise.likelyDate !== record.promise.likelyDate)
        await deps.records.put(
          { ...record, promise, projection: { date: projected.date, computedAt: deps.now().toISOString() } },
          record,
        );
      const earlyWarning = earlyWarningFor(record.promise, projected.date, snapshot.plant);
      return { changed: false as const, ...(earlyWarning ? { earlyWarning, cause: projected.basis } : {}) };
    }
    const promise: VersionedPromise = {
      version: record.promise.version + 1,
      date: projected.date,
      result: { ...record.promise.result, date: projected.date, basis: projected.basis },
      cause: projected.basis,
      previousDate: record.promise.date,
    };
    await deps.records.put(
      { ...record, promise, projection: { date: projected.date, computedAt: deps.now().toISOString() } },
      record,
    );
    return { changed: true as const, promise, previousDate: record.promise.date, cause: projected.basis };
  });
}
