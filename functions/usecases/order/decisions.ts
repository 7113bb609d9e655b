import { ConflictError, QuoteExpiredError } from '../../shared/errors.ts';
import { requireRunningWorkflow } from './attention.ts';
import { guardAdjustment, type Adjustment } from './adjust-guard.ts';
import { ADJUSTABLE_AFTER_CONFIRMATION, adjustConfirmedPromise } from './adjust-promise.ts';
import { loadOrder } from './common.ts';
import { recordPromiseVersion } from './promise-moved.ts';
import type { OrderDeps } from './ports.ts';

/**
 * The customer accepts or rejects the quote through the tracking link.
 * 1. Only a quoted order whose quote is still valid can be decided (else 409, nothing written).
 *    Its workflow must be running to take the decision: if it is not, the order goes to sales
 *    (NEEDS_ATTENTION) and the customer gets a 409, nothing written.
 * 2. The decision is written once, conditionally; repeating the same decision is harmless.
 * 3. The waiting execution is resumed with the decision.
 */
export async function decideQuote(deps: OrderDeps, orderId: string, decision: 'accept' | 'reject') {
  const order = await loadOrder(deps, orderId);
  const version = order.promiseVersion ?? 1;
  if (order.decision && order.decisionForVersion === version) {
    if (order.decision === decision) return { orderId, decision, status: order.status, repeated: true };
    throw new ConflictError(`The quote was already ${order.decision === 'accept' ? 'accepted' : 'rejected'}`);
  }
  if (
    order.status === 'QUOTE_EXPIRED' ||
    (order.quoteValidUntil && order.quoteValidUntil < deps.now().toISOString())
  ) {
    throw new QuoteExpiredError(`The quote expired on ${order.quoteValidUntil ?? 'an earlier date'}`);
  }
  if (order.status !== 'QUOTED')
    throw new ConflictError(`The order is ${order.status}; only a quoted order can be accepted or rejected`);
  await requireRunningWorkflow(
    deps,
    order,
    'Your decision cannot be taken right now: the order is being checked by our team, who have been told',
  );
  // Recorded first: if the workflow is not waiting yet, its wait finds the decision and goes on at once.
  await deps.orders.patchOrder(orderId, { decision, decisionForVersion: version });
  const wait = await deps.orders.getWait(orderId, 'CUSTOMER_DECISION');
  if (wait) {
    const result = await deps.workflow.resume(wait.taskToken, { decision });
    if (result === 'resumed') await deps.orders.deleteWait(orderId, 'CUSTOMER_DECISION', wait.taskToken);
  }
  return { orderId, decision, status: order.status, repeated: false };
}

/**
 * Sales confirm the computed promise, or adjust it with a reason (guarded: see adjust-guard.ts);
 * while the order awaits it and its workflow runs, or (adjust only) while a confirmed order is made
 * (409 otherwise, nothing written).
 */
export async function decidePromise(
  deps: OrderDeps,
  orderId: string,
  input: { action: 'confirm' } | ({ action: 'adjust' } & Adjustment),
) {
  const order = await loadOrder(deps, orderId);
  if (input.action === 'adjust' && ADJUSTABLE_AFTER_CONFIRMATION.includes(order.status))
    return adjustConfirmedPromise(deps, order, input);
  if (order.status !== 'AWAITING_SALES_CONFIRMATION') {
    throw new ConflictError(
      `The order is ${order.status}; only a promise awaiting confirmation can be confirmed or adjusted`,
    );
  }
  await requireRunningWorkflow(
    deps,
    order,
    "The order's workflow is not running, so the promise cannot be confirmed; the order now needs attention: retry or cancel it",
  );
  let promisedDate = order.promisedDate;
  let version = order.promiseVersion ?? 1;
  let override = false;
  if (input.action === 'adjust') {
    ({ override } = await guardAdjustment(orderId, input, deps.now(), await deps.promises.plantTimeZone()));
    const reason = override ? `${input.reason} (override: ${input.overrideReason})` : input.reason;
    const adjusted = await deps.promises.adjust(orderId, input.date, reason, override);
    promisedDate = adjusted.date;
    version = adjusted.version;
    await deps.orders.patchOrder(orderId, { promisedDate: adjusted.date, promiseVersion: adjusted.version });
    if (override)
      await deps.orders.setAtRisk(
        orderId,
        `sales override: ${input.overrideReason}`,
        deps.now().toISOString(),
      );
    await recordPromiseVersion(
      deps,
      orderId,
      {
        version: adjusted.version,
        previousDate: adjusted.previousDate,
        newDate: adjusted.date,
        cause: adjusted.cause ?? [],
        reason: override ? 'sales override' : 'sales adjustment',
      },
      deps.now().toISOString(),
    );
  }
  const at = deps.now().toISOString();
  const decision = { action: input.action, ...(promisedDate ? { promisedDate } : {}), forVersion: version };
  // Recorded first: if the workflow is not waiting yet, its wait finds the decision and goes on at once.
  await deps.orders.patchOrder(orderId, { salesDecision: decision });
  const wait = await deps.orders.getWait(orderId, 'SALES_CONFIRMATION');
  if (wait && (await deps.workflow.resume(wait.taskToken, decision)) === 'resumed') {
    await deps.orders.deleteWait(orderId, 'SALES_CONFIRMATION', wait.taskToken);
  }
  await deps.orders.appendTimeline(orderId, {
    at,
    kind: `SALES_${input.action.toUpperCase()}`,
    summary:
      input.action === 'confirm'
        ? `Sales confirmed ${promisedDate}`
        : `Sales adjusted the promise to ${promisedDate}: ${input.reason}`,
  });
  return { orderId, action: input.action, promisedDate, ...(input.action === 'adjust' ? { override } : {}) };
}
