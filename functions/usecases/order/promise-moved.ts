import type { Order } from '../../domain/order/types.ts';
import type { BasisEntry } from '../../domain/promise/types.ts';
import type { OrderDeps } from './ports.ts';

export interface PromiseMove {
  readonly version: number;
  readonly previousDate: string | undefined;
  readonly newDate: string;
  readonly cause: readonly BasisEntry[];
  /** Why, for the at-risk list (e.g. "DELAY_REPORTED", "supply change"). */
  readonly reason: string;
}

/**
 * One line of the promise's version history (the order page shows them): old and new date, why,
 * and when. Keyed by version, so a retried step writes the same line again, not a second one.
 */
export async function recordPromiseVersion(
  deps: Pick<OrderDeps, 'orders'>,
  orderId: string,
  move: PromiseMove,
  at: string,
): Promise<void> {
  await deps.orders.appendTimeline(orderId, {
    at,
    kind: `PROMISE_V${move.version}`,
    summary: `Promise ${move.previousDate ?? 'none'} -> ${move.newDate} (${move.reason})`,
    data: {
      version: move.version,
      ...(move.previousDate ? { previousDate: move.previousDate } : {}),
      newDate: move.newDate,
      reason: move.reason,
      cause: move.cause,
    },
  });
}

/**
 * A promise moved to a later date: the order shows the new date and goes at risk, and the customer
 * (critical, so even in quiet hours) and the sales owner hear once per promise version, with the cause.
 */
export async function announcePromiseMoved(
  deps: Pick<OrderDeps, 'notify' | 'orders' | 'now'>,
  order: Pick<Order, 'orderId' | 'customerId'>,
  move: PromiseMove,
  extraFacts: Record<string, unknown> = {},
): Promise<void> {
  await deps.orders.patchOrder(
    order.orderId,
    { promisedDate: move.newDate, promiseVersion: move.version },
    { unlessTerminal: true },
  );
  await deps.orders.setAtRisk(
    order.orderId,
    `promise moved to ${move.newDate} (${move.reason})`,
    deps.now().toISOString(),
  );
  await recordPromiseVersion(deps, order.orderId, move, deps.now().toISOString());
  const facts = {
    orderId: order.orderId,
    previousDate: move.previousDate,
    newDate: move.newDate,
    promisedDate: move.newDate,
    cause: move.cause,
    ...extraFacts,
  };
  const occurrence = `v${move.version}`;
  await deps.notify({
    orderId: order.orderId,
    customerId: order.customerId,
    kind: 'PROMISE_CHANGED',
    occurrence,
    facts,
    critical: true,
  });
  await deps.notify({
    orderId: order.orderId,
    customerId: order.customerId,
    kind: 'ORDER_AT_RISK',
    occurrence,
    facts,
  });
}
