import type { Order } from '../../domain/order/types.ts';
import { STAGE_EVENTS, type WaitStage } from '../../domain/order/stages.ts';
import { isTerminal } from '../../domain/order/status.ts';
import { ConflictError } from '../../shared/errors.ts';
import { workflowState } from './attention.ts';
import { ORDER_CANCELLED, loadOrder, notice } from './common.ts';
import type { OrderDeps } from './ports.ts';

/**
 * The cancellation itself: the order ends CANCELLED, what it holds is freed and the customer hears
 * once (critical, so even in quiet hours). Run by the workflow's CancelOrder step, or by the API
 * when no workflow runs for the order. Every part is safe to repeat.
 */
export async function finishCancellation(deps: OrderDeps, order: Order): Promise<void> {
  const moved = await deps.orders.transitionOrder(order.orderId, {
    to: 'CANCELLED',
    at: deps.now().toISOString(),
    summary: `Cancelled by sales${order.cancelReason ? `: ${order.cancelReason}` : ''}`,
  });
  // Not moved: a repeat (already cancelled, go on) or the order finished first (nothing to cancel).
  if (!moved) {
    const now = await loadOrder(deps, order.orderId);
    if (now.status !== 'CANCELLED')
      throw new ConflictError(`The order is ${now.status}; it can no longer be cancelled`);
  }
  await deps.promises.release(order.orderId);
  await deps.notify(notice(order, 'ORDER_CANCELLED', 'cancel', { reason: order.cancelReason }, true));
}

export interface CancelResult {
  readonly orderId: string;
  readonly cancelRequested: true;
  /** CANCELLED when it took effect now; otherwise the running workflow cancels at its next wait. */
  readonly status: Order['status'];
}

/**
 * Sales cancel an order at any stage before it finished.
 * 1. Mark the cancellation (conditional: not on a finished order, else 409).
 * 2. No workflow runs for it (it needs attention, or its execution ended or is forgotten): stop
 *    whatever is left of the execution and cancel here and now.
 * 3. Otherwise fail whichever wait is open with OrderCancelled; the workflow releases and notifies.
 *    If no wait is open right now, the next wait sees the mark and fails itself; a step that
 *    fails meanwhile cancels too (AlertOperators), so a cancellation is never lost.
 */
export async function cancelOrder(deps: OrderDeps, orderId: string, reason: string): Promise<CancelResult> {
  const order = await loadOrder(deps, orderId);
  if (isTerminal(order.status)) throw new ConflictError(`The order is already ${order.status}`);
  const marked = await deps.orders.patchOrder(
    orderId,
    { cancelRequested: true, cancelReason: reason },
    { unlessTerminal: true },
  );
  if (!marked) throw new ConflictError('The order finished before it could be cancelled');
  const requested = { ...order, cancelRequested: true, cancelReason: reason };
  const state = await workflowState(deps, order);
  if (order.status === 'NEEDS_ATTENTION' || state !== 'RUNNING') {
    if (state === 'RUNNING') await deps.workflow.stop(order.executionName, `Cancelled by sales: ${reason}`);
    await finishCancellation(deps, requested);
    return { orderId, cancelRequested: true, status: 'CANCELLED' };
  }
  const stages: WaitStage[] = ['SALES_CONFIRMATION', 'CUSTOMER_DECISION', ...STAGE_EVENTS];
  const waits = (await Promise.all(stages.map((stage) => deps.orders.getWait(orderId, stage)))).filter(
    (wait) => wait !== undefined,
  );
  for (const wait of waits) await deps.workflow.fail(wait.taskToken, ORDER_CANCELLED, reason);
  return { orderId, cancelRequested: true, status: order.status };
}
