import { resumePoint } from '../../domain/order/resume.ts';
import { ConflictError } from '../../shared/errors.ts';
import { needAttention } from './attention.ts';
import { loadOrder } from './common.ts';
import { workflowInput } from './inquiry.ts';
import type { OrderDeps } from './ports.ts';

export interface RetryResult {
  readonly orderId: string;
  readonly executionName: string;
  readonly status: string;
  readonly resumeAt: string;
  readonly repeated: boolean;
}

/**
 * Sales re-drive an order that needs attention, once its cause is fixed.
 * 1. Only an order in NEEDS_ATTENTION can be retried (409 otherwise); the same request repeated
 *    (same Idempotency-Key) answers as the first did and starts nothing.
 * 2. Its last stable point comes from the status it had (domain/order/resume.ts).
 * 3. The order goes back to that status with a new execution named `<orderId>--r<incident>`,
 *    conditionally on this incident still being open, so two retries cannot both go ahead.
 * 4. That execution starts at the point through the ASL's Route; a quote keeps its remaining validity.
 *    If it cannot start, the order needs attention again (a new incident) and the error goes back.
 */
export async function retryOrder(
  deps: OrderDeps,
  orderId: string,
  caller: { idempotencyKey?: string } = {},
): Promise<RetryResult> {
  const order = await loadOrder(deps, orderId);
  const attention = order.needsAttention;
  if (order.status !== 'NEEDS_ATTENTION' || !attention?.previousStatus) {
    if (caller.idempotencyKey && order.lastRetry?.idempotencyKey === caller.idempotencyKey) {
      return {
        orderId,
        executionName: order.lastRetry.executionName,
        status: order.status,
        resumeAt: 'already retried',
        repeated: true,
      };
    }
    throw new ConflictError(
      `The order is ${order.status}; only an order that needs attention can be retried`,
    );
  }
  const point = resumePoint({ ...order, status: attention.previousStatus });
  const executionName = `${orderId}--r${attention.incident}`;
  const now = deps.now();
  const at = now.toISOString();
  const base = workflowInput(orderId, deps.settings);
  const remainingValidity = order.quoteValidUntil
    ? Math.max(1, Math.ceil((Date.parse(order.quoteValidUntil) - now.getTime()) / 1000))
    : base.settings.quoteValiditySeconds;
  const input = {
    ...base,
    settings: { ...base.settings, quoteValiditySeconds: remainingValidity },
    resumeAt: point.resumeAt,
    completed: point.completed,
    quote: { needsSalesConfirmation: true, promiseVersion: order.promiseVersion ?? 1 },
  };
  const resumed = await deps.orders.leaveNeedsAttention(orderId, {
    incident: attention.incident,
    to: attention.previousStatus,
    ...(attention.previousTransitionId ? { previousTransitionId: attention.previousTransitionId } : {}),
    executionName,
    lastRetry: {
      executionName,
      at,
      ...(caller.idempotencyKey ? { idempotencyKey: caller.idempotencyKey } : {}),
    },
    at,
    summary: `Retried by sales from ${attention.previousStatus} (was: ${attention.cause})`,
  });
  if (!resumed) throw new ConflictError('The order changed while it was being retried; look at it again');
  try {
    await deps.workflow.start(executionName, input);
  } catch (error) {
    await needAttention(deps, await loadOrder(deps, orderId), {
      error: 'RetryNotStarted',
      cause: `The retry could not start the workflow: ${(error as Error).message}`,
    });
    throw error;
  }
  return {
    orderId,
    executionName,
    status: attention.previousStatus,
    resumeAt: point.resumeAt,
    repeated: false,
  };
}
