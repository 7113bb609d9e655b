import type { WaitStage } from '../../../domain/order/stages.ts';
import { ORDER_CANCELLED, loadOrder } from '../common.ts';
import { workflowInput } from '../inquiry.ts';
import type { OrderDeps } from '../ports.ts';

/**
 * AwaitCallback step: store the token of the wait that just began. If what it waits for already
 * happened (an early ERP event, a decision, a cancellation), resume or fail the task at once.
 */
export async function awaitCallback(
  deps: OrderDeps,
  input: { orderId: string; stage: WaitStage; taskToken: string },
) {
  const since = deps.now();
  await deps.orders.saveWait({
    orderId: input.orderId,
    stage: input.stage,
    taskToken: input.taskToken,
    since: since.toISOString(),
  });
  if (input.stage === 'SALES_CONFIRMATION') {
    // The console counts down to the deadline this wait's timeout sets (the same rounded seconds).
    const { salesEscalationSeconds } = workflowInput(input.orderId, deps.settings).settings;
    await deps.orders.patchOrder(input.orderId, {
      salesEscalatesAt: new Date(since.getTime() + salesEscalationSeconds * 1000).toISOString(),
    });
  }
  const order = await loadOrder(deps, input.orderId);
  if (order.cancelRequested) {
    await deps.workflow.fail(input.taskToken, ORDER_CANCELLED, order.cancelReason ?? 'Cancelled by sales');
    return { registered: true, settled: 'cancelled' };
  }
  // A decision made before this wait began is for this wait only if it is for the current promise version.
  const version = order.promiseVersion ?? 1;
  if (input.stage === 'SALES_CONFIRMATION') {
    if (order.salesDecision && order.salesDecision.forVersion >= version) {
      await deps.workflow.resume(input.taskToken, order.salesDecision);
      return { registered: true, settled: 'early-decision' };
    }
    return { registered: true };
  }
  if (input.stage === 'CUSTOMER_DECISION') {
    if (order.decision && order.decisionForVersion === version) {
      await deps.workflow.resume(input.taskToken, { decision: order.decision });
      return { registered: true, settled: 'early-decision' };
    }
    return { registered: true };
  }
  const arrived = await deps.orders.getArrivedEvent(input.orderId, input.stage);
  if (arrived) {
    await deps.workflow.resume(input.taskToken, {
      event: arrived.type,
      eventId: arrived.eventId,
      early: true,
    });
    return { registered: true, settled: 'early-event' };
  }
  return { registered: true };
}
