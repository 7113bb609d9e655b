import type { Order } from '../../domain/order/types.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { CustomerFacts, Notice, OrderDeps } from './ports.ts';

/** Raised into the workflow (SendTaskFailure) when sales cancel; the ASL catches it by this name. */
export const ORDER_CANCELLED = 'OrderCancelled';

export async function loadOrder(deps: Pick<OrderDeps, 'orders'>, orderId: string): Promise<Order> {
  const order = await deps.orders.getOrder(orderId);
  if (!order) throw new NotFoundError(`Order ${orderId} does not exist`);
  return order;
}

export async function loadCustomer(deps: OrderDeps, order: Order): Promise<CustomerFacts> {
  const customer = await deps.customers.get(order.customerId);
  if (!customer)
    throw new NotFoundError(`Customer ${order.customerId} of order ${order.orderId} does not exist`);
  return customer;
}

/** A notice about the order, deduplicated by (kind, occurrence) per recipient and channel. */
export const notice = (
  order: Pick<Order, 'orderId' | 'customerId' | 'promisedDate'>,
  kind: string,
  occurrence: string,
  facts: Record<string, unknown> = {},
  critical = false,
): Notice => ({
  orderId: order.orderId,
  customerId: order.customerId,
  kind,
  occurrence,
  critical,
  facts: { orderId: order.orderId, promisedDate: order.promisedDate, ...facts },
});
