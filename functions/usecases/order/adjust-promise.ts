import type { OrderStatus } from '../../domain/order/status.ts';
import type { Order } from '../../domain/order/types.ts';
import { guardAdjustment, type Adjustment } from './adjust-guard.ts';
import { announcePromiseMoved } from './promise-moved.ts';
import type { OrderDeps } from './ports.ts';

/** After confirmation and before shipping, sales may still move a promise (a customer call, a delay). */
export const ADJUSTABLE_AFTER_CONFIRMATION: readonly OrderStatus[] = [
  'ORDER_CONFIRMED',
  'MATERIAL_PREP',
  'IN_PRODUCTION',
];

/**
 * Sales adjust the promise of a confirmed order.
 * 1. The guard refuses a past date, and an earlier-than-capable date without an override reason.
 * 2. A new promise version is stored (its basis says "sales override" when it is one).
 * 3. The order shows the date; an override or a later date puts it at risk.
 * 4. The customer is told once per version (the notice's dedupe key is the version).
 */
export async function adjustConfirmedPromise(deps: OrderDeps, order: Order, adjustment: Adjustment) {
  const { override } = await guardAdjustment(
    order.orderId,
    adjustment,
    deps.now(),
    await deps.promises.plantTimeZone(),
  );
  const reason = override
    ? `${adjustment.reason} (override: ${adjustment.overrideReason})`
    : adjustment.reason;
  const promise = await deps.promises.adjust(order.orderId, adjustment.date, reason, override);
  const at = deps.now().toISOString();
  await announcePromiseMoved(deps, order, {
    version: promise.version,
    previousDate: promise.previousDate,
    newDate: promise.date,
    cause: promise.cause ?? [],
    reason: override ? 'sales override' : 'sales adjustment',
  });
  const later = !!promise.previousDate && promise.date > promise.previousDate;
  // announcePromiseMoved flags every move; only a slip or an override is a risk.
  if (!later && !override) await deps.orders.clearAtRisk(order.orderId);
  await deps.orders.appendTimeline(order.orderId, {
    at,
    kind: override ? 'SALES_OVERRIDE' : 'SALES_ADJUST',
    summary: `Sales ${override ? 'overrode' : 'adjusted'} the promise from ${promise.previousDate} to ${promise.date}: ${reason}`,
  });
  return { orderId: order.orderId, action: 'adjust' as const, promisedDate: promise.date, override };
}
