import { createHash } from 'node:crypto';
import type { ErpEventRecord } from '../../domain/order/types.ts';
import type { Order } from '../../domain/order/types.ts';
import {
  STAGE_EVENTS,
  type ErpEventType,
  type StageEvent,
  type WaitStage,
} from '../../domain/order/stages.ts';
import { isTerminal } from '../../domain/order/status.ts';
import { ConflictError } from '../../shared/errors.ts';
import { needAttention, workflowState } from './attention.ts';
import { loadOrder } from './common.ts';
import type { OrderDeps } from './ports.ts';
import { warnEarly } from './early-warning.ts';
import { announcePromiseMoved } from './promise-moved.ts';

export interface ErpEventInput {
  readonly eventId: string;
  readonly orderId: string;
  readonly type: ErpEventType;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
}

export interface ErpEventResult {
  readonly eventId: string;
  readonly duplicate: boolean;
  /**
   * advanced: the waiting workflow moved on; recorded: kept until the workflow waits for it;
   * kept: kept for an order that needs attention (applied when sales retry it); none: nothing to do.
   */
  readonly applied: 'advanced' | 'recorded' | 'kept' | 'none';
}

const isStageEvent = (type: ErpEventType): type is StageEvent =>
  (STAGE_EVENTS as readonly string[]).includes(type);

/** What an event says, so the same id can be told from a different event reusing it. */
const hashOf = (event: ErpEventInput): string =>
  createHash('sha256')
    .update(JSON.stringify([event.orderId, event.type, event.occurredAt, event.data]))
    .digest('hex');

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

/** Resumes the execution waiting at `stage`, if it is waiting; the stored token never leaves the server. */
async function resumeWait(
  deps: OrderDeps,
  orderId: string,
  stage: WaitStage,
  output: unknown,
): Promise<'resumed' | 'not-waiting'> {
  const wait = await deps.orders.getWait(orderId, stage);
  if (!wait) return 'not-waiting';
  const result = await deps.workflow.resume(wait.taskToken, output);
  if (result === 'resumed') await deps.orders.deleteWait(orderId, stage, wait.taskToken);
  return result === 'resumed' ? 'resumed' : 'not-waiting';
}

/** An id seen before must name the same event: same order, same content (409 otherwise). */
function requireSameEvent(seen: ErpEventRecord, event: ErpEventInput, bodyHash: string): void {
  if (seen.orderId !== event.orderId)
    throw new ConflictError(`Event ${event.eventId} was already used for another order`, {
      field: 'eventId',
    });
  if (seen.bodyHash && seen.bodyHash !== bodyHash)
    throw new ConflictError(`Event ${event.eventId} was already used for a different event of this order`, {
      field: 'eventId',
    });
}

/**
 * An ERP production event, applied exactly once end to end.
 * 1. An id seen before must be the same event (409 otherwise). Applied already: a duplicate (200).
 *    Recorded but not applied (an earlier delivery failed midway): apply it now.
 * 2. A finished order takes no events (409); nothing is recorded, so nothing reaches the customer.
 * 3. Record it (timeline; a stage event also leaves its "arrived" marker for the workflow).
 * 4. Apply: resume the workflow if it waits for that stage (if it waits later, the wait finds the
 *    marker; if no execution runs, the order needs attention and keeps the event for the retry);
 *    re-check the promise, and when it moves, the customer and sales hear once, with the cause.
 * 5. Only then mark it applied: a retry after a failure in 4 applies it again, safely.
 */
export async function receiveErpEvent(deps: OrderDeps, event: ErpEventInput): Promise<ErpEventResult> {
  const bodyHash = hashOf(event);
  let seen = await deps.orders.getErpEvent(event.eventId);
  let order: Order | undefined;
  if (!seen) {
    order = await loadOrder(deps, event.orderId);
    if (isTerminal(order.status))
      throw new ConflictError(`The order is ${order.status}; it takes no more production events`, {
        field: 'orderId',
      });
    const stage = isStageEvent(event.type) ? event.type : undefined;
    const recorded = await deps.orders.recordErpEvent(
      { ...event, bodyHash, receivedAt: deps.now().toISOString() },
      stage,
      describeEvent(event),
    );
    if (!recorded) seen = await deps.orders.getErpEvent(event.eventId);
  }
  if (seen) {
    requireSameEvent(seen, event, bodyHash);
    if (seen.state !== 'RECEIVED') return { eventId: event.eventId, duplicate: true, applied: 'none' };
  }
  return applyEvent(deps, order ?? (await loadOrder(deps, event.orderId)), event, Boolean(seen));
}

async function applyEvent(
  deps: OrderDeps,
  order: Order,
  event: ErpEventInput,
  again: boolean,
): Promise<ErpEventResult> {
  const done = async (applied: ErpEventResult['applied']): Promise<ErpEventResult> => {
    await deps.orders.markErpEventApplied(event.eventId, deps.now().toISOString());
    return { eventId: event.eventId, duplicate: false, applied };
  };
  // Recorded before the order finished (a retried delivery): it stays in the timeline, nothing more.
  if (isTerminal(order.status)) return done('none');
  const stage = isStageEvent(event.type) ? event.type : undefined;
  let applied: ErpEventResult['applied'] = 'recorded';
  if (order.status === 'NEEDS_ATTENTION') applied = 'kept';
  else if (stage) {
    const resumed = await resumeWait(deps, event.orderId, stage, { event: stage, eventId: event.eventId });
    if (resumed === 'resumed') applied = 'advanced';
    else if ((await workflowState(deps, order)) !== 'RUNNING') {
      await needAttention(deps, order, {
        error: 'WorkflowNotRunning',
        cause: `The ERP reported ${stage}, but the order's workflow is not running; the event is kept for the retry`,
      });
      applied = 'kept';
    }
  }
  const recheck = await deps.promises.recheckAfterEvent(order, event);
  if (recheck.changed && recheck.promise) {
    await announcePromiseMoved(
      deps,
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
  } else if (recheck.earlyWarning) {
    await warnEarly(deps, order, recheck.earlyWarning, recheck.cause ?? []);
  } else if (again) {
    // An earlier delivery may have stored the new promise and failed before anyone heard of it.
    const current = await deps.promises.current(order.orderId);
    if (current && current.version > (order.promiseVersion ?? 1) && current.previousDate) {
      await announcePromiseMoved(
        deps,
        order,
        {
          version: current.version,
          previousDate: current.previousDate,
          newDate: current.date,
          cause: current.cause ?? [],
          reason: event.type,
        },
        { eventType: event.type },
      );
    }
  }
  return done(applied);
}
