import type { StageEvent } from '../../../domain/order/stages.ts';
import { isTerminal } from '../../../domain/order/status.ts';
import { loadOrder, notice } from '../common.ts';
import type { OrderDeps } from '../ports.ts';

/** FlagOverdue step: a stage deadline passed. At risk, sales told once per miss, ERP asked for a status. */
export async function flagOverdue(
  deps: OrderDeps,
  input: { orderId: string; stage: StageEvent; overdueCount: number },
) {
  const order = await loadOrder(deps, input.orderId);
  const at = deps.now().toISOString();
  const reason = `${input.stage} is overdue (deadline missed ${input.overdueCount} time(s))`;
  if (!isTerminal(order.status)) {
    await deps.orders.setAtRisk(order.orderId, reason, at);
    const asked = await deps.requestErpStatus({
      orderId: order.orderId,
      stage: input.stage,
      missedDeadlineCount: input.overdueCount,
      requestedAt: at,
    });
    await deps.orders.appendTimeline(order.orderId, {
      at,
      kind: `OVERDUE#${input.stage}#${input.overdueCount}`,
      summary: `${reason}; ERP status request ${asked}`,
      data: { stage: input.stage, erpStatusRequest: asked },
    });
    await deps.notify(
      notice(order, 'ORDER_AT_RISK', `overdue-${input.stage}-${input.overdueCount}`, {
        stage: input.stage,
        reason,
      }),
    );
  }
  return { deadlineSeconds: Math.max(1, Math.round(deps.settings.overdueRecheckSeconds)) };
}
