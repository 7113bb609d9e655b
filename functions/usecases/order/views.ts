import * as orders from '../../adapters/dynamodb/order-repository.ts';
import type { Order, TimelineEntry } from '../../adapters/dynamodb/entities/order.ts';
import { NotFoundError } from '../../shared/errors.ts';

const byEntity = (items: Record<string, unknown>[], entity: string) =>
  items.filter((item) => item.entity === entity);

/**
 * Everything sales see about one order, from a single partition query: lines, quote, promise with
 * basis and version, timeline and notifications. Waiting task tokens are never part of a view.
 */
export async function salesOrderView(orderId: string) {
  const items = await orders.getOrderPartition(orderId);
  const orderItem = items.find((item) => item.SK === 'ORDER');
  if (!orderItem) throw new NotFoundError(`Order ${orderId} does not exist`);
  const order = orders.stripKeys<Order & { requestHash?: string }>(orderItem);
  const { requestHash: _hash, lastTransitionId: _last, ...visible } = order;
  const promiseItem = items.find((item) => item.SK === 'PROMISE');
  return {
    ...visible,
    promise: promiseItem ? orders.stripKeys<Record<string, unknown>>(promiseItem) : null,
    timeline: byEntity(items, 'TIMELINE').map((item) => orders.stripKeys<TimelineEntry>(item)),
    notifications: items
      .filter((item) => String(item.SK).startsWith('NOTIFICATION#'))
      .map((item) => orders.stripKeys<Record<string, unknown>>(item)),
    waitingFor: byEntity(items, 'WAIT').map((item) => ({ stage: item.stage, since: item.since })),
  };
}

/** Timeline kinds a customer may see; internal notes, sales decisions, operator alerts and retries stay inside. */
const CUSTOMER_VISIBLE =
  /^(INQUIRY_RECEIVED|STATUS_(?!NEEDS_ATTENTION)|ERP_(MATERIALS_READY|PRODUCTION_STARTED|PRODUCTION_COMPLETED|SHIPPED|DELIVERED|DELAY_REPORTED))/;

/** What a tracking link shows: this order only, without internal reasons, notes or other customers' data. */
export async function customerOrderView(orderId: string) {
  const items = await orders.getOrderPartition(orderId);
  const orderItem = items.find((item) => item.SK === 'ORDER');
  if (!orderItem) throw new NotFoundError('No order for this link');
  const order = orders.stripKeys<Order>(orderItem);
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
    timeline: byEntity(items, 'TIMELINE')
      .filter((item) => CUSTOMER_VISIBLE.test(String(item.kind)))
      .map((item) => ({ at: item.at, status: item.status, summary: item.summary })),
  };
}
