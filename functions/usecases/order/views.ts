import type { Order } from '../../domain/order/types.ts';
import { NotFoundError } from '../../shared/errors.ts';
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

/** Timeline kinds a customer may see; internal notes, sales decisions, operator alerts and retries stay inside. */
const CUSTOMER_VISIBLE =
  /^(INQUIRY_RECEIVED|STATUS_(?!NEEDS_ATTENTION)|ERP_(MATERIALS_READY|PRODUCTION_STARTED|PRODUCTION_COMPLETED|SHIPPED|DELIVERED|DELAY_REPORTED))/;

/** What a tracking link shows: this order only, without internal reasons, notes or other customers' data. */
export async function customerOrderView(orderId: string, orders: Views = orderDeps().orders) {
  const view = await orders.getOrderView(orderId);
  if (!view) throw new NotFoundError('No order for this link');
  const { order } = view;
  return {
    orderId: order.orderId,
    // An order waiting for our people is, for its customer, still where it was.
    status:
      order.status === 'NEEDS_ATTENTION'
        ? (order.needsAttention?.previousStatus ?? order.status)
        : order.status,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      requestedDate: line.requestedDate,
    })),
    promisedDate: order.promisedDate ?? null,
    quoteValidUntil: order.status === 'QUOTED' ? (order.quoteValidUntil ?? null) : null,
    canDecide: order.status === 'QUOTED' && !order.decision,
    shipment: order.shipment ?? null,
    outcome: order.outcome ?? null,
    timeline: view.timeline
      .filter((entry) => CUSTOMER_VISIBLE.test(entry.kind))
      .map((entry) => ({ at: entry.at, status: entry.status, summary: entry.summary })),
  };
}
