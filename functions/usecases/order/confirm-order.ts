import { SupplyDataError } from '../../shared/errors.ts';
import { needAttention } from './attention.ts';
import { loadCustomer, loadOrder, notice } from './common.ts';
import type { OrderDeps, Reservation } from './ports.ts';

export type ConfirmOutcome = 'CONFIRMED' | 'NEEDS_SALES' | 'REQUOTE' | 'NEEDS_ATTENTION' | string;

/**
 * ConfirmOrder step: re-check the promise against current supply and reserve atomically.
 * 1. A moved date goes back to sales when the rules want a person, otherwise to the customer as a
 *    new quote.
 * 2. When no date can be promised at all any more (the quoted stock went to other orders and there
 *    is no other way to get it), the order goes to sales as NEEDS_ATTENTION with the cause in
 *    words; sales retry it once supply is fixed, or cancel it.
 */
export async function confirmOrder(deps: OrderDeps, orderId: string): Promise<{ outcome: ConfirmOutcome }> {
  const order = await loadOrder(deps, orderId);
  if (order.status !== 'QUOTED')
    return { outcome: order.status === 'ORDER_CONFIRMED' ? 'CONFIRMED' : order.status };
  const customer = await loadCustomer(deps, order);
  let reservation: Reservation;
  try {
    reservation = await deps.promises.reserve(order, customer);
  } catch (error) {
    if (!(error instanceof SupplyDataError)) throw error;
    await needAttention(deps, order, {
      error: 'NoDateCanBePromised',
      cause: `The customer accepted, but no delivery date can be promised any more: ${error.message}`,
    });
    return { outcome: 'NEEDS_ATTENTION' };
  }
  const at = deps.now().toISOString();
  if (reservation.outcome === 'moved') {
    await deps.orders.patchOrder(orderId, {
      promisedDate: reservation.promise.date,
      promiseVersion: reservation.promise.version,
    });
    await deps.orders.appendTimeline(orderId, {
      at,
      kind: `PROMISE_MOVED#v${reservation.promise.version}`,
      summary: `Supply changed before confirmation: the date moved from ${order.promisedDate} to ${reservation.promise.date}`,
    });
    const needsSales = customer.tier === 'A' || (order.confirmationReasons ?? []).length > 0;
    return { outcome: needsSales ? 'NEEDS_SALES' : 'REQUOTE' };
  }
  await deps.orders.transitionOrder(orderId, {
    to: 'ORDER_CONFIRMED',
    at,
    summary: `Order confirmed for delivery on ${reservation.promise.date}; stock and capacity reserved`,
    patch: { promisedDate: reservation.promise.date, promiseVersion: reservation.promise.version },
  });
  const { likelyDate } = reservation.promise;
  await deps.notify(
    notice(order, 'ORDER_CONFIRMED', 'confirmed', {
      promisedDate: reservation.promise.date,
      ...(likelyDate ? { likelyDate } : {}),
    }),
  );
  await deps.notify(notice(order, 'QUOTE_ACCEPTED', 'decision', { promisedDate: reservation.promise.date }));
  return { outcome: 'CONFIRMED' };
}
