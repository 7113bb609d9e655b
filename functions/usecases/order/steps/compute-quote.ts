import { salesConfirmationReasons } from '../../../domain/order/rules.ts';
import { loadCustomer, loadOrder } from '../common.ts';
import type { OrderDeps } from '../ports.ts';

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
