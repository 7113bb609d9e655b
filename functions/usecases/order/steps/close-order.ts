import { deliveryPunctuality } from '../../../domain/order/rules.ts';
import { loadOrder, notice } from '../common.ts';
import type { OrderDeps } from '../ports.ts';

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
