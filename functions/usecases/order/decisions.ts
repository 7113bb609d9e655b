import * as orders from '../../adapters/dynamodb/order-repository.ts';
import type { Order } from '../../adapters/dynamodb/entities/order.ts';
import {
  STAGE_EVENTS,
  type ErpEventType,
  type StageEvent,
  type WaitStage,
} from '../../domain/order/stages.ts';
import { isTerminal } from '../../domain/order/status.ts';
import { ConflictError, NotFoundError, QuoteExpiredError } from '../../shared/errors.ts';
import type { OrderDeps } from './ports.ts';
import { announcePromiseMoved } from './promise-moved.ts';
import { ORDER_CANCELLED } from './steps.ts';

async function loadOrder(orderId: string): Promise<Order> {
  const order = await orders.getOrder(orderId);
  if (!order) throw new NotFoundError(`Order ${orderId} does not exist`);
  return order;
}

/** Resumes the execution waiting at `stage`, if it is waiting; the stored token never leaves the server. */
async function resumeWait(
  deps: OrderDeps,
  orderId: string,
  stage: WaitStage,
  output: unknown,
): Promise<'resumed' | 'not-waiting'> {
  const wait = await orders.getWait(orderId, stage);
  if (!wait) return 'not-waiting';
  const result = await deps.workflow.resume(wait.taskToken, output);
  if (result === 'resumed') await orders.deleteWait(orderId, stage, wait.taskToken);
  return result === 'resumed' ? 'resumed' : 'not-waiting';
}

/**
 * The customer accepts or rejects the quote through the tracking link.
 * 1. Only a quoted order whose quote is still valid can be decided (else 409, nothing written).
 * 2. The decision is written once, conditionally; repeating the same decision is harmless.
 * 3. The waiting execution is resumed with the decision.
 */
export async function decideQuote(deps: OrderDeps, orderId: string, decision: 'accept' | 'reject') {
  const order = await loadOrder(orderId);
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
  // Recorded first: if the workflow is not waiting yet, its wait finds the decision and goes on at once.
  await orders.patchOrder(orderId, { decision, decisionForVersion: version });
  const wait = await orders.getWait(orderId, 'CUSTOMER_DECISION');
  if (wait) {
    const result = await deps.workflow.resume(wait.taskToken, { decision });
    if (result === 'resumed') await orders.deleteWait(orderId, 'CUSTOMER_DECISION', wait.taskToken);
  }
  return { orderId, decision, status: order.status, repeated: false };
}

/** Sales confirm the computed promise, or adjust it to a later date with a reason. */
export async function decidePromise(
  deps: OrderDeps,
  orderId: string,
  input: { action: 'confirm' } | { action: 'adjust'; date: string; reason: string },
) {
  const order = await loadOrder(orderId);
  if (order.status !== 'AWAITING_SALES_CONFIRMATION') {
    throw new ConflictError(
      `The order is ${order.status}; only a promise awaiting confirmation can be confirmed or adjusted`,
    );
  }
  let promisedDate = order.promisedDate;
  let version = order.promiseVersion ?? 1;
  if (input.action === 'adjust') {
    const adjusted = await deps.promises.adjust(orderId, input.date, input.reason);
    promisedDate = adjusted.date;
    version = adjusted.version;
    await orders.patchOrder(orderId, { promisedDate: adjusted.date, promiseVersion: adjusted.version });
  }
  const at = deps.now().toISOString();
  const decision = { action: input.action, ...(promisedDate ? { promisedDate } : {}), forVersion: version };
  // Recorded first: if the workflow is not waiting yet, its wait finds the decision and goes on at once.
  await orders.patchOrder(orderId, { salesDecision: decision });
  const wait = await orders.getWait(orderId, 'SALES_CONFIRMATION');
  if (wait && (await deps.workflow.resume(wait.taskToken, decision)) === 'resumed') {
    await orders.deleteWait(orderId, 'SALES_CONFIRMATION', wait.taskToken);
  }
  await orders.appendTimeline(orderId, {
    at,
    kind: `SALES_${input.action.toUpperCase()}`,
    summary:
      input.action === 'confirm'
        ? `Sales confirmed ${promisedDate}`
        : `Sales adjusted the promise to ${promisedDate}: ${input.reason}`,
  });
  return { orderId, action: input.action, promisedDate };
}

/**
 * Sales cancel an order at any stage before delivery.
 * 1. Mark the cancellation (conditional: not on a finished order).
 * 2. Fail whichever wait is open with OrderCancelled; the workflow releases and notifies. If no wait is
 *    open right now, the next wait sees the mark and fails itself, so a cancellation is never lost.
 */
export async function cancelOrder(deps: OrderDeps, orderId: string, reason: string) {
  const order = await loadOrder(orderId);
  if (isTerminal(order.status)) throw new ConflictError(`The order is already ${order.status}`);
  const marked = await orders.patchOrder(
    orderId,
    { cancelRequested: true, cancelReason: reason },
    { unlessTerminal: true },
  );
  if (!marked) throw new ConflictError('The order finished before it could be cancelled');
  const stages: WaitStage[] = ['SALES_CONFIRMATION', 'CUSTOMER_DECISION', ...STAGE_EVENTS];
  const waits = (await Promise.all(stages.map((stage) => orders.getWait(orderId, stage)))).filter(
    (wait) => wait !== undefined,
  );
  for (const wait of waits) await deps.workflow.fail(wait.taskToken, ORDER_CANCELLED, reason);
  return { orderId, cancelRequested: true };
}

export interface ErpEventInput {
  readonly eventId: string;
  readonly orderId: string;
  readonly type: ErpEventType;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
}

const isStageEvent = (type: ErpEventType): type is StageEvent =>
  (STAGE_EVENTS as readonly string[]).includes(type);

function describeEvent(event: ErpEventInput): string {
  const data = event.data as Record<string, string | undefined>;
  switch (event.type) {
    case 'SHIPPED':
      return `Shipped with ${data.carrier ?? 'the carrier'}, tracking ${data.trackingNumber ?? 'n/a'}, estimated delivery ${data.estimatedDelivery ?? 'n/a'}`;
    case 'DELAY_REPORTED':
      return `Delay reported at ${data.stage ?? 'a stage'}: ${data.reason ?? 'no reason given'}; new estimate ${data.newEstimatedDate ?? 'n/a'}`;
    default:
      return `${event.type.replaceAll('_', ' ').toLowerCase()} reported by the ERP`;
  }
}

/**
 * An ERP production event.
 * 1. Record it once (dedupe by eventId) in the timeline; a stage event is also kept as "arrived".
 * 2. If the workflow waits for that stage, resume it; if not yet, the wait will find the event.
 * 3. Re-check the promise; when the projection passes it, the customer and sales hear once, with the cause.
 */
export async function receiveErpEvent(deps: OrderDeps, event: ErpEventInput) {
  const order = await loadOrder(event.orderId);
  if (isTerminal(order.status) && event.type !== 'DELIVERED') {
    throw new ConflictError(`The order is ${order.status}; it takes no more production events`);
  }
  const stage = isStageEvent(event.type) ? event.type : undefined;
  const recorded = await orders.recordErpEvent(
    { ...event, receivedAt: deps.now().toISOString() },
    stage,
    describeEvent(event),
  );
  if (!recorded) return { eventId: event.eventId, duplicate: true, applied: 'none' as const };
  const applied = stage
    ? await resumeWait(deps, event.orderId, stage, { event: stage, eventId: event.eventId })
    : 'not-waiting';
  const recheck = await deps.promises.recheckAfterEvent(order, event);
  if (recheck.changed && recheck.promise) {
    await announcePromiseMoved(
      deps.notify,
      order,
      {
        version: recheck.promise.version,
        previousDate: recheck.previousDate ?? order.promisedDate,
        newDate: recheck.promise.date,
        cause: recheck.cause ?? [],
        reason: event.type,
      },
      { eventType: event.type },
    );
  }
  return {
    eventId: event.eventId,
    duplicate: false,
    applied: applied === 'resumed' ? ('advanced' as const) : ('recorded' as const),
  };
}
