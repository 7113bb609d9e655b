import type { Order } from '../../../domain/order/types.ts';
import {
  NOTICE_FOR_STAGE,
  STATUS_AFTER,
  nextStageEvent,
  type StageEvent,
} from '../../../domain/order/stages.ts';
import { finishCancellation } from '../cancel.ts';
import { loadOrder, notice } from '../common.ts';
import type { OrderDeps } from '../ports.ts';

const STAGE_SUMMARY: Record<StageEvent, string> = {
  MATERIALS_READY: 'Materials ready',
  PRODUCTION_STARTED: 'In production',
  PRODUCTION_COMPLETED: 'Production finished',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
};

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
      // The quote names the likely date of the version it quotes, kept with the message's facts.
      const promise = await deps.promises.current(order.orderId);
      const likelyDate = promise?.version === (order.promiseVersion ?? 1) ? promise.likelyDate : undefined;
      await deps.notify(
        notice(current, 'QUOTE_READY', occurrence, {
          validUntil: current.quoteValidUntil,
          lines: order.lines,
          ...(likelyDate ? { likelyDate } : {}),
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
