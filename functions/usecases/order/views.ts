import type { Order } from '../../domain/order/types.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { LinkAccess } from '../customer/access.ts';
import { customerOrderPage } from '../customer/wiring.ts';
import type { OrderRepository } from './ports.ts';
import { orderDeps } from './wiring.ts';

type Views = Pick<OrderRepository, 'getOrderView'>;

/**
 * Everything sales see about one order, from a single partition query: lines, quote, promise with
 * basis and version, timeline and notifications. Waiting task tokens are never part of a view.
 */
export async function salesOrderView(orderId: string, orders: Views = orderDeps().orders) {
  const view = await orders.getOrderView(orderId);
  if (!view) throw new NotFoundError(`Order ${orderId} does not exist`);
  const {
    requestHash: _hash,
    lastTransitionId: _last,
    ...visible
  } = view.order as Order & { requestHash?: string };
  return {
    ...visible,
    promise: view.promise ?? null,
    timeline: view.timeline,
    notifications: view.notifications,
    waitingFor: view.waits.map((wait) => ({ stage: wait.stage, since: wait.since })),
  };
}

/**
 * What a tracking link shows to integrations (JSON): this order only, and only customer-safe
 * facts. It is built from the same model as the order page, so the two never disagree; timeline
 * entries are event codes, never the summaries written for sales.
 */
export async function customerOrderView(
  access: LinkAccess,
  orders: Pick<OrderRepository, 'getOrder'> = orderDeps().orders,
) {
  const page = await customerOrderPage(access);
  const order = await orders.getOrder(access.orderId);
  return {
    orderId: page.orderId,
    status: page.status,
    lines: page.lines.map((line) => ({ sku: line.sku, name: line.name, quantity: line.quantity })),
    promisedDate: page.promisedDate ?? null,
    likelyDate: page.likelyDate ?? null,
    quoteValidUntil: page.quote?.state === 'open' ? (page.quote.validUntil ?? null) : null,
    // After a re-quote the earlier decision does not count: the customer decides the new version.
    canDecide: page.quote?.state === 'open',
    slip: page.slip ?? null,
    shipment: page.shipment ?? null,
    outcome: order?.outcome ?? null,
    timeline: page.history.map((event) => ({
      at: event.at,
      event: event.key.replace(/^history_/, ''),
      ...('cause' in event ? { cause: event.cause } : {}),
    })),
  };
}
