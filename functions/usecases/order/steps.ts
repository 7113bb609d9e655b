import type { Order } from '../../domain/order/types.ts';
import {
  NOTICE_FOR_STAGE,
  STATUS_AFTER,
  nextStageEvent,
  type StageEvent,
  type WaitStage,
} from '../../domain/order/stages.ts';
import { salesConfirmationReasons, deliveryPunctuality } from '../../domain/order/rules.ts';
import { isTerminal } from '../../domain/order/status.ts';
import { finishCancellation } from './cancel.ts';
import { workflowInput } from './inquiry.ts';
import { ORDER_CANCELLED, loadCustomer, loadOrder, notice } from './common.ts';
import type { OrderDeps } from './ports.ts';

export { ORDER_CANCELLED };

const STAGE_SUMMARY: Record<StageEvent, string> = {
  MATERIALS_READY: 'Materials ready',
  PRODUCTION_STARTED: 'In production',
  PRODUCTION_COMPLETED: 'Production finished',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
};

/**
 * ComputeQuote step.
 * 1. Compute and store the promise (version 1) for every line and the order.
 * 2. Decide whether sales must confirm it (late, CTP, high value, tier A).
 */
export async function computeQuote(deps: OrderDeps, orderId: string) {
  const order = await loadOrder(deps, orderId);
  const customer = await loadCustomer(deps, order);
  const { promise, orderValue } = await deps.promises.quote(order, customer);
  const reasons = salesConfirmationReasons(
    {
      customerTier: customer.tier,
      orderValue,
      promise: promise.result,
      ...(order.requestedDate ? { requestedDate: order.requestedDate } : {}),
    },
    { orderValueThreshold: deps.settings.orderValueThreshold },
  );
  await deps.orders.patchOrder(orderId, {
    promisedDate: promise.date,
    promiseVersion: promise.version,
    firstPromisedDate: order.firstPromisedDate ?? promise.date,
    confirmationReasons: reasons,
  });
  return {
    needsSalesConfirmation: reasons.length > 0,
    promiseVersion: promise.version,
    promisedDate: promise.date,
    reasons,
  };
}

export type TransitionName =
  'AWAITING_SALES_CONFIRMATION' | 'QUOTED' | 'QUOTE_REJECTED' | 'QUOTE_EXPIRED' | 'CANCELLED' | 'STAGE';

export interface ApplyStageInput {
  readonly orderId: string;
  readonly transition: TransitionName;
  readonly completed?: StageEvent | null;
  readonly executionStartTime?: string;
}

/** ApplyStage step: one status move with what it tells whom. Every part is safe to repeat. */
export async function applyStage(deps: OrderDeps, input: ApplyStageInput) {
  const order = await loadOrder(deps, input.orderId);
  const at = deps.now().toISOString();
  switch (input.transition) {
    case 'AWAITING_SALES_CONFIRMATION': {
      const occurrence = `v${order.promiseVersion ?? 1}`;
      await deps.orders.transitionOrder(order.orderId, {
        to: 'AWAITING_SALES_CONFIRMATION',
        id: `AWAITING_SALES_CONFIRMATION#${occurrence}`,
        at,
        summary: `Promise ${order.promisedDate} needs sales confirmation: ${(order.confirmationReasons ?? []).join('; ')}`,
      });
      await deps.notify(
        notice(order, 'CONFIRMATION_NEEDED', occurrence, { reasons: order.confirmationReasons ?? [] }),
      );
      return { occurrence };
    }
    case 'QUOTED': {
      const occurrence = `v${order.promiseVersion ?? 1}`;
      const validUntil = new Date(
        deps.now().getTime() + deps.settings.quoteValiditySeconds * 1000,
      ).toISOString();
      const moved = await deps.orders.transitionOrder(order.orderId, {
        to: 'QUOTED',
        id: `QUOTED#${occurrence}`,
        at,
        summary: `Quote sent: delivery ${order.promisedDate}, valid until ${validUntil}`,
        patch: { quoteValidUntil: validUntil },
      });
      const current = moved
        ? { ...order, quoteValidUntil: validUntil }
        : await loadOrder(deps, order.orderId);
      await deps.notify(
        notice(current, 'QUOTE_READY', occurrence, {
          validUntil: current.quoteValidUntil,
          lines: order.lines,
        }),
      );
      return { occurrence };
    }
    case 'QUOTE_REJECTED':
      await deps.orders.transitionOrder(order.orderId, {
        to: 'QUOTE_REJECTED',
        at,
        summary: 'The customer rejected the quote',
      });
      await deps.notify(notice(order, 'QUOTE_REJECTED', 'decision'));
      return {};
    case 'QUOTE_EXPIRED':
      await deps.orders.transitionOrder(order.orderId, {
        to: 'QUOTE_EXPIRED',
        at,
        summary: 'The quote expired without a decision',
      });
      await deps.notify(notice(order, 'QUOTE_EXPIRED', 'expiry', { validUntil: order.quoteValidUntil }));
      return {};
    case 'CANCELLED':
      await finishCancellation(deps, order);
      return {};
    case 'STAGE':
      return advanceStage(deps, order, input.completed ?? undefined, input.executionStartTime);
  }
}

/**
 * Applies the stage event that ended the last wait (none right after confirmation), then plans
 * the next wait: which event, and its deadline from the plan (or the configured demo deadline).
 */
async function advanceStage(
  deps: OrderDeps,
  order: Order,
  completed: StageEvent | undefined,
  executionStartTime?: string,
) {
  const at = deps.now().toISOString();
  if (!completed) {
    await deps.orders.transitionOrder(order.orderId, {
      to: 'MATERIAL_PREP',
      at,
      summary: 'Material preparation started',
    });
  } else {
    const arrived = await deps.orders.getArrivedEvent(order.orderId, completed);
    // A retried step skips the write it already made but still (re)sends: notices are deduplicated.
    if (!order.completedStages.includes(completed)) {
      const to = STATUS_AFTER[completed];
      const shipment =
        completed === 'SHIPPED' && arrived
          ? { shipment: arrived.data as NonNullable<Order['shipment']> }
          : {};
      const patch = { completedStages: [...order.completedStages, completed], ...shipment };
      if (to !== order.status && completed !== 'DELIVERED') {
        await deps.orders.transitionOrder(order.orderId, {
          to,
          at,
          summary: STAGE_SUMMARY[completed],
          patch,
        });
      } else {
        await deps.orders.patchOrder(order.orderId, patch);
      }
    }
    if (completed !== 'DELIVERED') {
      await deps.notify(
        notice(order, NOTICE_FOR_STAGE[completed], completed, { stage: completed, ...(arrived?.data ?? {}) }),
      );
    }
    await deps.orders.deleteWait(order.orderId, completed);
  }
  const next = nextStageEvent(completed);
  const startedAt = executionStartTime ? Date.parse(executionStartTime) : deps.now().getTime();
  return {
    completed: completed ?? null,
    next: next ? { event: next, deadlineSeconds: stageDeadlineSeconds(deps, order, next) } : null,
    continueAsNew: deps.now().getTime() - startedAt > deps.settings.continueAsNewAfterSeconds * 1000,
  };
}

/** Seconds until the end of the planned day for a stage; the whole promise window for each stage until then. */
function stageDeadlineSeconds(deps: OrderDeps, order: Order, _stage: StageEvent): number {
  if (deps.settings.stageDeadlineSeconds) return Math.max(1, Math.round(deps.settings.stageDeadlineSeconds));
  const promised = order.promisedDate
    ? Date.parse(`${order.promisedDate}T23:59:59Z`)
    : deps.now().getTime() + 86_400_000;
  return Math.max(3600, Math.round((promised - deps.now().getTime()) / 1000));
}

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

/** CloseOrder step: delivered; record on-time or late against the first promise and release what is left. */
export async function closeOrder(deps: OrderDeps, orderId: string) {
  const order = await loadOrder(deps, orderId);
  const delivered = await deps.orders.getArrivedEvent(orderId, 'DELIVERED');
  const deliveredOn = (delivered?.occurredAt ?? deps.now().toISOString()).slice(0, 10);
  const outcome = {
    deliveredOn,
    ...deliveryPunctuality(order.firstPromisedDate ?? order.promisedDate ?? deliveredOn, deliveredOn),
  };
  await deps.orders.transitionOrder(orderId, {
    to: 'DELIVERED',
    at: deps.now().toISOString(),
    summary: outcome.onTime
      ? `Delivered on time (${deliveredOn})`
      : `Delivered ${outcome.daysLate} day(s) late (${deliveredOn})`,
    patch: { outcome, completedStages: [...new Set([...order.completedStages, 'DELIVERED' as const])] },
  });
  await deps.promises.release(orderId);
  if (order.atRisk) await deps.orders.clearAtRisk(orderId);
  await deps.notify(notice(order, 'DELIVERED', 'DELIVERED', { deliveredOn }));
  await deps.orders.deleteWait(orderId, 'DELIVERED');
  return outcome;
}

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
